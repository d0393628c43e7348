import { HttpResponse, http } from 'msw';
import { API, BASE, installServer, rejectionOf } from '../../test/support/msw.ts';
import { createTicketChatClient } from './createClient.ts';
import { TicketChatError } from './errors.ts';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './request.ts';

const { server, log } = installServer();
const TOKEN = 'secret-token-XYZ';
const client = (extra: Partial<Parameters<typeof createTicketChatClient>[0]> = {}) =>
  createTicketChatClient({ endpoint: BASE, token: TOKEN, ...extra });

const unreadUrl = `${API}/cases/instant-messages/unread`;
const ok = () => HttpResponse.json({ imunread: [{ status: 1, incident_id: 'c1', unread_num: 2 }] });

async function errorOf(promise: Promise<unknown>): Promise<TicketChatError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(TicketChatError);
  return error as TicketChatError;
}

describe('headers and URLs', () => {
  it('sends the token, language and zone headers with defaults', async () => {
    server.use(http.get(unreadUrl, ok));
    await client().listUnread({ caseIds: ['c1'] });
    const h = log[0]!.headers;
    expect(h.get('x-auth-token')).toBe(TOKEN);
    expect(h.get('x-language')).toBe('zh-cn');
    expect(h.get('x-time-zone')).toBe('GMT+8');
    expect(log[0]!.url).not.toContain(TOKEN);
  });

  it('sends the configured language and zone', async () => {
    server.use(http.get(unreadUrl, ok));
    await client({ language: 'en-us', timeZone: 'Asia/Shanghai' }).listUnread({ caseIds: ['c1'] });
    expect(log[0]!.headers.get('x-language')).toBe('en-us');
    expect(log[0]!.headers.get('x-time-zone')).toBe('Asia/Shanghai');
  });

  it('repeats case_ids, de-duplicates them and adds group_id', async () => {
    server.use(http.get(unreadUrl, () => HttpResponse.json({ imunread: [] })));
    await client().listUnread({ caseIds: ['a', 'b', 'a', 'c d'], groupId: 'g/1' });
    const url = new URL(log[0]!.url);
    expect(url.searchParams.getAll('case_ids')).toEqual(['a', 'b', 'c d']);
    expect(url.searchParams.get('group_id')).toBe('g/1');
  });

  it.each([
    ['http://api.test/osm/', 'http://api.test/osm/v2/servicerequest/'],
    ['http://api.test/x//', 'http://api.test/x/v2/servicerequest/'],
    ['/osm', `${location.origin}/osm/v2/servicerequest/`],
    ['/osm/', `${location.origin}/osm/v2/servicerequest/`],
  ])('endpoint %s resolves to %s…', async (endpoint, prefix) => {
    server.use(http.get('*/v2/servicerequest/cases/instant-messages/unread', ok));
    await client({ endpoint }).listUnread({ caseIds: ['c1'] });
    expect(log[0]!.url.startsWith(`${prefix}cases/instant-messages/unread?`)).toBe(true);
  });

  it('encodes path segments', async () => {
    server.use(
      http.post(`${API}/cases/:id/message`, () => HttpResponse.json({})),
      http.get(`${API}/accessorys/:id`, () => new HttpResponse('x')),
    );
    await client().sendMessage({ caseId: 'a/b?c#d', content: 'hi' });
    await client().downloadAttachment({ attachmentId: 'x/../y' });
    expect(log[0]!.url).toBe(`${API}/cases/a%2Fb%3Fc%23d/message`);
    expect(log[1]!.url).toBe(`${API}/accessorys/x%2F..%2Fy`);
  });

  it('looks up globalThis.fetch at call time', async () => {
    const c = client();
    const original = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
      calls++;
      return original(...args);
    }) as typeof fetch;
    try {
      server.use(http.get(unreadUrl, ok));
      await c.listUnread({ caseIds: ['c1'] });
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toBe(1);
  });

  it('uses options.fetch when given', async () => {
    server.use(http.get(unreadUrl, ok));
    let calls = 0;
    const own: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    expect(await client({ fetch: own }).listUnread({ caseIds: ['c1'] })).toEqual([
      { caseId: 'c1', unread: 2, status: 1 },
    ]);
    expect(calls).toBe(1);
  });
});

