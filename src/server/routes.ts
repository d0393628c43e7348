/**
 * The proxy's allowlist: the endpoints of the wire contract (shared/api/README.md), their methods, the
 * query parameters each takes, and the body each accepts. Anything else never reaches the upstream.
 */
import { checkCaseIds, checkPathId } from '../client/validate.ts';

export type Body = 'none' | 'json' | 'multipart';

export interface Route {
  /** Path below /v2/servicerequest; `:id` is one id segment, checked as the client checks ids. */
  readonly path: string;
  readonly method: 'GET' | 'POST';
  /** Query parameters passed on (others are dropped). `case_ids` may repeat. */
  readonly query: readonly string[];
  readonly body: Body;
}

export const PREFIX = '/v2/servicerequest';

const routes: Route[] = [
  {
    path: '/cases/instant-messages/unread',
    method: 'GET',
    query: ['case_ids', 'group_id'],
    body: 'none',
  },
  {
    path: '/cases/instant-messages',
    method: 'GET',
    query: ['case_ids', 'last_message_time_id', 'group_id'],
    body: 'none',
  },
  { path: '/cases/:id/message', method: 'POST', query: [], body: 'json' },
  { path: '/cases/:id/instant-messages/unread', method: 'POST', query: [], body: 'json' },
  { path: '/cases/:id/messages', method: 'GET', query: ['offset', 'limit', 'group_id'], body: 'none' },
  {
    path: '/cases/:id/instant-messages/more',
    method: 'GET',
    query: ['create_time', 'type', 'limit', 'group_id'],
    body: 'none',
  },
  // Before '/accessorys/:id', which would also match it.
  { path: '/accessorys/limits', method: 'GET', query: [], body: 'none' },
  { path: '/accessorys/:id', method: 'GET', query: ['group_id'], body: 'none' },
  { path: '/accessorys/:id/access-url', method: 'GET', query: ['incident_id'], body: 'none' },
  { path: '/accessorys', method: 'POST', query: [], body: 'multipart' },
];

/** The attachment download: its answer is a file, streamed and always `attachment`. */
export const DOWNLOAD = '/accessorys/:id';

/** The allowlist, frozen all the way down: no code in the process can open another endpoint through it. */
export const ROUTES: readonly Route[] = Object.freeze(
  routes.map((route) => Object.freeze({ ...route, query: Object.freeze([...route.query]) })),
);

/** Every answer is private and never rendered as a page of the portal's origin (an HTML attachment would be). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
};

/** A JSON answer of the proxy's making, with the security headers. */
export function jsonAnswer(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json', ...headers },
  });
}

/** The proxy's own answers: the API's error shape, so the client reports them as usual. */
export const refusal = (status: number, message: string, headers?: Record<string, string>): Response =>
  jsonAnswer(status, { error_code: `PROXY.${status}`, error_msg: message }, headers);

export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const segmentsOf = (path: string) => path.split('/').slice(1);

function matches(route: Route, segments: string[]): boolean {
  const pattern = segmentsOf(route.path);
  return pattern.length === segments.length && pattern.every((p, i) => p === ':id' || p === segments[i]);
}

/**
 * The route for decoded path segments below PREFIX and a method: 404 when no route has that path, 405 (with
 * Allow) when the path exists with other methods. The id segment is checked (1..64 characters, not "." or "..").
 */
export function matchRoute(segments: string[], method: string): Route {
  const candidates = ROUTES.filter((route) => matches(route, segments));
  // A literal route wins over an id pattern of the same shape ('/accessorys/limits' vs '/accessorys/:id').
  const literal = candidates.filter((route) => !route.path.includes(':id'));
  const found = literal.length ? literal : candidates;
  if (found.length === 0) throw new Refusal(404, 'Not an endpoint of the ticket chat API');
  const route = found.find((r) => r.method === method);
  if (!route) {
    throw new Refusal(405, `Method ${method.slice(0, 16)} not allowed`, {
      Allow: [...new Set(found.map((r) => r.method))].join(', '),
    });
  }
  const index = segmentsOf(route.path).indexOf(':id');
  if (index >= 0) refuseInput(() => checkPathId(segments[index], 'id'));
  return route;
}

/** Runs a client-side check; its input error becomes a 400 with the same message. */
export function refuseInput<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new Refusal(400, (error as Error).message);
  }
}

/**
 * Query parameter values: printable, at most 2048 characters. The contract's longest field is 64, but the
 * cursor is the service's own text and the client sends it back whatever its length: refused here, every
 * later poll would be.
 */
const QUERY_VALUE = /^[^\p{Cc}]{0,2048}$/u;
/** Whole-number parameters and their ranges (the contract's). */
const NUMBERS: Record<string, number> = { offset: 65_535, limit: 100 };

/** The query string passed on: the route's parameters only, each value checked; case_ids as the client sends it. */
export function forwardedQuery(route: Route, search: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of route.query) {
    const values = search.getAll(name);
    if (name !== 'case_ids' && values.length > 1) throw new Refusal(400, `${name}: given more than once`);
    for (const value of values) {
      if (!QUERY_VALUE.test(value)) throw new Refusal(400, `${name}: longer than 2048 characters`);
      const max = NUMBERS[name];
      if (max !== undefined && !(/^\d{1,5}$/.test(value) && Number(value) <= max)) {
        throw new Refusal(400, `${name}: not a whole number from 0 to ${max}`);
      }
      out.append(name, value);
    }
  }
  if (route.query.includes('case_ids')) {
    const ids = refuseInput(() => checkCaseIds(out.getAll('case_ids')));
    if (ids.length > 100) throw new Refusal(400, 'caseIds: more than 100');
  }
  return out;
}
