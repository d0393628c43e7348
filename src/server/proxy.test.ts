// @vitest-environment node
// The proxy against the simulator over HTTP on 127.0.0.1: what passes, and a table of hostile requests.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SimulatorServer, startSimulatorServer, TEST_TOKEN } from '../../simulator/httpServer.ts';
import { createTicketChatClient } from '../client/createClient.ts';
import { createTicketChatProxy, type TicketChatProxyOptions } from './proxy.ts';
import { ROUTES, type Route } from './routes.ts';

let sim: SimulatorServer;
/** Every request the proxy sent upstream (URL and headers), through the real fetch. */
const upstream: { url: string; method: string; headers: Headers }[] = [];
const countingFetch: typeof fetch = (input, init) => {
  upstream.push({ url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers) });
  return fetch(input, init);
};
const PORTAL = 'http://portal.test';
const API = `${PORTAL}/osm/v2/servicerequest`;

const proxyWith = (extra: Partial<TicketChatProxyOptions> = {}) =>
  createTicketChatProxy({ target: sim.url, token: () => TEST_TOKEN, fetch: countingFetch, ...extra });

beforeAll(async () => {
  sim = await startSimulatorServer();
  sim.model.addTicket({ id: 'c1', messages: [{ content: 'hello from support' }] });
  sim.model.accessories.set('a1', {
    id: 'a1',
    name: 'page.html',
    bytes: new TextEncoder().encode('<script>x</script>'),
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  upstream.length = 0;
  sim.model.clearFaults();
});

describe('what passes', () => {
  it('a client with a placeholder token reads the thread through the proxy, with the server-side token', async () => {
    const proxy = proxyWith();
    const client = createTicketChatClient({
      endpoint: `${PORTAL}/osm`,
      token: 'browser-placeholder',
      fetch: (input, init) => proxy(new Request(input, init)),
    });
    const { messages } = await client.pollMessages({ caseIds: ['c1'] });
    expect(messages.map((m) => m.content)).toEqual(['hello from support']);
    expect(upstream).toHaveLength(1);
    expect(upstream[0]!.url).toBe(`${sim.url}/v2/servicerequest/cases/instant-messages?case_ids=c1`);
    expect(upstream[0]!.headers.get('x-auth-token')).toBe(TEST_TOKEN);
    expect(upstream[0]!.headers.get('x-language')).toBe('zh-cn');
    await client.sendMessage({ caseId: 'c1', content: 'sent through the proxy' });
    expect(sim.model.ticket('c1')!.messages.at(-1)!.content).toBe('sent through the proxy');
  });

  it('passes upstream statuses and error bodies through, scrubbing the token', async () => {
    sim.model.injectFault({
      kind: 'http',
      status: 403,
      code: 'OSM.0003',
      message: `no access for ${TEST_TOKEN}`,
    });
    const response = await proxyWith()(new Request(`${API}/cases/instant-messages?case_ids=c1`));
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error_code: 'OSM.0003', error_msg: 'no access for ***' });
    expect(text).not.toContain(TEST_TOKEN);
  });

  // Was: refused over 64 characters, while the client sends the service's cursor back whatever its length,
  // so one long cursor made every later poll a 400 (hostile review finding 8).
  it("passes the service's cursor back whatever its length", async () => {
    const cursor = `${'9'.repeat(300)} +/=`;
    const proxy = proxyWith();
    const url = `${API}/cases/instant-messages?case_ids=c1&last_message_time_id=${encodeURIComponent(cursor)}`;
    const answer = await proxy(new Request(url));
    // Forwarded as sent: what comes back is the service's word on it (the simulator, strict like the real
    // service, refuses a cursor it did not issue), never the proxy's own refusal.
    expect(upstream).toHaveLength(1);
    expect(new URL(upstream[0]!.url).searchParams.get('last_message_time_id')).toBe(cursor);
    expect(((await answer.json()) as { error_code: string }).error_code).not.toMatch(/^PROXY/);
  });

  it('passes Retry-After of a throttled answer', async () => {
    sim.model.injectFault({ kind: 'throttle', retryAfterSeconds: 7 });
    const response = await proxyWith()(new Request(`${API}/cases/instant-messages/unread?case_ids=c1`));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('serves an attachment as a download, never as a page of the portal', async () => {
    const response = await proxyWith()(new Request(`${API}/accessorys/a1`));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<script>x</script>');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('502 when the upstream is down, 504 when it does not answer in time', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = await proxyWith({ target: `http://127.0.0.1:${port}` })(
      new Request(`${API}/cases/instant-messages?case_ids=c1`),
    );
    expect(down.status).toBe(502);
    sim.model.injectFault({ kind: 'timeout' });
    const slow = await proxyWith({ timeoutMs: 50 })(new Request(`${API}/cases/instant-messages?case_ids=c1`));
    expect(slow.status).toBe(504);
    expect(await slow.json()).toMatchObject({ error_code: 'PROXY.504' });
  });
});

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
const big = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < bytes; sent += 16 * 1024) controller.enqueue(new Uint8Array(16 * 1024));
      controller.close();
    },
  });

