// @vitest-environment node
// The proxy behind Node's http server and Vite's dev server (Connect), over sockets on 127.0.0.1, in front of
// the simulator over HTTP. Raw requests show what the URL parser would otherwise rewrite before the proxy.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { type SimulatorServer, startSimulatorServer, TEST_TOKEN } from '../../simulator/httpServer.ts';
import { createTicketChatClient } from '../client/createClient.ts';
import { toNodeHandler } from './node.ts';
import { createTicketChatProxy } from './proxy.ts';

let sim: SimulatorServer;
let server: Server;
let origin: string;
let port: number;
const upstream: { url: string; headers: Headers }[] = [];

beforeAll(async () => {
  sim = await startSimulatorServer();
  sim.model.addTicket({ id: 'c1', messages: [{ content: 'over sockets' }] });
  const proxy = createTicketChatProxy({
    target: sim.url,
    token: () => TEST_TOKEN,
    fetch: (input, init) => {
      upstream.push({ url: String(input), headers: new Headers(init?.headers) });
      return fetch(input, init);
    },
  });
  server = createServer(toNodeHandler(proxy));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sim.close();
});
beforeEach(() => {
  upstream.length = 0;
});

/** Sends `head` as written (no URL parsing on the way) and resolves with the status code. */
function raw(head: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
    socket.write(`${head}\r\nConnection: close\r\n\r\n`);
  });
}

test('a client reads and sends through the Node adapter, with a placeholder token in the browser', async () => {
  const client = createTicketChatClient({ endpoint: `${origin}/osm`, token: 'placeholder' });
  const { messages } = await client.pollMessages({ caseIds: ['c1'] });
  expect(messages.map((m) => m.content)).toEqual(['over sockets']);
  await client.sendMessage({ caseId: 'c1', content: 'posted over sockets' });
  expect(sim.model.ticket('c1')!.messages.at(-1)!.content).toBe('posted over sockets');
  expect(upstream.every(({ headers }) => headers.get('x-auth-token') === TEST_TOKEN)).toBe(true);
});

test.each([
  ['dot segments', 'GET /osm/v2/servicerequest/../../v3/auth/tokens HTTP/1.1'],
  [
    'percent-encoded dot segments',
    'GET /osm/v2/servicerequest/cases/%2e%2e/%2E%2E/%2e%2e/v3/auth/tokens HTTP/1.1',
  ],
  ['backslashes', 'GET /osm/v2/servicerequest\\..\\..\\v3\\auth\\tokens HTTP/1.1'],
  ['a mixed dot segment', 'GET /osm/v2/servicerequest/cases/.%2e/accessorys/limits HTTP/1.1'],
])('requests with raw %s are refused before any upstream call', async (_name, line) => {
  expect(await raw(`${line}\r\nHost: 127.0.0.1`)).toBe(400);
  expect(upstream).toHaveLength(0);
});

test('TRACE (a method fetch cannot carry) is a 405, not a 500', async () => {
  expect(await raw(`TRACE /osm/v2/servicerequest/accessorys/limits HTTP/1.1\r\nHost: 127.0.0.1`)).toBe(405);
  expect(upstream).toHaveLength(0);
});

test('an upload posted by a page of another origin is refused; the Host header is the own origin', async () => {
  const evil = await fetch(`${origin}/osm/v2/servicerequest/accessorys`, {
    method: 'POST',
    headers: { 'Content-Type': 'multipart/form-data; boundary=x', Origin: 'https://evil.example' },
    body: '--x--',
  });
  expect(evil.status).toBe(403);
  expect(upstream).toHaveLength(0);
  const own = await fetch(`${origin}/osm/v2/servicerequest/cases/c1/message`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ message: { content: 'same origin' } }),
  });
  expect(own.status).toBe(200);
});

test('a bare CR in a header is refused by the HTTP parser; CRLF makes two headers, and the injected token is dropped', async () => {
  const path = 'GET /osm/v2/servicerequest/accessorys/limits HTTP/1.1\r\nHost: 127.0.0.1';
  expect(await raw(`${path}\r\nX-Language: en-us\rX-Auth-Token: evil`)).toBe(400);
  expect(upstream).toHaveLength(0);
  expect(await raw(`${path}\r\nX-Language: en-us\r\nX-Auth-Token: evil`)).toBe(200);
  expect(upstream).toHaveLength(1);
  expect(upstream[0]!.headers.get('x-auth-token')).toBe(TEST_TOKEN);
  expect(upstream[0]!.headers.get('x-language')).toBe('en-us');
});

