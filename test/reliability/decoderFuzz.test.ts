/**
 * Decoder fuzz from the outside: arbitrary bodies and mutations of valid bodies (dropped fields, nulls, wrong
 * types, huge strings, numbers as strings, nested garbage), with assorted statuses and content types, served
 * through MSW to EVERY client method. Each call resolves with well-typed data (checked at runtime) or
 * rejects with a TicketChatError with a short message: never another exception.
 */
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { createTicketChatClient, TicketChatError } from '../../src/client/index.ts';
import type { Message, TicketChatClient } from '../../src/client/types.ts';

const BASE = 'http://api.fuzz/osm';
const API = `${BASE}/v2/servicerequest`;
const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Served {
  status: number;
  /** Body text, or raw bytes for the download endpoint. */
  body: string | Uint8Array | null;
  contentType: string | null;
  retryAfter: string | null;
}
let served: Served = { status: 200, body: '{}', contentType: 'application/json', retryAfter: null };

const server = setupServer(
  http.all(`${API}/*`, () => {
    const headers = new Headers();
    if (served.contentType !== null) headers.set('Content-Type', served.contentType);
    if (served.retryAfter !== null) headers.set('Retry-After', served.retryAfter);
    const body = served.body instanceof Uint8Array ? served.body.slice().buffer : served.body;
    return new HttpResponse(body, { status: served.status, headers });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const client: TicketChatClient = createTicketChatClient({ endpoint: BASE, token: 'fuzz-token' });

// ---------- valid bodies ----------
const maybeNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const wireTime = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 19).replace('T', ' '));
const wireMessage = fc.record({
  type: maybeNull(fc.integer({ min: 0, max: 1 })),
  replier_type: maybeNull(fc.integer({ min: 0, max: 3 })),
  replier: maybeNull(fc.string({ maxLength: 64 })),
  content: maybeNull(fc.string({ maxLength: 400 })),
  create_time: maybeNull(wireTime),
  replier_name: maybeNull(fc.string({ maxLength: 256 })),
  is_first_message: maybeNull(fc.integer({ min: 0, max: 1 })),
  iam_user_type: maybeNull(fc.integer({ min: 0, max: 3 })),
  accessory_list: maybeNull(
    fc.array(
      fc.record({
        accessory_id: maybeNull(fc.string({ maxLength: 64 })),
        file_actual_name: maybeNull(fc.string({ maxLength: 256 })),
      }),
      { maxLength: 3 },
    ),
  ),
});
const caseIdArb = fc.constantFrom('c1', 'c2');
const validPoll = fc.record({
  imstatus: fc.array(
    fc.record({ status: maybeNull(fc.integer({ min: 0, max: 1 })), incident_id: caseIdArb }),
    {
      maxLength: 2,
    },
  ),
  immsg: fc.array(
    fc.record({ incident_id: caseIdArb, message_list: fc.array(wireMessage, { maxLength: 4 }) }),
    {
      maxLength: 2,
    },
  ),
  last_message_time_id: fc.oneof(fc.nat().map(String), fc.nat()),
});
const validUnread = fc.record({
  imunread: fc.array(
    fc.record({
      status: maybeNull(fc.integer({ min: 0, max: 20 })),
      incident_id: caseIdArb,
      unread_num: maybeNull(fc.integer({ min: 0, max: 65535 })),
    }),
    { maxLength: 3 },
  ),
});
const validOlder = fc.record({
  count: maybeNull(fc.nat()),
  message_list: fc.array(wireMessage, { maxLength: 4 }),
});
const validVoid = fc.constantFrom<Json>(
  {},
  { error_code: null, error_msg: null },
  { error_code: '', error_msg: '' },
);
const errorBodyArb = fc.record({
  error_code: fc.constantFrom('OSM.0001', 'OSM.0002', 'OSM.0004', 'OSM.01010001', 'APIG.0308', 'APIGW.0429'),
  error_msg: fc.string({ maxLength: 40 }),
});

// ---------- mutations ----------
type Path = (string | number)[];
function pathsOf(value: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) for (const [i, item] of value.entries()) out.push(...pathsOf(item, [...at, i]));
  else if (value !== null && typeof value === 'object')
    for (const [k, item] of Object.entries(value)) out.push(...pathsOf(item, [...at, k]));
  return out;
}

