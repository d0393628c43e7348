// Memory of the proxy while 20 MB stream through it: a download and an upload, browser → toNodeHandler(proxy)
// → upstream, over sockets on 127.0.0.1. The proxy runs in a child process of its own whose live memory
// (heap + ArrayBuffers after a GC, sampled every 5 ms) is what is reported; the upstream and the "browser"
// here never hold a whole body. For comparison, the same child also answers a route that buffers the
// download whole, as a proxy that did `await upstream.arrayBuffer()` would.
// Run after `npm run build`: node bench/proxy-stream.mjs
import { fork } from 'node:child_process';
import { createServer } from 'node:http';

const MiB = 1024 * 1024;
const TOTAL = 20 * MiB;

if (process.argv[2] === 'proxy') {
  const { createTicketChatProxy, toNodeHandler } = await import('../dist/server/index.js');
  const proxy = createTicketChatProxy({
    target: process.argv[3],
    token: () => 'server-side-token',
    maxUploadBytes: 32 * MiB,
  });
  const streamed = toNodeHandler(proxy);
  const buffered = toNodeHandler(
    async (request) => {
      const response = await proxy(new Request(request.url.replace('/buffered/', '/osm/'), request));
      return new Response(await response.arrayBuffer(), response);
    },
    { basePath: '/buffered' },
  );
  let peak = 0;
  const live = () => {
    globalThis.gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  setInterval(() => (peak = Math.max(peak, live())), 5).unref();
  const server = createServer((req, res) =>
    (req.url.startsWith('/buffered/') ? buffered : streamed)(req, res),
  );
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (message) => {
    if (message === 'reset') {
      peak = live();
      process.send({ reset: peak });
    } else if (message === 'peak') process.send({ peak: Math.max(peak, live()) });
    else process.exit(0);
  });
} else {
  const chunk = new Uint8Array(MiB).fill(7);
  const upstream = createServer(async (req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      for (let sent = 0; sent < TOTAL; sent += MiB) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
      return;
    }
    let received = 0;
    for await (const part of req) received += part.byteLength;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ accessory_id: String(received) }));
  });
  await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const child = fork(
    new URL(import.meta.url).pathname,
    ['proxy', `http://127.0.0.1:${upstream.address().port}`],
    {
      execArgv: ['--expose-gc'],
    },
  );
  const ask = (message, key) =>
    new Promise((resolve) => {
      const on = (reply) => {
        if (key in reply) {
          child.off('message', on);
          resolve(reply[key]);
        }
      };
      child.on('message', on);
      if (message) child.send(message);
    });
  const port = await ask(null, 'port');
  const origin = `http://127.0.0.1:${port}`;
  const mb = (n) => (n / MiB).toFixed(1);

  async function measure(name, fn) {
    const start = await ask('reset', 'reset');
    const began = performance.now();
    const bytes = await fn();
    const ms = performance.now() - began;
    const peak = await ask('peak', 'peak');
    console.log(
      `${name}: ${mb(bytes)} MiB in ${ms.toFixed(0)} ms; proxy live memory ${mb(start)} → peak ${mb(peak)} MiB (+${mb(peak - start)})`,
    );
  }
  const read = async (response) => {
    let bytes = 0;
    for await (const part of response.body) bytes += part.byteLength;
    return bytes;
  };
  for (let round = 0; round < 2; round++) {
    await measure('download, streamed', async () =>
      read(await fetch(`${origin}/osm/v2/servicerequest/accessorys/big`)),
    );
    await measure('upload, streamed', async () => {
      let sent = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (sent >= TOTAL) return controller.close();
          controller.enqueue(chunk.slice());
          sent += MiB;
        },
      });
      const response = await fetch(`${origin}/osm/v2/servicerequest/accessorys`, {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
        body,
        duplex: 'half',
      });
      return Number((await response.json()).accessory_id);
    });
    await measure('download, buffered whole (comparison)', async () =>
      read(await fetch(`${origin}/buffered/v2/servicerequest/accessorys/big`)),
    );
  }
  child.send('exit');
  upstream.close();
}