test('an odd Host and forwarded headers never change where the proxy goes; an absolute-form target is a 404', async () => {
  const headers = [
    'Host: evil.example:443',
    'X-Forwarded-Host: evil.example',
    'X-Forwarded-Proto: https',
    'Forwarded: for=1.2.3.4;host=evil.example',
  ];
  const line = 'GET /osm/v2/servicerequest/accessorys/limits HTTP/1.1';
  expect(await raw([line, ...headers].join('\r\n'))).toBe(200);
  expect(upstream.map((u) => new URL(u.url).origin)).toEqual([sim.url]);
  const absolute = 'GET http://evil.example/osm/v2/servicerequest/accessorys/limits HTTP/1.1';
  expect(await raw([absolute, ...headers].join('\r\n'))).toBe(404);
  expect(upstream).toHaveLength(1);
});

test('outside its base path the handler hands over to next() as middleware, else answers 404', async () => {
  const handler = toNodeHandler(async () => new Response('proxied'));
  let nextCalled = 0;
  const res = { statusCode: 0, end: () => {} } as unknown as Parameters<typeof handler>[1];
  await handler({ url: '/other', headers: {}, [Symbol.asyncIterator]: async function* () {} }, res, () => {
    nextCalled++;
  });
  expect(nextCalled).toBe(1);
  expect((await fetch(`${origin}/osmx/v2/servicerequest/accessorys/limits`)).status).toBe(404);
  expect(upstream).toHaveLength(0);
});

test('an upload through the Node adapter is pulled as the upstream reads it, never piled up in the proxy', async () => {
  const MiB = 1024 * 1024;
  const TOTAL = 40 * MiB;
  let pulled = 0;
  let read = 0;
  let widest = 0;
  // An upstream that reads slowly (one chunk per turn of the event loop) and notes how far the browser got ahead.
  const slowUpstream: typeof fetch = async (_input, init) => {
    const reader = (init!.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      widest = Math.max(widest, pulled - read);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return Response.json({ accessory_id: String(read) });
  };
  const front = createServer(
    toNodeHandler(
      createTicketChatProxy({
        target: sim.url,
        token: () => TEST_TOKEN,
        fetch: slowUpstream,
        maxUploadBytes: 64 * MiB,
      }),
    ),
  );
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  try {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= TOTAL) return controller.close();
        controller.enqueue(new Uint8Array(MiB));
        pulled += MiB;
      },
    });
    const response = await fetch(
      `http://127.0.0.1:${(front.address() as { port: number }).port}/osm/v2/servicerequest/accessorys`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
        body,
        duplex: 'half',
      } as RequestInit,
    );
    expect(await response.json()).toEqual({ accessory_id: String(TOTAL) });
    // Socket buffers and stream queues hold a few MiB; a proxy that read the whole body first holds all of it.
    expect(widest).toBeLessThan(16 * MiB);
  } finally {
    front.closeAllConnections();
    await new Promise((resolve) => front.close(resolve));
  }
});

describe('Vite dev server', () => {
  let vite: ViteDevServer;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ticket-chat-vite-'));
    const proxy = createTicketChatProxy({ target: sim.url, token: () => TEST_TOKEN });
    vite = await createViteServer({
      root,
      configFile: false,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false, ws: false },
      // The README's adapter: the proxy as Connect middleware of the dev server.
      plugins: [
        {
          name: 'ticket-chat-proxy',
          configureServer: (dev) => void dev.middlewares.use(toNodeHandler(proxy)),
        },
        {
          // As `app.use('/mounted/osm', toNodeHandler(proxy))` would be in Express.
          name: 'ticket-chat-proxy-mounted',
          configureServer: (dev) =>
            void dev.middlewares.use(
              '/mounted/osm',
              toNodeHandler(
                createTicketChatProxy({ target: sim.url, token: () => TEST_TOKEN, basePath: '/mounted/osm' }),
                {
                  basePath: '/mounted/osm',
                },
              ),
            ),
        },
      ],
    });
    await vite.listen();
  });
  afterAll(async () => {
    await vite.close();
    await rm(root, { recursive: true, force: true });
  });

  test('mounted at a path (Connect and Express strip it from req.url), the proxy still sees the whole path', async () => {
    const base = vite.resolvedUrls!.local[0]!;
    const client = createTicketChatClient({ endpoint: `${base}mounted/osm`, token: 'placeholder' });
    const { messages } = await client.pollMessages({ caseIds: ['c1'] });
    expect(messages[0]!.content).toBe('over sockets');
  });

  test('serves the API under /osm and leaves other paths to Vite', async () => {
    const base = vite.resolvedUrls!.local[0]!;
    const client = createTicketChatClient({ endpoint: `${base}osm`, token: 'placeholder' });
    const { messages } = await client.pollMessages({ caseIds: ['c1'] });
    expect(messages[0]!.content).toBe('over sockets');
    const other = await fetch(`${base}osm-not/v2/servicerequest/accessorys/limits`);
    expect(other.headers.get('content-type') ?? '').not.toContain('json');
  });
});