type Op =
  | { op: 'drop' }
  | { op: 'null' }
  | { op: 'wrongType'; value: Json }
  | { op: 'huge'; size: number }
  | { op: 'numberAsString' }
  | { op: 'garbage'; value: Json };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ op: 'drop' }),
  fc.constant<Op>({ op: 'null' }),
  fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.string(),
      fc.boolean(),
      fc.constant([]),
      fc.constant({}),
    )
    .map<Op>((value) => ({ op: 'wrongType', value: value as Json })),
  fc.constantFrom(5_000, 100_000).map<Op>((size) => ({ op: 'huge', size })),
  fc.constant<Op>({ op: 'numberAsString' }),
  fc.jsonValue({ maxDepth: 4 }).map<Op>((value) => ({ op: 'garbage', value: value as Json })),
);

function replaced(current: Json, op: Op): Json | undefined {
  switch (op.op) {
    case 'drop':
      return undefined;
    case 'null':
      return null;
    case 'wrongType':
    case 'garbage':
      return op.value;
    case 'huge':
      return '\u202e<b>x</b>'.repeat(op.size / 10);
    case 'numberAsString':
      if (typeof current === 'number') return String(current);
      if (typeof current === 'string' && current.trim() !== '' && !Number.isNaN(Number(current)))
        return Number(current);
      return `${JSON.stringify(current)}`;
  }
}

/** A deep copy of `value` with the node at `path` replaced (or removed). */
function mutate(value: Json, path: Path, op: Op): Json | undefined {
  if (path.length === 0) return replaced(value, op);
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) {
    const copy = [...value];
    const next = mutate(copy[head as number] as Json, rest, op);
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy: { [key: string]: Json } = { ...value };
    const next = mutate(copy[head as string] as Json, rest, op);
    if (next === undefined) delete copy[head as string];
    else copy[head as string] = next;
    return copy;
  }
  return value;
}

const mutationsOf = (valid: fc.Arbitrary<Json>) =>
  valid.chain((body) =>
    fc.array(fc.tuple(fc.nat(), opArb), { minLength: 1, maxLength: 3 }).map((steps) =>
      steps.reduce<Json | undefined>((acc, [pick, op]) => {
        if (acc === undefined) return acc;
        const paths = pathsOf(acc);
        return mutate(acc, paths[pick % paths.length] as Path, op);
      }, body),
    ),
  );

const rawText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '"ok"',
    '42',
    'true',
    '{',
    '{"immsg":[',
    '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>',
    '\uFEFF{}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
  ),
);

const statusArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(200) },
  { weight: 4, arbitrary: fc.constantFrom(201, 202, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504) },
);
const contentTypeArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('text/html', 'text/plain', 'application/json; charset=utf-8', null),
  },
);
const retryAfterArb = fc.option(
  fc.constantFrom('3', '0', '-1', 'soon', 'Wed, 21 Oct 2099 07:28:00 GMT', '1e9'),
  {
    nil: null,
  },
);

/** An answer whose JSON is drawn from `valid` (as is, mutated, or replaced by garbage). */
const answerArb = (valid: fc.Arbitrary<Json>): fc.Arbitrary<Served> =>
  fc.record({
    status: statusArb,
    body: fc.oneof(
      { weight: 2, arbitrary: valid.map((b) => JSON.stringify(b)) },
      { weight: 5, arbitrary: mutationsOf(valid).map((b) => (b === undefined ? '' : JSON.stringify(b))) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: errorBodyArb.map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: rawText },
    ),
    contentType: contentTypeArb,
    retryAfter: retryAfterArb,
  });

// ---------- runtime type checks ----------
const KINDS = new Set(['auth', 'http', 'api', 'decode']);

function checkRejection(reason: unknown): void {
  expect(reason).toBeInstanceOf(TicketChatError);
  const error = reason as TicketChatError;
  expect(KINDS.has(error.kind), `unexpected kind ${error.kind}`).toBe(true);
  expect(typeof error.message).toBe('string');
  // Bodies are never copied into messages wholesale (the server's error_msg is capped).
  expect(error.message.length).toBeLessThanOrEqual(600);
  expect(typeof error.retryable).toBe('boolean');
  if (error.status !== undefined) expect(Number.isInteger(error.status)).toBe(true);
  if (error.code !== undefined) expect(typeof error.code).toBe('string');
  if (error.retryAfterMs !== undefined) {
    expect(typeof error.retryAfterMs).toBe('number');
    expect(Number.isNaN(error.retryAfterMs)).toBe(false);
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(0);
  }
}