describe('auth', () => {
  const expired = () => HttpResponse.json({ error_code: 'OSM.0002', error_msg: 'expired' }, { status: 401 });

  it('asks the token function again after a 401 and retries once', async () => {
    const tokens = ['old', 'new'];
    const token = vi.fn(async () => tokens.shift()!);
    server.use(
      http.get(unreadUrl, ({ request }) =>
        request.headers.get('x-auth-token') === 'new' ? ok() : expired(),
      ),
    );
    expect(await client({ token }).listUnread({ caseIds: ['c1'] })).toHaveLength(1);
    expect(token).toHaveBeenCalledTimes(2);
    expect(log.map((r) => r.headers.get('x-auth-token'))).toEqual(['old', 'new']);
  });

  it('a second 401 is an auth error (no third request)', async () => {
    const token = vi.fn(() => 'still-bad');
    server.use(http.get(unreadUrl, expired));
    const error = await errorOf(client({ token }).listUnread({ caseIds: ['c1'] }));
    expect(error).toMatchObject({ kind: 'auth', status: 401, code: 'OSM.0002', retryable: false });
    expect(log).toHaveLength(2);
    expect(token).toHaveBeenCalledTimes(2);
  });

  it('with a string token a 401 is an auth error at once', async () => {
    server.use(http.get(unreadUrl, expired));
    const error = await errorOf(client().listUnread({ caseIds: ['c1'] }));
    expect(error).toMatchObject({ kind: 'auth', status: 401, code: 'OSM.0002' });
    expect(log).toHaveLength(1);
  });

  it('a failing or empty token function is an auth error, no request', async () => {
    const boom = await errorOf(
      client({
        token: () => {
          throw new Error('x');
        },
      }).listUnread({ caseIds: ['c1'] }),
    );
    expect(boom.kind).toBe('auth');
    expect((await errorOf(client({ token: async () => '' }).listUnread({ caseIds: ['c1'] }))).kind).toBe(
      'auth',
    );
    expect(log).toHaveLength(0);
  });

  it.each([
    ['a line break', 'a\nb'],
    ['a character beyond Latin-1', 'tök€n'],
    ['NUL', 'a\0b'],
  ])(
    'a token with %s is an input error naming the argument, not the token; no request',
    async (_what, bad) => {
      server.use(http.get(unreadUrl, ok));
      for (const token of [bad, () => bad]) {
        const error = await errorOf(client({ token }).pollMessages({ caseIds: ['c1'] }));
        expect(error).toMatchObject({ kind: 'input', retryable: false });
        expect(error.message).toMatch(/^token: /);
        expect(error.message).not.toContain(bad);
      }
      expect(log).toHaveLength(0);
    },
  );

  it('never puts the token into an error message (even when the server echoes it)', async () => {
    server.use(
      http.get(unreadUrl, () =>
        HttpResponse.json({ error_code: 'OSM.0003', error_msg: `bad token ${TOKEN}` }, { status: 403 }),
      ),
    );
    const error = await errorOf(client().listUnread({ caseIds: ['c1'] }));
    expect(error.message).not.toContain(TOKEN);
    expect(String(error.stack)).not.toContain(TOKEN);
    expect(error).toMatchObject({ kind: 'http', status: 403, code: 'OSM.0003', retryable: false });
  });
});