interface Hostile {
  name: string;
  url: string;
  init?: RequestInit & { duplex?: 'half' };
  options?: Partial<TicketChatProxyOptions>;
  status: number;
  /** Requests that may reach the upstream (0: must be refused before it). */
  calls: number;
}

const table: Hostile[] = [
  {
    name: 'plain traversal to the IAM token endpoint',
    url: `${API}/../../v3/auth/tokens`,
    status: 404,
    calls: 0,
  },
  {
    name: 'percent-encoded traversal (%2e%2e)',
    url: `${API}/cases/%2e%2e/%2e%2e/%2e%2e/v3/auth/tokens`,
    status: 404,
    calls: 0,
  },
  { name: 'encoded slash inside an id', url: `${API}/cases/..%2F..%2Fv3/messages`, status: 400, calls: 0 },
  { name: 'encoded slash in a case id', url: `${API}/cases/a%2Fb/messages`, status: 400, calls: 0 },
  { name: 'encoded backslash', url: `${API}/cases/a%5C..%5Cb/messages`, status: 400, calls: 0 },
  { name: 'encoded dot segment as an id', url: `${API}/accessorys/%2E%2E%2Fx`, status: 400, calls: 0 },
  {
    name: 'control character in an id',
    url: `${API}/cases/a%0D%0AX-Auth-Token:%20x/messages`,
    status: 400,
    calls: 0,
  },
  { name: 'bad percent-encoding', url: `${API}/cases/%E0%A4%A/messages`, status: 400, calls: 0 },
  { name: 'empty segment', url: `${API}/cases//message`, init: json({}), status: 400, calls: 0 },
  { name: 'an id over 64 characters', url: `${API}/cases/${'x'.repeat(65)}/messages`, status: 400, calls: 0 },
  {
    name: 'another API of the account (IAM tokens)',
    url: `${PORTAL}/osm/v3/auth/tokens`,
    init: json({}),
    status: 404,
    calls: 0,
  },
  { name: 'the ticket list', url: `${API}/cases?limit=100`, status: 404, calls: 0 },
  { name: 'one ticket', url: `${API}/cases/c1`, status: 404, calls: 0 },
  {
    name: 'a v1 endpoint',
    url: `${PORTAL}/osm/v1/servicerequest/cases/instant-messages`,
    status: 404,
    calls: 0,
  },
  {
    name: 'outside the mount point',
    url: `${PORTAL}/osmx/v2/servicerequest/accessorys/limits`,
    status: 404,
    calls: 0,
  },
  { name: 'GET on the send endpoint', url: `${API}/cases/c1/message`, status: 405, calls: 0 },
  {
    name: 'DELETE an attachment',
    url: `${API}/accessorys/a1`,
    init: { method: 'DELETE' },
    status: 405,
    calls: 0,
  },
  {
    name: 'PUT on the poll endpoint',
    url: `${API}/cases/instant-messages`,
    init: { method: 'PUT', body: '{}' },
    status: 405,
    calls: 0,
  },
  {
    name: 'OPTIONS (no CORS for other origins)',
    url: `${API}/cases/instant-messages`,
    init: { method: 'OPTIONS' },
    status: 405,
    calls: 0,
  },
  {
    name: 'a JSON body over the cap, declared',
    url: `${API}/cases/c1/message`,
    init: { ...json({ message: { content: 'x'.repeat(70_000) } }) },
    status: 413,
    calls: 0,
  },
  {
    name: 'a JSON body over the cap, streamed without a length',
    url: `${API}/cases/c1/message`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big(1024 * 1024),
      duplex: 'half',
    },
    status: 413,
    calls: 0,
  },
  {
    name: 'an upload over the cap, streamed without a length',
    url: `${API}/accessorys`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      body: big(2 * 1024 * 1024),
      duplex: 'half',
    },
    options: { maxUploadBytes: 1024 * 1024 },
    status: 413,
    // The stream starts before the cap is reached; the upstream sees an aborted request.
    calls: 1,
  },
  {
    name: 'a form post (text/plain) to send a message',
    url: `${API}/cases/c1/message`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"message":{"content":"csrf"}}',
    },
    status: 415,
    calls: 0,
  },
  {
    name: 'a cross-site multipart upload',
    url: `${API}/accessorys`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Sec-Fetch-Site': 'cross-site' },
      body: '--x--',
    },
    status: 403,
    calls: 0,
  },
  {
    name: 'a cross-origin multipart upload without Sec-Fetch-Site (an HTML form of another site)',
    url: `${API}/accessorys`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', Origin: 'https://evil.example' },
      body: '--x--',
    },
    status: 403,
    calls: 0,
  },
  {
    name: 'a same-site upload (a sibling subdomain)',
    url: `${API}/accessorys`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Sec-Fetch-Site': 'same-site' },
      body: '--x--',
    },
    status: 403,
    calls: 0,
  },
  {
    name: 'a send from an opaque origin (Origin: null)',
    url: `${API}/cases/c1/message`,
    init: {
      ...json({ message: { content: 'x' } }),
      headers: { 'Content-Type': 'application/json', Origin: 'null' },
    },
    status: 403,
    calls: 0,
  },
  {
    name: 'an origin that is not in allowedOrigins',
    url: `${API}/cases/c1/message`,
    init: {
      ...json({ message: { content: 'x' } }),
      headers: { 'Content-Type': 'application/json', Origin: 'https://admin.portal.test.evil.example' },
    },
    options: { allowedOrigins: ['https://admin.portal.test'] },
    status: 403,
    calls: 0,
  },
  { name: 'a negative offset', url: `${API}/cases/c1/messages?offset=-1&limit=10`, status: 400, calls: 0 },
  { name: 'an offset over 65535', url: `${API}/cases/c1/messages?offset=65536`, status: 400, calls: 0 },
  { name: 'a limit over 100', url: `${API}/cases/c1/messages?limit=101`, status: 400, calls: 0 },
  { name: 'a limit that is not a number', url: `${API}/cases/c1/messages?limit=1e2`, status: 400, calls: 0 },
  {
    name: 'a limit that is not a number (older messages)',
    url: `${API}/cases/c1/instant-messages/more?create_time=2020-07-09%2000:00:00&type=0&limit=ten`,
    status: 400,
    calls: 0,
  },
  {
    name: 'a token function that never settles',
    url: `${API}/accessorys/limits`,
    options: { token: () => new Promise<string>(() => {}), timeoutMs: 50 },
    status: 504,
    calls: 0,
  },
  {
    name: 'a JSON body that never finishes arriving',
    url: `${API}/cases/c1/message`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(new TextEncoder().encode('{"message":')),
      }),
      duplex: 'half',
    },
    options: { timeoutMs: 50 },
    status: 408,
    calls: 0,
  },
  {
    name: 'a short token (a placeholder scrubbing could not tell from message text)',
    url: `${API}/accessorys/limits`,
    options: { token: () => 'test' },
    status: 401,
    calls: 0,
  },
  {
    name: 'a one-character token',
    url: `${API}/accessorys/limits`,
    options: { token: () => '"' },
    status: 401,
    calls: 0,
  },
  {
    name: 'a rate-limit key function that returns an empty key (one bucket for everyone)',
    url: `${API}/accessorys/limits`,
    options: { rateLimit: { key: () => '' } },
    status: 500,
    calls: 0,
  },
  {
    name: 'a rate-limit key function that returns no string',
    url: `${API}/accessorys/limits`,
    options: { rateLimit: { key: () => undefined as unknown as string } },
    status: 500,
    calls: 0,
  },
  {
    name: '101 case ids',
    url: `${API}/cases/instant-messages?${Array.from({ length: 101 }, (_, i) => `case_ids=c${i}`).join('&')}`,
    status: 400,
    calls: 0,
  },
  { name: 'no case ids', url: `${API}/cases/instant-messages/unread`, status: 400, calls: 0 },
  {
    name: 'a query value over 2048 characters',
    url: `${API}/cases/instant-messages?case_ids=c1&group_id=${'g'.repeat(2049)}`,
    status: 400,
    calls: 0,
  },
  {
    name: 'a token function that throws',
    url: `${API}/accessorys/limits`,
    options: {
      token: () => {
        throw new Error(`db down, token ${TEST_TOKEN}`);
      },
    },
    status: 500,
    calls: 0,
  },
  {
    name: 'a rate-limit key function that throws',
    url: `${API}/accessorys/limits`,
    options: {
      rateLimit: {
        key: () => {
          throw new Error('no session');
        },
      },
    },
    status: 500,
    calls: 0,
  },
  {
    name: 'a token function that returns nothing',
    url: `${API}/accessorys/limits`,
    options: { token: () => '' },
    status: 401,
    calls: 0,
  },
  {
    name: 'a token with CR/LF in it',
    url: `${API}/accessorys/limits`,
    options: { token: () => `${TEST_TOKEN}\r\nX-Evil: 1` },
    status: 401,
    calls: 0,
  },
];