const isNumOrNull = (x: unknown) => x === null || (typeof x === 'number' && !Number.isNaN(x));
const STRING_FIELDS = ['key', 'caseId', 'content', 'createTime', 'replier', 'replierName'] as const;

function checkMessages(messages: unknown): void {
  expect(Array.isArray(messages)).toBe(true);
  const list = messages as Message[];
  for (const m of list) {
    for (const f of STRING_FIELDS) expect(typeof m[f], f).toBe('string');
    expect(m.key).toMatch(/^[0-9a-z]+#\d+$/);
    // An answer may name a ticket that was not asked for; the query layer filters by ticket (mergeThread).
    expect(m.caseId).not.toBe('');
    expect(
      m.createdAt === null || (m.createdAt instanceof Date && !Number.isNaN(m.createdAt.getTime())),
    ).toBe(true);
    expect(isNumOrNull(m.replierType)).toBe(true);
    expect(isNumOrNull(m.type)).toBe(true);
    expect(typeof m.fromSupport).toBe('boolean');
    expect(typeof m.isFirstMessage).toBe('boolean');
    expect(Array.isArray(m.attachments)).toBe(true);
    for (const a of m.attachments) expect([typeof a.id, typeof a.name]).toEqual(['string', 'string']);
  }
  // Keys are unique within one answer (identical messages get distinct occurrence numbers).
  expect(new Set(list.map((m) => m.key)).size).toBe(list.length);
}

async function settle<T>(call: () => Promise<T>, check: (value: T) => void): Promise<void> {
  let value: T;
  try {
    value = await call();
  } catch (reason) {
    checkRejection(reason);
    return;
  }
  check(value);
}

const asJson = <T>(arb: fc.Arbitrary<T>) => arb as unknown as fc.Arbitrary<Json>;

// ---------- properties ----------
interface Target {
  name: string;
  valid: fc.Arbitrary<Json>;
  run: () => Promise<void>;
}

const targets: Target[] = [
  {
    name: 'listUnread',
    valid: asJson(validUnread),
    run: () =>
      settle(
        () => client.listUnread({ caseIds: ['c1', 'c2'] }),
        (counts) => {
          expect(Array.isArray(counts)).toBe(true);
          for (const c of counts) {
            expect(typeof c.caseId).toBe('string');
            expect(c.caseId).not.toBe('');
            expect(typeof c.unread).toBe('number');
            expect(Number.isNaN(c.unread)).toBe(false);
            expect(isNumOrNull(c.status)).toBe(true);
          }
        },
      ),
  },
  ...[['c1'], ['c1', 'c2']].map<Target>((caseIds) => ({
    name: `pollMessages (${caseIds.length} case${caseIds.length > 1 ? 's' : ''})`,
    valid: asJson(validPoll),
    run: () =>
      settle(
        () => client.pollMessages({ caseIds, cursor: '1594296177490' }),
        (result) => {
          expect(typeof result.cursor === 'string' || result.cursor === null).toBe(true);
          expect(Array.isArray(result.statuses)).toBe(true);
          for (const s of result.statuses) {
            expect(typeof s.caseId).toBe('string');
            expect(isNumOrNull(s.status)).toBe(true);
          }
          checkMessages(result.messages);
        },
      ),
  })),
  {
    name: 'loadOlderMessages',
    valid: asJson(validOlder),
    run: () =>
      settle(
        () =>
          client.loadOlderMessages({ caseId: 'c1', before: { createTime: '2020-07-09 00:00:00', type: 0 } }),
        (result) => {
          expect(isNumOrNull(result.count)).toBe(true);
          checkMessages(result.messages);
        },
      ),
  },
  {
    name: 'sendMessage',
    valid: validVoid,
    run: () =>
      settle(
        () => client.sendMessage({ caseId: 'c1', content: 'hello', attachmentIds: ['a1'] }),
        (value) => expect(value).toBeUndefined(),
      ),
  },
  {
    name: 'markRead',
    valid: validVoid,
    run: () =>
      settle(
        () => client.markRead({ caseId: 'c1' }),
        (value) => expect(value).toBeUndefined(),
      ),
  },
];

describe('decoder fuzz: every method resolves well-typed or rejects with TicketChatError', () => {
  it.each(targets)('$name', async ({ valid, run }) => {
    await fc.assert(
      fc.asyncProperty(answerArb(valid), async (answer) => {
        served = answer;
        await run();
      }),
      { numRuns },
    );
  });

  it('downloadAttachment: error bodies reject with TicketChatError, any 2xx bytes resolve as a Blob', async () => {
    const bytesArb = fc.uint8Array({ maxLength: 2048 });
    const answer = fc.oneof(
      answerArb(asJson(errorBodyArb)),
      fc.record({
        status: fc.constantFrom(200, 201),
        body: fc.oneof(bytesArb, rawText),
        contentType: fc.constantFrom('image/png', 'application/octet-stream', 'application/pdf', null),
        retryAfter: fc.constant(null),
      }),
    );
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        served = a;
        await settle(
          () => client.downloadAttachment({ attachmentId: 'acc-1' }),
          (blob) => {
            // jsdom's Blob is not undici's (fetch's), so check the shape rather than the class.
            expect(typeof blob.size).toBe('number');
            expect(typeof blob.arrayBuffer).toBe('function');
            // A 2xx that is not JSON is the file itself: nothing is lost or rewritten.
            if (a.body instanceof Uint8Array && a.contentType !== null) expect(blob.size).toBe(a.body.length);
          },
        );
        // A non-2xx answer never resolves as a file.
        if (a.status >= 300) {
          await expect(client.downloadAttachment({ attachmentId: 'acc-1' })).rejects.toBeInstanceOf(
            TicketChatError,
          );
        }
      }),
      { numRuns },
    );
  });

  it('downloadAttachment: a JSON error inside a 200 is an api error, not a file', async () => {
    served = {
      status: 200,
      body: JSON.stringify({ error_code: 'OSM.01010007', error_msg: 'Attachment not found' }),
      contentType: 'application/json',
      retryAfter: null,
    };
    const error = await client.downloadAttachment({ attachmentId: 'acc-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketChatError);
    expect(error).toMatchObject({ kind: 'api', code: 'OSM.01010007' });
  });

  it('an over-long error_code and a token echoed in it are capped and scrubbed', async () => {
    served = {
      status: 200,
      body: JSON.stringify({ error_code: `X.fuzz-token.${'9'.repeat(4500)}`, error_msg: null }),
      contentType: 'application/json',
      retryAfter: null,
    };
    const error = (await client.markRead({ caseId: 'case-1' }).catch((e: unknown) => e)) as TicketChatError;
    expect(error).toBeInstanceOf(TicketChatError);
    expect(error.kind).toBe('api');
    expect(error.code?.length).toBeLessThanOrEqual(64);
    expect(error.message.length).toBeLessThanOrEqual(600);
    expect(`${error.code} ${error.message}`).not.toContain('fuzz-token');
  });

  it('null items in envelope lists are a decode error, not a TypeError', async () => {
    for (const body of ['{"imunread":[null]}', '{"immsg":[null]}', '{"imstatus":[null]}']) {
      served = { status: 200, body, contentType: 'application/json', retryAfter: null };
      const call = body.includes('imunread')
        ? client.listUnread({ caseIds: ['c1'] })
        : client.pollMessages({ caseIds: ['c1'] });
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, body).toBeInstanceOf(TicketChatError);
      expect((error as TicketChatError).kind, body).toBe('decode');
    }
  });

  // A null message or attachment is skipped: the answer's other messages still show (attack2 finding 2).
  it('null items in a message list or an attachment list are skipped', async () => {
    served = {
      status: 200,
      body: '{"immsg":[{"incident_id":"c1","message_list":[null,{"content":"x","accessory_list":[null]}]}]}',
      contentType: 'application/json',
      retryAfter: null,
    };
    const { messages } = await client.pollMessages({ caseIds: ['c1'] });
    expect(messages.map((m) => [m.content, m.attachments])).toEqual([['x', []]]);
  });

  it('prototype pollution in a body does not reach Object.prototype', async () => {
    served = {
      status: 200,
      body: '{"imunread":[{"incident_id":"c1","unread_num":1,"__proto__":{"polluted":true}}],"__proto__":{"x":1}}',
      contentType: 'application/json',
      retryAfter: null,
    };
    await settle(
      () => client.listUnread({ caseIds: ['c1'] }),
      () => undefined,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
