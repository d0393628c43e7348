/**
 * The simulator over real HTTP (Node, 127.0.0.1): the same MSW handlers and model, answered through
 * `getResponse`, so the proxy and the Next.js example talk to it over sockets. Dev only, never shipped.
 *
 * Beside the API it serves a small control route for tests and demos (no token):
 * `POST /__simulator/tickets/:id/messages` with JSON `{ "content": string }` posts a support reply.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { toNodeHandler } from '../src/server/node.ts';
import { createHandlers } from './handlers.ts';
import { createServiceModel } from './model.ts';
import { seedDemoTickets } from './seed.ts';
import type { ServiceModel } from './types.ts';

export { TEST_TOKEN } from './model.ts';

export interface SimulatorServer {
  /** `http://127.0.0.1:<port>`: the API's base URL (no path prefix, like a regional host). */
  url: string;
  model: ServiceModel;
  server: Server;
  close(): Promise<void>;
}

const CONTROL = /^\/__simulator\/tickets\/([^/]{1,64})\/messages$/;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function control(model: ServiceModel, request: Request, caseId: string): Promise<Response> {
  if (request.method !== 'POST') return json(405, { error: 'POST only' });
  const ticket = model.ticket(decodeURIComponent(caseId));
  if (!ticket) return json(404, { error: 'unknown ticket' });
  const body = (await request.json().catch(() => null)) as { content?: unknown } | null;
  if (typeof body?.content !== 'string' || body.content === '')
    return json(400, { error: 'content required' });
  const message = model.post(ticket.id, { content: body.content });
  return json(200, { seq: message.seq, at: message.at });
}

export async function startSimulatorServer(
  options: { port?: number; host?: string; model?: ServiceModel; seed?: boolean } = {},
): Promise<SimulatorServer> {
  const model = options.model ?? createServiceModel();
  if (options.seed) seedDemoTickets(model);
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  const handlers = createHandlers(model, { baseUrl: url });

  const answer = async (request: Request): Promise<Response> => {
    const incoming = new URL(request.url);
    const match = CONTROL.exec(incoming.pathname);
    if (match?.[1]) return control(model, request, match[1]);
    // The handlers match on the server's own origin.
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const local = new Request(`${url}${incoming.pathname}${incoming.search}`, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? request.body : null,
      signal: request.signal,
      ...(hasBody && { duplex: 'half' }),
    } as RequestInit);
    return (
      (await getResponse(handlers, local)) ?? json(404, { error_code: 'SIM.404', error_msg: 'No such route' })
    );
  };
  server.on('request', toNodeHandler(answer, { basePath: '' }));
  return {
    url,
    model,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