describe('hostile requests', () => {
  // The proxy logs nothing: no line can carry the token or a request's details.
  const consoles = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
    vi.spyOn(console, name).mockImplementation(() => {}),
  );
  afterEach(() => {
    const calls = consoles.flatMap((spy) => spy.mock.calls);
    for (const spy of consoles) spy.mockClear();
    expect(calls).toEqual([]);
  });
  afterAll(() => {
    for (const spy of consoles) spy.mockRestore();
  });

  it.each(table)('$name → $status, upstream calls: $calls', async ({ url, init, options, status, calls }) => {
    const response = await proxyWith(options)(new Request(url, init));
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text).not.toContain(TEST_TOKEN);
    expect(JSON.parse(text)).toMatchObject({ error_code: `PROXY.${status}` });
    expect(upstream).toHaveLength(calls);
  });

  it('405 names the allowed methods', async () => {
    const response = await proxyWith()(new Request(`${API}/cases/c1/message`));
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('drops what the browser must not decide: its token, cookies, authorization, hop-by-hop and forwarding headers', async () => {
    const response = await proxyWith()(
      new Request(
        `http://evil.example/osm/v2/servicerequest/cases/instant-messages/unread?case_ids=c1&X-Auth-Token=x&url=http://evil`,
        {
          headers: {
            'X-Auth-Token': 'browser-token',
            Cookie: 'session=abc',
            Authorization: 'Bearer abc',
            'Proxy-Authorization': 'Basic abc',
            Host: 'evil.example',
            'X-Forwarded-Host': 'evil.example',
            'X-Forwarded-For': '10.0.0.1',
            Forwarded: 'host=evil.example',
            Connection: 'keep-alive, X-Auth-Token',
            'Keep-Alive': 'timeout=5',
            Upgrade: 'websocket',
            TE: 'trailers',
            'X-Language': 'en-us',
            'X-Time-Zone': 'GMT-3',
          },
        },
      ),
    );
    expect(response.status).toBe(200);
    expect(upstream).toHaveLength(1);
    const { url, headers } = upstream[0]!;
    expect(url).toBe(`${sim.url}/v2/servicerequest/cases/instant-messages/unread?case_ids=c1`);
    expect([...headers.keys()].sort()).toEqual(['accept', 'x-auth-token', 'x-language', 'x-time-zone']);
    expect(headers.get('x-auth-token')).toBe(TEST_TOKEN);
    expect(headers.get('x-time-zone')).toBe('GMT-3');
  });

  it.each([
    ['over 32 characters', 'x'.repeat(33)],
    ['non-ASCII', 'zh-cn\u00e9'],
    ['empty', ''],
  ])('an X-Language %s is not passed on (the service default applies)', async (_name, value) => {
    const response = await proxyWith()(
      new Request(`${API}/cases/instant-messages/unread?case_ids=c1`, { headers: { 'X-Language': value } }),
    );
    expect(response.status).toBe(200);
    expect(upstream[0]!.headers.has('x-language')).toBe(false);
  });

  it('the upstream never sees a cookie even when the token function reads it', async () => {
    const proxy = proxyWith({
      token: (request) => (request.headers.get('cookie') === 'sid=u1' ? TEST_TOKEN : ''),
    });
    const response = await proxy(new Request(`${API}/accessorys/limits`, { headers: { Cookie: 'sid=u1' } }));
    expect(response.status).toBe(200);
    expect(upstream[0]!.headers.has('cookie')).toBe(false);
  });

  it("a per-user token bucket refuses one user's burst before the gateway, not the others", async () => {
    const proxy = proxyWith({
      rateLimit: { key: (request) => request.headers.get('x-user') ?? '', burst: 2, perSecond: 0.001 },
    });
    const as = (user: string) =>
      proxy(new Request(`${API}/accessorys/limits`, { headers: { 'x-user': user } })).then((r) => r);
    expect((await as('u1')).status).toBe(200);
    expect((await as('u1')).status).toBe(200);
    const third = await as('u1');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await as('u2')).status).toBe(200);
    expect(upstream).toHaveLength(3);
  });
});