// Was: only the exact token was cut out, so an encoded or re-cased echo reached e.message and, for a send
// refused inside HTTP 200, the DOM (attack2 finding 5).
it.each([
  ['percent-encoded', 'MIIT%2Btok%2Fen%3D%3Dabc'],
  ['lower-case hex, twice encoded', 'MIIT%252btok%252fen%253d%253dabc'],
  ['lower-cased', 'miit+tok/en==abc'],
  ['upper-cased, partly encoded', 'MIIT+TOK%2FEN==ABC'],
  // Was passed through (hostile review finding 3): the alert showed "invalid token TUlJVCt0…".
  ['in base64', 'TUlJVCt0b2svZW49PWFiYw=='],
  ['in URL-safe base64, unpadded', 'TUlJVCt0b2svZW49PWFiYw'],
])('a %s echo of the token is redacted from error messages and codes', async (_label, echo) => {
  const token = 'MIIT+tok/en==abc';
  server.use(
    http.post(`${API}/cases/c1/message`, () =>
      HttpResponse.json({ error_code: `X.${echo}`, error_msg: `rejected for X-Auth-Token=${echo}.` }),
    ),
  );
  const error = await errorOf(client({ token }).sendMessage({ caseId: 'c1', content: 'hi' }));
  expect(error).toMatchObject({ kind: 'api', message: 'rejected for X-Auth-Token=***.', code: 'X.***' });
});

describe('HTTP and API errors', () => {
  it.each([
    [500, 'OSM.0004', true],
    [503, undefined, true],
    [400, 'OSM.0001', false],
    [403, 'OSM.0003', false],
    [408, undefined, true],
    [429, undefined, true],
  ])('status %i → http, code %s, retryable %s', async (status, code, retryable) => {
    server.use(
      http.get(unreadUrl, () =>
        code
          ? HttpResponse.json({ error_code: code, error_msg: 'server says no' }, { status })
          : new HttpResponse(null, { status }),
      ),
    );
    const error = await errorOf(client().listUnread({ caseIds: ['c1'] }));
    expect(error).toMatchObject({ kind: 'http', status, code, retryable });
    expect(error.message).toBe(code ? 'server says no' : `HTTP ${status}`);
  });

  it('an HTML error page → generic message, no body dump', async () => {
    server.use(
      http.get(unreadUrl, () =>
        HttpResponse.html('<html><body>Bad gateway secret</body></html>', { status: 502 }),
      ),
    );
    const error = await errorOf(client().listUnread({ caseIds: ['c1'] }));
    expect(error).toMatchObject({ kind: 'http', status: 502, retryable: true, message: 'HTTP 502' });
    expect(error.code).toBeUndefined();
  });

  it('Retry-After in seconds and as an HTTP date', async () => {
    server.use(
      http.get(unreadUrl, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '7' } })),
    );
    expect((await errorOf(client().listUnread({ caseIds: ['c1'] }))).retryAfterMs).toBe(7000);
    const date = new Date(Date.now() + 60_000).toUTCString();
    server.use(
      http.get(unreadUrl, () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': date } })),
    );
    const ms = (await errorOf(client().listUnread({ caseIds: ['c1'] }))).retryAfterMs!;
    expect(ms).toBeGreaterThan(50_000);
    expect(ms).toBeLessThanOrEqual(60_000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')),
    ).toBe(60_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2016-01-01'))).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  // Was obeyed as sent: 99999999 s stopped the chat for good, and past 2^31 - 1 ms React Query's
  // interval timer fires at once, so a huge one polled in a loop.
  it('caps a Retry-After at five minutes, in seconds or as a date', async () => {
    expect(MAX_RETRY_AFTER_MS).toBe(300_000);
    expect(parseRetryAfter('99999999')).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('9'.repeat(400))).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT')).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('299.9')).toBe(299_900);
    server.use(
      http.get(unreadUrl, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '86400' } })),
    );
    expect((await errorOf(client().listUnread({ caseIds: ['c1'] }))).retryAfterMs).toBe(MAX_RETRY_AFTER_MS);
  });

  it('APIG.0308 throttling is retryable with a default back-off in seconds', async () => {
    server.use(
      http.get(unreadUrl, () =>
        HttpResponse.json(
          { error_code: 'APIG.0308', error_msg: 'The request is throttled.' },
          { status: 429 },
        ),
      ),
    );
    const error = await errorOf(client().listUnread({ caseIds: ['c1'] }));
    expect(error).toMatchObject({ kind: 'http', code: 'APIG.0308', retryable: true });
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(1000);
    server.use(
      http.get(unreadUrl, () =>
        HttpResponse.json({ error_code: 'APIG.0308' }, { status: 403, headers: { 'Retry-After': '3' } }),
      ),
    );
    expect(await errorOf(client().listUnread({ caseIds: ['c1'] }))).toMatchObject({
      retryable: true,
      retryAfterMs: 3000,
    });
  });

  it('an error_code inside HTTP 200 is an api error, never an empty result', async () => {
    server.use(
      http.get(`${API}/cases/instant-messages`, () =>
        HttpResponse.json({ error_code: 'OSM.01010001', error_msg: 'Parameter validation failed' }),
      ),
    );
    const error = await errorOf(client().pollMessages({ caseIds: ['c1'] }));
    expect(error).toMatchObject({
      kind: 'api',
      status: 200,
      code: 'OSM.01010001',
      message: 'Parameter validation failed',
      retryable: false,
    });
  });

  it.each([null, '', '0', 'OSM.00000000', 0])('error_code %j is a success marker', async (code) => {
    server.use(
      http.get(`${API}/cases/instant-messages`, () =>
        HttpResponse.json({ error_code: code, error_msg: null, immsg: [], last_message_time_id: '5' }),
      ),
    );
    expect((await client().pollMessages({ caseIds: ['c1'] })).cursor).toBe('5');
  });

  it.each([
    ['an HTML page', () => HttpResponse.html('<html>login</html>')],
    ['plain text', () => HttpResponse.text('ok')],
    ['an empty body', () => new HttpResponse(null, { status: 200 })],
    ['a JSON array', () => HttpResponse.json([1, 2])],
    ['JSON null', () => HttpResponse.json(null)],
    ['a wrong field type', () => HttpResponse.json({ immsg: 'nope' })],
    ['a wrong nested type', () => HttpResponse.json({ immsg: [{ message_list: [{ content: 5 }] }] })],
  ])('%s on 2xx → decode error', async (_label, resolver) => {
    server.use(http.get(`${API}/cases/instant-messages`, resolver));
    const error = await errorOf(client().pollMessages({ caseIds: ['c1', 'c2'] }));
    expect(error.kind).toBe('decode');
    expect(error.message.length).toBeLessThan(120);
    expect(error.message).not.toContain('<html');
  });

  it('a rejected fetch → network, retryable', async () => {
    server.use(http.get(unreadUrl, () => HttpResponse.error()));
    expect(await errorOf(client().listUnread({ caseIds: ['c1'] }))).toMatchObject({
      kind: 'network',
      retryable: true,
    });
  });
});

