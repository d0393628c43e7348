/**
 * `toNodeHandler`: the fetch-standard proxy as a Node `http` request listener or a Connect/Express
 * middleware (Vite's dev server uses Connect). Structural types only, so the entry needs no Node typings
 * and stays importable on edge runtimes.
 */

/** What is used of Node's `IncomingMessage`. */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** What is used of Node's `ServerResponse`. */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

export interface ToNodeHandlerOptions {
  /**
   * Paths the handler answers; others go to `next` (as middleware) or get a 404. Default `"/osm"` (match the
   * proxy's `basePath`).
   */
  basePath?: string | undefined;
}

/** Paths the URL parser would rewrite (dot segments, backslashes): refused before they become another path. */
const rewrites = (rawPath: string): boolean => {
  try {
    return new URL(rawPath, 'http://proxy.invalid').pathname !== rawPath;
  } catch {
    return true;
  }
};

/** Node's request as a fetch `Request`. The Host header is not trusted: the proxy only reads the path. */
function toRequest(req: NodeRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    try {
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    } catch {
      // A value Headers refuses (control characters) is dropped, never passed on.
    }
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // Pulled one chunk at a time: Node pauses the socket in between, so a slow upstream slows the browser down
  // instead of the upload piling up here.
  const chunks = hasBody ? req[Symbol.asyncIterator]() : undefined;
  const body = chunks
    ? new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : value);
        },
        async cancel() {
          await chunks.return?.();
        },
      })
    : null;
  return new Request(new URL(req.url ?? '/', 'http://proxy.invalid'), {
    method,
    headers,
    body,
    signal,
    ...(hasBody && { duplex: 'half' }),
  } as RequestInit);
}

/** Writes a fetch `Response` to Node's response, streaming the body with backpressure. */
async function writeResponse(response: Response, res: NodeResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      if (!res.write(value)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
      }
    }
  } finally {
    // The browser went away: cancelling also stops the upstream download.
    if (res.destroyed) await reader.cancel().catch(() => {});
    if (!res.writableEnded) res.end();
  }
}

export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  options: ToNodeHandlerOptions = {},
) {
  const basePath = (options.basePath ?? '/osm').replace(/\/+$/, '');
  return async function nodeHandler(req: NodeRequest, res: NodeResponse, next?: (error?: unknown) => void) {
    const raw = req.url ?? '/';
    const rawPath = raw.split('?')[0] ?? '';
    if (rawPath !== basePath && !rawPath.startsWith(`${basePath}/`) && !rawPath.startsWith(`${basePath}\\`)) {
      if (next) return next();
      res.statusCode = 404;
      res.end();
      return;
    }
    const controller = new AbortController();
    // The response closing before it ended means the browser went away.
    res.once('close', () => {
      if (!res.writableEnded) controller.abort();
    });
    try {
      const response = rewrites(rawPath)
        ? new Response(JSON.stringify({ error_code: 'PROXY.400', error_msg: 'Path not in normal form' }), {
            status: 400,
            headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
          })
        : await handler(toRequest(req, controller.signal));
      await writeResponse(response, res);
    } catch (error) {
      if (next) return next(error);
      if (!res.writableEnded) {
        res.statusCode = 500;
        res.end();
      }
    }
  };
}
