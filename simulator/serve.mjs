// `npm run simulator [-- --port N]`: the simulated API over HTTP on 127.0.0.1, seeded with the demo tickets.
// Prints its URL and the token it accepts. Vite's module runner loads the TypeScript sources as they are.
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' } } });
const { module } = await runnerImport(new URL('./httpServer.ts', import.meta.url).pathname, {
  configFile: false,
  logLevel: 'warn',
});
const simulator = await module.startSimulatorServer({ port: Number(values.port), seed: true });
process.stdout.write(`ticket-chat simulator: ${simulator.url} (X-Auth-Token: ${module.TEST_TOKEN})\n`);
const stop = () => simulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
