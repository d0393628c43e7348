/**
 * Whatever a 2xx body holds, the client resolves with well-typed data or rejects with TicketChatError:
 * never a TypeError or another exception.
 */
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { API, BASE, installServer } from '../../test/support/msw.ts';
import { createTicketChatClient } from './createClient.ts';
import { TicketChatError } from './errors.ts';
import type { Message } from './types.ts';

const { server } = installServer();
const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);
const client = createTicketChatClient({ endpoint: BASE, token: 't' });

let body = '';
beforeEach(() => {
  server.use(
    http.get(`${API}/cases/instant-messages`, () => HttpResponse.text(body)),
    http.get(`${API}/cases/instant-messages/unread`, () => HttpResponse.text(body)),
    http.get(`${API}/cases/:id/instant-messages/more`, () => HttpResponse.text(body)),
  );
});

const isStrOrNull = (x: unknown) => typeof x === 'string' || x === null;

function checkMessage(m: Message) {
  expect(typeof m.key).toBe('string');
  expect(m.key).toMatch(/#\d+$/);
  for (const f of [m.caseId, m.content, m.createTime, m.replier, m.replierName])
    expect(typeof f).toBe('string');
  expect(m.createdAt === null || (m.createdAt instanceof Date && !Number.isNaN(m.createdAt.getTime()))).toBe(
    true,
  );
  expect(typeof m.fromSupport).toBe('boolean');
  expect(typeof m.isFirstMessage).toBe('boolean');
  for (const a of m.attachments) expect([typeof a.id, typeof a.name]).toEqual(['string', 'string']);
}

async function exercise() {
  const outcomes = await Promise.allSettled([
    client.pollMessages({ caseIds: ['c1'] }),
    client.pollMessages({ caseIds: ['c1', 'c2'] }),
    client.listUnread({ caseIds: ['c1', 'c2'] }),
    client.loadOlderMessages({ caseId: 'c1', before: { createTime: '2020-07-09 00:00:00', type: 0 } }),
  ]);
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') {
      expect(outcome.reason).toBeInstanceOf(TicketChatError);
      continue;
    }
    const value = outcome.value;
    if (Array.isArray(value)) {
      for (const u of value) {
        expect(typeof u.caseId).toBe('string');
        expect(typeof u.unread).toBe('number');
        expect(u.status === null || typeof u.status === 'number').toBe(true);
      }
    } else if ('statuses' in value) {
      expect(isStrOrNull(value.cursor)).toBe(true);
      value.messages.forEach(checkMessage);
      for (const s of value.statuses) expect(typeof s.caseId).toBe('string');
    } else {
      value.messages.forEach(checkMessage);
      expect(value.count === null || typeof value.count === 'number').toBe(true);
    }
  }
}

const validMessage = {
  type: 0,
  replier_type: 1,
  replier: 'test',
  content: 'test',
  create_time: '2020-07-09 00:00:00',
  replier_name: 'test',
  is_first_message: 1,
  iam_user_type: 0,
  accessory_list: [{ accessory_id: '123', file_actual_name: 'test' }],
};
const validBody = {
  imstatus: [{ status: 1, incident_id: 'c1' }],
  immsg: [{ incident_id: 'c1', message_list: [validMessage, validMessage] }],
  imunread: [{ status: 1, incident_id: 'c1', unread_num: 2 }],
  count: 2,
  message_list: [validMessage],
  last_message_time_id: 1594296177490,
};

type Json = unknown;
/** Replaces the value at one random path of `value` with `replacement`. */
function mutate(value: Json, path: number[], replacement: Json): Json {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const entries = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const index = head! % entries.length;
  const [key, child] = entries[index]!;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, Json>;
  copy[key] = mutate(child, rest, replacement);
  return copy;
}

describe('decoder robustness', () => {
  it('arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), async (json) => {
        body = json;
        await exercise();
      }),
      { numRuns },
    );
  });

  it('arbitrary text (not necessarily JSON)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (text) => {
        body = text;
        await exercise();
      }),
      { numRuns: Math.ceil(numRuns / 2) },
    );
  });

  it('mutations of a valid body', async () => {
    const replacement = fc.oneof(
      fc.constantFrom(
        null,
        undefined,
        '',
        0,
        -1,
        1.5,
        2 ** 60,
        true,
        [],
        {},
        [null],
        'x',
        '2020-02-30 00:00:00',
      ),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(), { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        fc.array(replacement, { minLength: 3, maxLength: 3 }),
        async (paths, replacements) => {
          let value: Json = validBody;
          paths.forEach((p, i) => {
            value = mutate(value, p, replacements[i]);
          });
          body = JSON.stringify(value) ?? '';
          await exercise();
        },
      ),
      { numRuns },
    );
  });
});