describe('streaming', () => {
  const MiB = 1024 * 1024;
  const TOTAL = 20 * MiB;
  let gated: Server;
  let gatedUrl: string;
  /** Bytes the test has read of the download; the upstream writes 1 MiB ahead of it at most. */
  let downloaded = 0;
  let onDownloaded: (() => void) | undefined;
  /** Bytes the upstream has received of the upload. */
  let uploaded = 0;
  let onUploaded: (() => void) | undefined;

  beforeAll(async () => {
    gated = createServer(async (req, res) => {
      if (req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
        for (let sent = 0; sent < TOTAL; sent += MiB) {
          // A proxy that buffered the whole body would never let the reader get this far: deadlock, test fails.
          while (downloaded < sent - MiB) await new Promise<void>((resolve) => (onDownloaded = resolve));
          res.write(new Uint8Array(MiB).fill(7));
        }
        res.end();
        return;
      }
      for await (const chunk of req) {
        uploaded += (chunk as Buffer).byteLength;
        onUploaded?.();
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ accessory_id: 'big' }));
    });
    await new Promise<void>((resolve) => gated.listen(0, '127.0.0.1', resolve));
    gatedUrl = `http://127.0.0.1:${(gated.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => gated.close(resolve)));

  it('a 20 MB download reaches the reader while the upstream is still sending', async () => {
    const response = await proxyWith({ target: gatedUrl })(new Request(`${API}/accessorys/big`));
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      downloaded += value.byteLength;
      onDownloaded?.();
    }
    expect(downloaded).toBe(TOTAL);
  });

  it('a 20 MB upload reaches the upstream while the browser is still sending', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= TOTAL) return controller.close();
        // The next MiB only once the upstream holds all but the last one: a buffering proxy deadlocks here.
        while (uploaded < sent - MiB) await new Promise<void>((resolve) => (onUploaded = resolve));
        controller.enqueue(new Uint8Array(MiB).fill(1));
        sent += MiB;
      },
    });
    const response = await proxyWith({ target: gatedUrl, maxUploadBytes: 32 * MiB })(
      new Request(`${API}/accessorys`, {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accessory_id: 'big' });
    expect(uploaded).toBe(TOTAL);
  });
});

describe('origins of state-changing requests', () => {
  const send = (headers: Record<string, string>, extra: Partial<TicketChatProxyOptions> = {}) =>
    proxyWith(extra)(
      new Request(`${API}/cases/c1/message`, {
        ...json({ message: { content: 'from an allowed page' } }),
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
    );

  it("passes a POST from the portal's own origin, same-origin fetches and allowedOrigins", async () => {
    expect((await send({ Origin: PORTAL })).status).toBe(200);
    expect((await send({ Origin: PORTAL, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    const admin = { allowedOrigins: ['https://admin.portal.test'] };
    expect(
      (await send({ Origin: 'https://admin.portal.test', 'Sec-Fetch-Site': 'same-site' }, admin)).status,
    ).toBe(200);
    expect(upstream).toHaveLength(3);
  });

  it('compares Origin with the Host the browser sent, not a host name the framework put in request.url', async () => {
    // As Next.js does behind `next start -H 127.0.0.1`: request.url says localhost.
    const proxy = proxyWith();
    const post = (headers: Record<string, string>) =>
      proxy(
        new Request('http://localhost:3000/osm/v2/servicerequest/cases/c1/message', {
          ...json({ message: { content: 'from the portal' } }),
          headers: { 'Content-Type': 'application/json', ...headers },
        }),
      );
    expect((await post({ Origin: 'http://127.0.0.1:3000', Host: '127.0.0.1:3000' })).status).toBe(200);
    const own = { Origin: 'http://127.0.0.1:3000', Host: '127.0.0.1:3000' };
    expect((await post({ ...own, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await post({ Origin: 'https://evil.example', Host: '127.0.0.1:3000' })).status).toBe(403);
    expect(upstream).toHaveLength(2);
  });
});

describe('origins of state-changing requests: the full origin, and Origin over Sec-Fetch-Site', () => {
  const post = (url: string, headers: Record<string, string>) =>
    proxyWith()(
      new Request(`${url}/osm/v2/servicerequest/cases/c1/message`, {
        ...json({ message: { content: 'from some page' } }),
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
    );

  it('refuses an Origin of the same host with another scheme (a plain-HTTP page of the host)', async () => {
    expect((await post('https://portal.test', { Origin: 'http://portal.test' })).status).toBe(403);
    expect((await post('http://portal.test', { Origin: 'https://portal.test' })).status).toBe(403);
    expect(upstream).toHaveLength(0);
    expect((await post('https://portal.test', { Origin: 'https://portal.test' })).status).toBe(200);
    expect(upstream).toHaveLength(1);
  });

  it('refuses a foreign Origin even with Sec-Fetch-Site: same-origin, and any contradiction of the two', async () => {
    const cases: Record<string, string>[] = [
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'same-origin' },
      { Origin: 'http://portal.test', 'Sec-Fetch-Site': 'same-origin' },
      { Origin: 'https://portal.test', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
    ];
    for (const headers of cases) expect((await post('https://portal.test', headers)).status).toBe(403);
    expect(upstream).toHaveLength(0);
  });

  it('decides by Sec-Fetch-Site only when there is no Origin', async () => {
    expect((await post('https://portal.test', { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await post('https://portal.test', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect(upstream).toHaveLength(1);
  });
});

describe('options', () => {
  it.each<[string, Partial<TicketChatProxyOptions>]>([
    ['timeoutMs 0', { timeoutMs: 0 }],
    ['timeoutMs -1', { timeoutMs: -1 }],
    ['timeoutMs Infinity', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }],
    ['maxJsonBytes Infinity', { maxJsonBytes: Number.POSITIVE_INFINITY }],
    ['maxUploadBytes -5', { maxUploadBytes: -5 }],
    ['rateLimit without key', { rateLimit: {} as never }],
    ['rateLimit burst Infinity', { rateLimit: { key: () => 'u', burst: Number.POSITIVE_INFINITY } }],
    ['allowedOrigins with a path', { allowedOrigins: ['https://admin.portal.test/'] }],
    ['fetch that is not a function', { fetch: 'fetch' as never }],
  ])('%s is a TypeError at creation', (_name, extra) => {
    expect(() => proxyWith(extra)).toThrow(TypeError);
  });

  it('the exported ROUTES is frozen all the way down: nothing opens another endpoint', async () => {
    const routes = ROUTES as Route[];
    expect(() => routes.push({ path: '/cases', method: 'GET', query: ['limit'], body: 'none' })).toThrow(
      TypeError,
    );
    expect(() => {
      (routes[0] as { path: string }).path = '/cases';
    }).toThrow(TypeError);
    expect(() => (routes[0]!.query as string[]).push('x')).toThrow(TypeError);
    expect((await proxyWith()(new Request(`${API}/cases?limit=1`))).status).toBe(404);
    expect(upstream).toHaveLength(0);
  });
});

/** The token's base64 (standard and URL-safe) at each of the 3 offsets it may have inside a longer encoded text. */
const base64Spellings = (token: string) =>
  [0, 1, 2].flatMap((skip) => {
    const inner = btoa('\0'.repeat(skip) + token).slice(skip && 4, 4 * Math.floor((token.length + skip) / 3));
    return [inner, inner.replace(/\+/g, '-').replace(/\//g, '_')];
  });

/** Whether the token, in any spelling (any letter case, percent-encoded, JSON-escaped, base64), is readable. */
function leaks(text: string, token: string): boolean {
  if (base64Spellings(token).some((form) => text.includes(form))) return true;
  if (text.toLowerCase() !== text) return leaks(text.toLowerCase(), token.toLowerCase());
  const decoded = text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  if (decoded.includes(token)) return true;
  try {
    return leaks(JSON.stringify(JSON.parse(text)).replace(/\\u([0-9a-f]{4})/gi, ''), token) || false;
  } catch {
    return false;
  }
}

/** Every character percent-encoded, as a URL inside a message might carry it. */
const percentEncoded = (text: string) =>
  [...text].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');

interface HostileAnswer {
  name: string;
  /** Path below /v2/servicerequest. */
  path: string;
  /** What the upstream answers, given the token it received. */
  answer: (token: string) => {
    status: number;
    headers?: Record<string, string>;
    body: string | Uint8Array;
    /** Writes the body instead of `body` (for downloads that pause or stall). */
    write?: (res: ServerResponse) => void;
  };
  token?: string;
  status: number;
  /** The body the browser gets, when it is fixed. */
  body?: string;
}

/** The text in UTF-16, little-endian or big-endian. */
const utf16 = (text: string, bigEndian = false) => {
  const bytes = Buffer.from(text, 'utf16le');
  return new Uint8Array(bigEndian ? bytes.swap16() : bytes);
};
const BAD_ANSWER = '{"error_code":"PROXY.502","error_msg":"Bad upstream answer"}';

const SLASH_TOKEN = 'iam/token-with/slashes-0123456789';
/** Mixed case, with base64's own characters (the token of the finding's reproduction). */
const MIXED_TOKEN = 'SrvSeCrEt+tok/1==';
const answers: HostileAnswer[] = [
  {
    name: 'the token with JSON \\u escapes in error_msg',
    path: '/accessorys/limits',
    answer: (token) => ({
      status: 403,
      headers: { 'Content-Type': 'application/json' },
      body: `{"error_code":"OSM.0003","error_msg":"no access for ${token.replace(/-/g, '\\u002d')}"}`,
    }),
    status: 403,
    body: '{"error_code":"OSM.0003","error_msg":"no access for ***"}',
  },
  {
    name: 'the token with escaped slashes',
    path: '/accessorys/limits',
    token: SLASH_TOKEN,
    answer: (token) => ({
      status: 400,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: `{"error_msg":"bad ${token.replace(/\//g, '\\/')}"}`,
    }),
    status: 400,
    body: '{"error_code":"PROXY.400","error_msg":"bad ***"}',
  },
  {
    name: 'the URL-encoded token inside a JSON value',
    path: '/accessorys/a1/access-url',
    answer: (token) => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_url: `https://obs.example/x?token=${percentEncoded(token)}` }),
    }),
    status: 200,
    body: '{"access_url":"***"}',
  },
  {
    name: 'the token in a message beside a numeric cursor above 2^53 (only the string is written again)',
    path: '/cases/instant-messages?case_ids=c1',
    answer: (token) => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: `{"immsg":[{"message_list":[{"content":"it is ${token}"}]}], "last_message_time_id": 12345678901234567890}`,
    }),
    status: 200,
    body: '{"immsg":[{"message_list":[{"content":"it is ***"}]}], "last_message_time_id": 12345678901234567890}',
  },
  {
    name: 'the token as a JSON key of an error (no envelope: the generic one)',
    path: '/accessorys/limits',
    answer: (token) => ({
      status: 500,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ [token]: 'session' }),
    }),
    status: 500,
  },
  {
    name: 'a text/html gateway error page with the token',
    path: '/cases/instant-messages?case_ids=c1',
    answer: (token) => ({
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: `<html><body>Bad gateway. Request headers: X-Auth-Token: ${token}</body></html>`,
    }),
    status: 502,
  },
  {
    name: 'a text/plain 200 echoing the token',
    path: '/accessorys/limits',
    answer: (token) => ({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: `token=${token}` }),
    status: 200,
  },
  {
    name: 'an error with no content type and the percent-encoded token',
    path: '/accessorys/limits',
    answer: (token) => ({ status: 500, body: `failed for ${percentEncoded(token)}` }),
    status: 500,
  },
  {
    name: 'a download error page with the token',
    path: '/accessorys/a1',
    answer: (token) => ({
      status: 404,
      headers: { 'Content-Type': 'text/html' },
      body: `no file for ${token}`,
    }),
    status: 404,
  },
  {
    name: 'a gateway error page without the token (the generic envelope, its status kept)',
    path: '/accessorys/limits',
    answer: () => ({
      status: 503,
      headers: { 'Content-Type': 'text/html' },
      body: '<h1>Service unavailable</h1>',
    }),
    status: 503,
  },
  {
    name: 'message text with a word of the token and a large number (passed as sent, never re-serialised)',
    path: '/cases/c1/messages',
    answer: () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"count":12345678901234567890,"message_list":[{"content":"a \\"test\\" token-0123"}]}',
    }),
    status: 200,
    body: '{"count":12345678901234567890,"message_list":[{"content":"a \\"test\\" token-0123"}]}',
  },
  {
    name: 'a text/html gateway error page with the token lowercased and in base64 (the finding F11)',
    path: '/cases/instant-messages/unread?case_ids=c1',
    token: MIXED_TOKEN,
    answer: (token) => ({
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: `<html>error ${token.toLowerCase()} ${btoa(token)}</html>`,
    }),
    status: 502,
    body: '{"error_code":"PROXY.502","error_msg":"The ticket API answered with an error"}',
  },
  {
    name: 'an error envelope with more fields: only error_code and error_msg pass, each scrubbed',
    path: '/accessorys/limits',
    token: MIXED_TOKEN,
    answer: (token) => ({
      status: 401,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        error_code: 'APIGW.0301',
        error_msg: `Incorrect IAM authentication information: ${token.toUpperCase()}`,
        request_id: 'r1',
        debug: { headers: `X-Auth-Token: ${token}` },
      }),
    }),
    status: 401,
    body: '{"error_code":"APIGW.0301","error_msg":"***"}',
  },
  {
    name: 'an error envelope with a numeric error_code, behind an HTML content type',
    path: '/accessorys/limits',
    answer: () => ({
      status: 400,
      headers: { 'Content-Type': 'text/html' },
      body: '{"error_code":1001,"error_msg":"bad request"}',
    }),
    status: 400,
    body: '{"error_code":"1001","error_msg":"bad request"}',
  },
  {
    name: 'an error with JSON that is no envelope (an array)',
    path: '/accessorys/limits',
    answer: () => ({ status: 500, headers: { 'Content-Type': 'application/json' }, body: '["oops"]' }),
    status: 500,
    body: '{"error_code":"PROXY.500","error_msg":"The ticket API answered with an error"}',
  },
  {
    name: 'message text with the token in base64 inside a longer encoded header dump',
    path: '/cases/c1/messages',
    token: MIXED_TOKEN,
    answer: (token) => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        message_list: [{ content: btoa(`Host: osm\r\nX-Auth-Token: ${token}\r\n`) }, { content: 'kept' }],
      }),
    }),
    status: 200,
    body: '{"message_list":[{"content":"***"},{"content":"kept"}]}',
  },
  {
    name: 'an access URL with the URL-safe base64 token, unpadded',
    path: '/accessorys/a1/access-url',
    token: MIXED_TOKEN,
    answer: (token) => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        access_url: `https://obs.example/x?t=${btoa(`x${token}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`,
      }),
    }),
    status: 200,
    body: '{"access_url":"***"}',
  },
  {
    name: 'a text/plain 200 echoing the token lowercased',
    path: '/accessorys/limits',
    token: MIXED_TOKEN,
    answer: (token) => ({
      status: 200,
      headers: { 'Content-Type': 'text/plain' },
      body: `token=${token.toLowerCase()}`,
    }),
    status: 200,
  },
  // The scrubber reads UTF-8 JSON and text: on JSON endpoints any other success answer is refused.
  ...[
    'application/octet-stream',
    'image/png',
    'application/x-ndjson',
    'application/javascript',
    'application/xml',
    'multipart/mixed; boundary=b',
    // Only the media type names JSON, not a parameter.
    'application/octet-stream; profile=json',
  ].map(
    (type): HostileAnswer => ({
      name: `a ${type} 200 with the token on a JSON endpoint`,
      path: '/cases/instant-messages/unread?case_ids=c1',
      answer: (token) => ({
        status: 200,
        headers: { 'Content-Type': type },
        body: `{"case_unread_list":[],"token":"${token}"}`,
      }),
      status: 502,
      body: BAD_ANSWER,
    }),
  ),
  // Answers the proxy cannot read as UTF-8 text: refused, whatever they hold.
  ...(
    [
      [
        'a poll answer in UTF-16 with its charset',
        '/cases/instant-messages?case_ids=c1',
        'application/json; charset=utf-16le',
        (token: string) => utf16(`{"instant_message_list":[{"content":"${token}"}]}`),
      ],
      [
        'a poll answer in UTF-16 with a BOM, typed plain JSON',
        '/cases/instant-messages?case_ids=c1',
        'application/json',
        (token: string) => utf16(`\ufeff{"instant_message_list":[{"content":"${token}"}]}`),
      ],
      [
        'an unread answer in UTF-16BE, no BOM, typed text',
        '/cases/instant-messages/unread?case_ids=c1',
        'text/plain',
        (token: string) => utf16(`{"token":"${token}"}`, true),
      ],
      [
        'a text answer declaring another charset',
        '/accessorys/limits',
        'text/plain; charset=utf-7',
        (token: string) => `token=${token}`,
      ],
    ] as const
  ).map(
    ([name, path, type, body]): HostileAnswer => ({
      name,
      path,
      answer: (token) => ({ status: 200, headers: { 'Content-Type': type }, body: body(token) }),
      status: 502,
      body: BAD_ANSWER,
    }),
  ),
  {
    name: 'a JSON answer declaring charset=UTF-8 (passed as sent)',
    path: '/accessorys/limits',
    answer: () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json;charset=UTF-8' },
      body: '{"limit_size":10}',
    }),
    status: 200,
    body: '{"limit_size":10}',
  },
  {
    name: 'a JSON answer with a byte that is not UTF-8 and no token (read as a browser reads it: U+FFFD)',
    path: '/cases/instant-messages?case_ids=c1',
    answer: () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.concat([Buffer.from('{"content":"a'), Buffer.from([0xff]), Buffer.from('b"}')]),
    }),
    status: 200,
    body: '{"content":"a\ufffdb"}',
  },
  {
    name: 'a JSON answer over 8 MiB',
    path: '/cases/instant-messages?case_ids=c1',
    answer: () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: `{"instant_message_list":[],"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`,
    }),
    status: 502,
  },
];

