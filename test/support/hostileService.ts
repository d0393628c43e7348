/**
 * Contract-abiding but hostile behaviours of the service, as MSW handlers over the simulator's model
 * (for `server.use(...)`): a stored copy that differs from what was sent, a send whose answer is lost after
 * the service stored it, and a poll whose cursors step back like a server clock that was set back.
 */
import { HttpResponse, http } from 'msw';
import { TEST_BASE_URL } from '../../simulator/index.ts';
import type { ServiceModel } from '../../simulator/types.ts';

const API = `${TEST_BASE_URL}/v2/servicerequest`;

/** The read schema caps content at 400 characters; the service may also normalise whitespace. */
export const cutTo400 = (content: string) => content.slice(0, 400);
export const squashWhitespace = (content: string) => content.replace(/\s+/g, ' ').trim();

interface SendOptions {
  /** What the service stores instead of what was sent. */
  store?: (content: string) => string;
  /** The message is stored, then the answer is lost (a network error the client sees). */
  loseAnswer?: boolean;
  /** The copy's time relative to the user's now (a server clock behind the user's: negative). */
  shiftMs?: number;
}

/**
 * The send endpoint, storing `store(content)` as the customer's message. `options` may depend on the
 * content sent; null leaves the send to the simulator.
 */
export function hostileSend(
  model: () => ServiceModel,
  options: SendOptions | ((content: string) => SendOptions | null),
) {
  return http.post(`${API}/cases/:caseId/message`, async ({ request, params }) => {
    const body = (await request.clone().json()) as { message: { content: string } };
    const chosen = typeof options === 'function' ? options(body.message.content) : options;
    if (!chosen) return undefined;
    const caseId = String(params.caseId);
    model().requests.push({
      endpoint: 'send',
      method: 'POST',
      url: request.url,
      caseIds: [caseId],
      at: Date.now(),
      hadToken: request.headers.has('x-auth-token'),
    });
    model().post(caseId, {
      content: (chosen.store ?? ((c: string) => c))(body.message.content),
      replier: 'customer-1',
      replierName: 'Customer',
      replierType: 0,
      type: 0,
      ...(chosen.shiftMs !== undefined && { at: Date.now() + chosen.shiftMs }),
    });
    return chosen.loseAnswer ? HttpResponse.error() : HttpResponse.json({});
  });
}

/** Where `steppingCursor` reaches the simulator's own handlers (install them with this base URL too). */
export const INNER_BASE_URL = 'http://inner.test/osm';

/**
 * A poll whose `last_message_time_id` is an opaque token that steps back when told (as a server clock set
 * back would make it), sent as a JSON number above 2^53: each answer carries a new token, and a request's
 * token is mapped back to the simulator's cursor it stood for. `log.sent` records every token the client
 * sent, `log.answered` every token answered, in order. Needs the simulator's handlers at INNER_BASE_URL.
 */
export function steppingCursor() {
  const issued = new Map<string, string>();
  let clock = 9_007_199_254_740_000n;
  const log = {
    sent: [] as (string | null)[],
    answered: [] as string[],
    stepBack: () => {
      clock -= 5_000n;
    },
  };
  const handler = http.get(`${API}/cases/instant-messages`, async ({ request }) => {
    const url = new URL(request.url);
    const token = url.searchParams.get('last_message_time_id');
    log.sent.push(token);
    const inner = new URL(url.pathname + url.search, INNER_BASE_URL.replace(/\/osm$/, ''));
    if (token !== null) {
      const real = issued.get(token);
      if (real === undefined)
        return HttpResponse.json({ error_code: 'OSM.0001', error_msg: 'unknown cursor' }, { status: 400 });
      inner.searchParams.set('last_message_time_id', real);
    }
    const answer = await fetch(inner, { headers: request.headers, signal: request.signal });
    if (answer.status !== 200) return answer;
    const body = (await answer.json()) as Record<string, unknown>;
    if (!('imstatus' in body)) return HttpResponse.json(body);
    clock += 1n;
    const next = String(clock);
    issued.set(next, String(body.last_message_time_id ?? '0'));
    log.answered.push(next);
    // A JSON number, as the provider's own example sends it.
    const text = JSON.stringify({ ...body, last_message_time_id: '__CURSOR__' }).replace(
      '"__CURSOR__"',
      next,
    );
    return new HttpResponse(text, { headers: { 'Content-Type': 'application/json' } });
  });
  return { handler, log };
}
