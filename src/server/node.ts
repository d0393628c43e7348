/**
 * `toNodeHandler`: the fetch-standard proxy as a Node `http` request listener or a Connect/Express
 * middleware (Vite's dev server uses Connect). Structural types only, so the entry needs no Node typings
 * and stays importable on edge runtimes.
 */
import { refusal } from './routes.ts';

/** What is used of Node's `IncomingMessage`. */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  url?: string | undefined;
  /** The URL before a framework's mount point was stripped (Express, Connect): preferred over `url`. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** What is used of Node's `ServerResponse`. */
export interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  /** Closes the connection: how a download that broke off is told apart from one that ended. */
  destroy(error?: Error): unknown;
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

/** Methods a fetch `Request` cannot carry; answered 405 here. */
const FORBIDDEN_METHODS = /^(?:CONNECT|TRACE|TRACK)$/i;

/**
 * The request's origin for the proxy's same-origin check of POSTs: https on a TLS socket (Node's https and
 * http2 servers), and the Host header (HTTP/2's `:authority`), which a page in a browser cannot set, so it is
 * fine for that check; the proxy never uses it to decide where to forward.
 */
function originOf(req: NodeRequest): string {
  const host = req.headers.host ?? req.headers[':authority'];
  const scheme = (req as { socket?: { encrypted?: boolean } }).socket?.encrypted ? 'https' : 'http';
  if (typeof host === 'string' && /^[\w.-]+(?::\d{1,5})?$|^\[[\da-f:.]+\](?::\d{1,5})?$/i.test(host)) {
    return `${scheme}://${host}`;
  }
  return 'http://proxy.invalid';
}

/** Node's request as a fetch `Request`. */
function toRequest(req: NodeRequest, rawUrl: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    try {
      for (const one of [value].flat()) headers.append(name, one);
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
  return new Request(new URL(rawUrl, originOf(req)), {
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
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The upstream broke off: a clean end would let the browser keep a truncated file as complete.
      res.destroy(new Error('The upstream answer broke off'));
      return;
    }
    if (chunk.done) break;
    if (res.destroyed) {
      // The browser went away: cancelling also stops the upstream download.
      await reader.cancel().catch(() => {});
      return;
    }
    if (!res.write(chunk.value)) await drained(res);
  }
  if (!res.writableEnded) res.end();
}

/** Resolves on `drain` or `close`, whichever comes first, leaving no listener behind. */
function drained(res: NodeResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const settle = () => {
      res.off('drain', settle);
      res.off('close', settle);
      resolve();
    };
    res.once('drain', settle);
    res.once('close', settle);
  });
}

export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  options: ToNodeHandlerOptions = {},
) {
  const basePath = (options.basePath ?? '/osm').replace(/\/+$/, '');
  return async function nodeHandler(req: NodeRequest, res: NodeResponse, next?: (error?: unknown) => void) {
    // Express and Connect strip their mount path from `url` (`app.use('/osm', ...)`); the proxy matches the whole.
    const raw = req.originalUrl ?? req.url ?? '/';
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
      const method = req.method ?? 'GET';
      const response = rewrites(rawPath)
        ? refusal(400, 'Path not in normal form')
        : FORBIDDEN_METHODS.test(method)
          ? refusal(405, `Method ${method.slice(0, 16)} not allowed`, { Allow: 'GET, POST' })
          : await handler(toRequest(req, raw, controller.signal));
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
