// `npm start`: the demo support portal on Vite's dev server (the simulated backend runs in the browser).
import { createServer } from 'vite';

const server = await createServer({ configFile: 'demo/vite.config.ts' });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
console.log(`\nticket-chat demo support portal: ${url}\n(Ctrl+C to stop)\n`);