describe('timeout and cancellation', () => {
  const hang = () => new Promise<never>(() => {});

  it('times out → timeout, retryable', async () => {
    server.use(http.get(unreadUrl, hang));
    const error = await errorOf(client({ timeoutMs: 30 }).listUnread({ caseIds: ['c1'] }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('times out with fake timers at the default 15 s', async () => {
    vi.useFakeTimers();
    try {
      server.use(http.get(unreadUrl, hang));
      const pending = errorOf(client().listUnread({ caseIds: ['c1'] }));
      let settled = false;
      void pending.then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(14_999);
      expect(log).toHaveLength(1);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).kind).toBe('timeout');
    } finally {
      vi.useRealTimers();
    }
  });

  it("the caller's abort is a TicketChatError: network, code ABORTED, not retryable, the reason as cause", async () => {
    server.use(http.get(unreadUrl, hang));
    const controller = new AbortController();
    const reason = new Error('gone');
    const pending = errorOf(client().listUnread({ caseIds: ['c1'], signal: controller.signal }));
    await vi.waitFor(() => expect(log).toHaveLength(1));
    controller.abort(reason);
    expect(await pending).toMatchObject({
      kind: 'network',
      code: 'ABORTED',
      retryable: false,
      cause: reason,
    });
  });

  it('an already aborted signal sends nothing', async () => {
    server.use(http.get(unreadUrl, ok));
    const reason = new Error('gone');
    const error = await errorOf(
      client().pollMessages({ caseIds: ['c1'], signal: AbortSignal.abort(reason) }),
    );
    expect(error).toMatchObject({ kind: 'network', code: 'ABORTED', retryable: false, cause: reason });
    expect(log).toHaveLength(0);
  });
});