describe('downloads through the Node adapter', () => {
  const MiB = 1024 * 1024;
  let files: Server;
  let front: Server;
  let frontUrl: string;
  /** Bytes the test has read; the upstream stays at most 1 MiB ahead, so the proxy keeps waiting for drain. */
  let downloaded = 0;
  let onDownloaded: (() => void) | undefined;
  let mostCloseListeners = 0;

  beforeAll(async () => {
    files = createServer(async (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      if (req.url?.endsWith('/broken')) {
        res.write(new Uint8Array(64 * 1024));
        // A reset mid-download, after the headers and some bytes.
        setImmediate(() => res.socket?.destroy());
        return;
      }
      for (let sent = 0; sent < 10 * MiB; sent += MiB) {
        while (downloaded < sent - MiB) await new Promise<void>((resolve) => (onDownloaded = resolve));
        res.write(new Uint8Array(MiB));
      }
      res.end();
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const handler = toNodeHandler(
      createTicketChatProxy({
        target: `http://127.0.0.1:${(files.address() as { port: number }).port}`,
        token: () => TEST_TOKEN,
      }),
    );
    front = createServer((req, res) => {
      const count = setInterval(() => {
        mostCloseListeners = Math.max(mostCloseListeners, res.listenerCount('close'));
      }, 1);
      res.once('close', () => clearInterval(count));
      void handler(req, res);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    frontUrl = `http://127.0.0.1:${(front.address() as { port: number }).port}/osm/v2/servicerequest/accessorys`;
  });
  afterAll(async () => {
    for (const server of [front, files]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('an upstream reset mid-download breaks the download off instead of ending it cleanly', async () => {
    const response = await fetch(`${frontUrl}/broken`);
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  test('a 10 MB download read slowly leaves no listener behind per backpressure wait', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const response = await fetch(`${frontUrl}/big`);
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        downloaded += value.byteLength;
        onDownloaded?.();
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(downloaded).toBe(10 * MiB);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    // Node's own, the adapter's abort watch, the test's counter and at most one backpressure wait.
    expect(mostCloseListeners).toBeLessThanOrEqual(5);
  });
});

test("the own origin is https on a TLS socket (Node's https and http2 servers), its host from :authority without Host", async () => {
  const seen: string[] = [];
  const proxy = createTicketChatProxy({ target: sim.url, token: () => TEST_TOKEN });
  const handler = toNodeHandler((request) => {
    seen.push(request.url);
    return proxy(request);
  });
  const send = async (headers: Record<string, string>, socket: { encrypted?: boolean }) => {
    const res = {
      statusCode: 0,
      setHeader: () => {},
      write: () => true,
      end: () => {},
      destroy: () => {},
      once: () => {},
      off: () => {},
      writableEnded: false,
      destroyed: false,
    };
    const body = JSON.stringify({ message: { content: 'over TLS' } });
    await handler(
      Object.assign(
        (async function* () {
          yield body;
        })(),
        {
          method: 'POST',
          url: '/osm/v2/servicerequest/cases/c1/message',
          headers: { 'content-type': 'application/json', ...headers },
          socket,
        },
      ),
      res,
    );
    return res.statusCode;
  };
  expect(await send({ host: 'portal.test', origin: 'https://portal.test' }, { encrypted: true })).toBe(200);
  expect(
    await send({ ':authority': 'portal.test:8443', origin: 'https://portal.test:8443' }, { encrypted: true }),
  ).toBe(200);
  expect(await send({ host: 'portal.test', origin: 'http://portal.test' }, { encrypted: true })).toBe(403);
  expect(await send({ host: 'portal.test', origin: 'https://portal.test' }, {})).toBe(403);
  expect(seen).toEqual([
    'https://portal.test/osm/v2/servicerequest/cases/c1/message',
    'https://portal.test:8443/osm/v2/servicerequest/cases/c1/message',
    'https://portal.test/osm/v2/servicerequest/cases/c1/message',
    'http://portal.test/osm/v2/servicerequest/cases/c1/message',
  ]);
});