describe('hostile upstream answers', () => {
  let hostile: Server;
  let hostileUrl: string;
  let current: HostileAnswer['answer'] = () => ({ status: 204, body: '' });
  beforeAll(async () => {
    hostile = createServer((req, res) => {
      const { status, headers, body, write } = current(String(req.headers['x-auth-token']));
      res.writeHead(status, headers);
      if (write) write(res);
      else res.end(body);
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    hostile.closeAllConnections();
    return new Promise((resolve) => hostile.close(resolve));
  });

  it.each(answers)(
    '$name → $status, no token in any spelling',
    async ({ path, answer, token, status, body }) => {
      current = answer;
      const secret = token ?? TEST_TOKEN;
      const response = await proxyWith({ target: hostileUrl, token: () => secret })(
        new Request(`${API}${path}`),
      );
      expect(response.status).toBe(status);
      const text = await response.text();
      // NULs dropped: the token in UTF-16 or UTF-32, decoded as UTF-8, is readable without them.
      expect(leaks(text.replace(/\0/g, ''), secret)).toBe(false);
      if (body !== undefined) expect(text).toBe(body);
      else expect(JSON.parse(text)).toMatchObject({ error_code: `PROXY.${status}` });
    },
  );

  it('a throttled HTML answer keeps its status and Retry-After; a header with the token in base64 is dropped', async () => {
    current = (token) => ({
      status: 429,
      headers: { 'Content-Type': 'text/html', 'Retry-After': '7', ETag: `"${btoa(token)}"` },
      body: `<html>Too many requests for ${btoa(token)}</html>`,
    });
    const response = await proxyWith({ target: hostileUrl })(new Request(`${API}/accessorys/limits`));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      error_code: 'PROXY.429',
      error_msg: 'The ticket API answered with an error',
    });
  });

  it('a download served as JSON with an inline HTML disposition is streamed as an attachment', async () => {
    current = () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'Content-Disposition': 'inline; filename="x.html"' },
      body: `{"looks":"like json", "token":"${TEST_TOKEN}"}`,
    });
    const response = await proxyWith({ target: hostileUrl })(new Request(`${API}/accessorys/a1`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment');
    // A file is the user's own bytes: passed untouched.
    expect(await response.text()).toBe(`{"looks":"like json", "token":"${TEST_TOKEN}"}`);
  });

  it('a JSON-typed download slower than timeoutMs is streamed, not buffered into a 504', async () => {
    let release: () => void = () => {};
    const firstRead = new Promise<void>((resolve) => (release = resolve));
    current = () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '',
      // The rest only once the browser has read the start: a proxy that buffers would wait past timeoutMs.
      write: (res) => {
        res.write('{"part":1,');
        void firstRead.then(() => res.end('"part2":2}'));
      },
    });
    const response = await proxyWith({ target: hostileUrl, timeoutMs: 2000 })(
      new Request(`${API}/accessorys/a1`),
    );
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    release();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
    }
    expect(text).toBe('{"part":1,"part2":2}');
  });

  it('a download that stalls after its headers is broken off after timeoutMs idle', async () => {
    current = () => ({
      status: 200,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: '',
      write: (res) => void res.write(new Uint8Array(1024)),
    });
    const response = await proxyWith({ target: hostileUrl, timeoutMs: 100 })(
      new Request(`${API}/accessorys/a1`),
    );
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });
});
