/** The client against the simulator (strict, like the real service) and exact wire quirks. */
import { HttpResponse, http } from 'msw';
import {
  createHandlers,
  createServiceModel,
  type ServiceModel,
  TEST_BASE_URL,
  TEST_TOKEN,
} from '../../simulator/index.ts';
import { API, installServer, rejectionOf } from '../../test/support/msw.ts';
import { createTicketChatClient } from './createClient.ts';
import { TicketChatError } from './errors.ts';
import { messageBaseKey } from './messageKey.ts';
import { CHUNKED_CURSOR, joinCursors, splitCursor } from './messageMethods.ts';
import type { Message, TicketChatClient } from './types.ts';

const { server, log } = installServer();
let model: ServiceModel;
let client: TicketChatClient;
const T0 = Date.UTC(2024, 4, 1, 2, 0, 0); // 2024-05-01 10:00:00 in GMT+8

beforeEach(() => {
  model = createServiceModel();
  server.use(...createHandlers(model));
  client = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN });
});

describe('against the simulator', () => {
  it('polls messages oldest first, with times, keys and a cursor', async () => {
    model.addTicket({
      id: 'c1',
      chatStatus: 1,
      messages: [
        { content: 'hello', replierType: 0, at: T0 },
        {
          content: 'hi, how can I help?',
          replierType: 1,
          at: T0 + 60_000,
          attachments: [{ id: 'a1', name: 'x.png' }],
        },
      ],
    });
    const result = await client.pollMessages({ caseIds: ['c1'] });
    expect(result.statuses).toEqual([{ caseId: 'c1', status: 1 }]);
    expect(result.messages.map((m) => [m.content, m.fromSupport, m.createdAt?.getTime()])).toEqual([
      ['hello', false, T0],
      ['hi, how can I help?', true, T0 + 60_000],
    ]);
    expect(result.messages[0]).toMatchObject({
      caseId: 'c1',
      createTime: '2024-05-01 10:00:00',
      replierType: 0,
    });
    expect(result.messages[1]!.attachments).toEqual([{ id: 'a1', name: 'x.png' }]);
    expect(result.messages[1]!.key).toBe(`${messageBaseKey(result.messages[1]!)}#0`);
    expect(result.cursor).toBe(String(T0 + 60_000));
    model.post('c1', { content: 'anything else?', at: T0 + 120_000 });
    const next = await client.pollMessages({ caseIds: ['c1'], cursor: result.cursor! });
    expect(next.messages.map((m) => m.content)).toEqual(['anything else?']);
  });

  it('reads create_time in the configured zone', async () => {
    model.addTicket({ id: 'c1', messages: [{ content: 'x', at: T0 }] });
    for (const timeZone of ['GMT-3', 'America/Sao_Paulo', 'GMT+05:30', 'UTC']) {
      const c = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, timeZone });
      const [message] = (await c.pollMessages({ caseIds: ['c1'] })).messages;
      expect(message!.createdAt?.getTime()).toBe(T0);
    }
  });

  it('understands the quirky documented form (numeric cursor, no replier_type)', async () => {
    model.quirks = true;
    model.addTicket({ id: 'c1', messages: [{ content: 'from support', replierType: 1, at: T0 }] });
    const result = await client.pollMessages({ caseIds: ['c1'] });
    expect(result.cursor).toBe(String(T0));
    expect(result.messages[0]).toMatchObject({ replierType: null, type: 1, fromSupport: true });
  });

  it('splits 150 case ids into two requests of 100 and 50 and merges them', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `case-${i}`);
    ids.forEach((id, i) => {
      model.addTicket({ id, messages: [{ content: `m${i}`, at: T0 + i * 1000 }] });
    });
    const result = await client.pollMessages({ caseIds: ids });
    const polls = log.filter((r) => r.url.includes('/cases/instant-messages?'));
    expect(polls.map((r) => new URL(r.url).searchParams.getAll('case_ids').length).sort()).toEqual([100, 50]);
    expect(result.messages).toHaveLength(150);
    expect(result.messages.map((m) => m.content)).toEqual(ids.map((_, i) => `m${i}`));
    expect(result.statuses).toHaveLength(150);
    // Each chunk's own cursor (was: the oldest of the two, which re-delivered the newer chunk: issue 11 item 9).
    expect(splitCursor(result.cursor ?? undefined, 2)).toEqual([String(T0 + 99_000), String(T0 + 149_000)]);
    const unread = await client.listUnread({ caseIds: ids });
    expect(unread).toHaveLength(150);
    expect(model.requests.filter((r) => r.endpoint === 'unread')).toHaveLength(2);
  });

  it('keeps identical messages of one answer distinct', async () => {
    model.addTicket({
      id: 'c1',
      messages: [
        { content: 'ok', replierType: 0, at: T0 },
        { content: 'ok', replierType: 0, at: T0 + 1 },
        { content: 'ok', replierType: 0, at: T0 + 2 },
      ],
    });
    const { messages } = await client.pollMessages({ caseIds: ['c1'] });
    const base = messageBaseKey(messages[0]!);
    expect(messages.map((m) => m.key)).toEqual([`${base}#0`, `${base}#1`, `${base}#2`]);
  });

  it('listUnread maps counts and statuses', async () => {
    model.addTicket({ id: 'c1', status: 1, unread: 3 });
    model.addTicket({ id: 'c2', status: 17 });
    const counts = await client.listUnread({ caseIds: ['c1', 'c2'] });
    expect(counts).toEqual(
      expect.arrayContaining([
        { caseId: 'c1', unread: 3, status: 1 },
        { caseId: 'c2', unread: 0, status: 17 },
      ]),
    );
  });

  it('sendMessage posts the documented body; markRead clears unread', async () => {
    model.addTicket({
      id: 'c1',
      unread: 2,
      messages: [{ content: 'f', attachments: [{ id: 'a1', name: 'f.txt' }], at: T0 }],
    });
    await client.sendMessage({ caseId: 'c1', content: 'text', attachmentIds: ['a1'], groupId: 'g1' });
    const sent = log.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.headers.get('content-type')).toBe('application/json');
    expect(await sent.json()).toEqual({
      message: { content: 'text', accessory_ids: ['a1'] },
      group_id: 'g1',
    });
    expect(model.ticket('c1')!.messages.at(-1)!.content).toBe('text');
    await client.markRead({ caseId: 'c1' });
    expect(await log.at(-1)!.json()).toEqual({});
    expect(model.ticket('c1')!.unread).toBe(0);
  });

  it('downloadAttachment returns the bytes as a Blob', async () => {
    model.addTicket({
      id: 'c1',
      messages: [{ content: 'see file', attachments: [{ id: 'att-1', name: 'notes.txt' }], at: T0 }],
    });
    const blob = await client.downloadAttachment({ attachmentId: 'att-1' });
    expect(blob.size).toBeGreaterThan(0);
    expect(typeof (await blob.text())).toBe('string');
    const error = (await rejectionOf(
      client.downloadAttachment({ attachmentId: 'missing' }),
    )) as TicketChatError;
    expect(error).toBeInstanceOf(TicketChatError);
    expect(error.kind === 'http' || error.kind === 'api').toBe(true);
  });

  // Was: cut off at timeoutMs whatever was still arriving, so a file that took longer than 15 s always failed.
  it('downloadAttachment: the timeout bounds a stall and a trickle, not a long download', async () => {
    const trickle = (parts: number, size = 5000, ms = 60) =>
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, ms));
          if (parts-- > 0) controller.enqueue(new Uint8Array(size).fill(7));
          // A stall: nothing more, never the end (parts < 0 keeps the stream open).
          else if (parts === -1) controller.close();
        },
      });
    let body = () => trickle(12);
    server.use(
      http.get(
        `${API}/accessorys/:id`,
        () => new HttpResponse(body(), { headers: { 'Content-Type': 'application/pdf' } }),
      ),
    );
    const slow = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, timeoutMs: 300 });
    // 12 parts 60 ms apart: about 780 ms in all, more than twice the timeout.
    const blob = await slow.downloadAttachment({ attachmentId: 'big' });
    expect(blob.size).toBe(60_000);
    expect(blob.type).toBe('application/pdf');
    body = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(5000));
        },
      });
    const stalled = (await rejectionOf(slow.downloadAttachment({ attachmentId: 'big' }))) as TicketChatError;
    expect(stalled).toBeInstanceOf(TicketChatError);
    expect(stalled.kind).toBe('timeout');
    // Was: every byte restarted the timer, so 10 bytes every 20 ms (2 s in all here) never timed out.
    body = () => trickle(100, 10, 20);
    const trickled = (await rejectionOf(slow.downloadAttachment({ attachmentId: 'big' }))) as TicketChatError;
    expect(trickled).toBeInstanceOf(TicketChatError);
    expect(trickled.kind).toBe('timeout');
  });

  it('loadOlderMessages pages back from the oldest loaded message', async () => {
    model.addTicket({
      id: 'c1',
      messages: Array.from({ length: 5 }, (_, i) => ({ content: `m${i}`, at: T0 + i * 60_000 })),
    });
    const all = await client.pollMessages({ caseIds: ['c1'] });
    const oldest = all.messages[3]!;
    const older = await client.loadOlderMessages({ caseId: 'c1', before: oldest, limit: 2 });
    expect(older.messages.map((m) => m.content)).toEqual(['m1', 'm2']);
    expect(older.messages.every((m) => m.caseId === 'c1')).toBe(true);
    const url = new URL(log.at(-1)!.url);
    expect(url.searchParams.get('create_time')).toBe(oldest.createTime);
    expect(url.searchParams.get('type')).toBe('1');
    expect(url.searchParams.get('limit')).toBe('2');
  });

  it('an expired token: the function is asked again and the request retried once', async () => {
    model.addTicket({ id: 'c1', messages: [{ content: 'x', at: T0 }] });
    model.expireAllTokens();
    const fresh = model.issueToken();
    let calls = 0;
    const c = createTicketChatClient({
      endpoint: TEST_BASE_URL,
      token: () => (calls++ === 0 ? TEST_TOKEN : fresh),
    });
    expect((await c.pollMessages({ caseIds: ['c1'] })).messages).toHaveLength(1);
    expect(calls).toBe(2);
    expect(model.requests.filter((r) => r.endpoint === 'poll')).toHaveLength(2);
  });

  it.each([
    [
      { kind: 'http', status: 500, code: 'OSM.0004' },
      { kind: 'http', status: 500, code: 'OSM.0004', retryable: true },
    ],
    [
      { kind: 'rateLimit', retryAfterSeconds: 4 },
      { kind: 'http', status: 429, retryable: true, retryAfterMs: 4000 },
    ],
    [{ kind: 'throttle' }, { kind: 'http', code: 'APIG.0308', retryable: true }],
    [
      { kind: 'apiErrorIn200', code: 'OSM.01010003' },
      { kind: 'api', code: 'OSM.01010003' },
    ],
    [{ kind: 'malformed' }, { kind: 'decode' }],
    [{ kind: 'drop' }, { kind: 'network', retryable: true }],
  ] as const)('simulator fault %j → %j', async (fault, expected) => {
    model.addTicket({ id: 'c1' });
    model.injectFault(fault, { endpoint: 'poll' });
    const error = await rejectionOf(client.pollMessages({ caseIds: ['c1'] }));
    expect(error).toBeInstanceOf(TicketChatError);
    expect(error).toMatchObject(expected);
    expect((error as Error).message).not.toContain(TEST_TOKEN);
  });

  it('a simulator timeout fault → timeout', async () => {
    model.addTicket({ id: 'c1' });
    model.injectFault({ kind: 'timeout' }, { endpoint: 'poll' });
    const c = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, timeoutMs: 30 });
    expect(await rejectionOf(c.pollMessages({ caseIds: ['c1'] }))).toMatchObject({ kind: 'timeout' });
  });

  it('the token never appears in any URL', async () => {
    model.addTicket({
      id: 'c1',
      messages: [{ content: 'x', attachments: [{ id: 'a', name: 'a.txt' }], at: T0 }],
    });
    await client.listUnread({ caseIds: ['c1'] });
    await client.pollMessages({ caseIds: ['c1'] });
    await client.sendMessage({ caseId: 'c1', content: 'y' });
    await client.markRead({ caseId: 'c1' });
    await client.downloadAttachment({ attachmentId: 'a' });
    expect(log).toHaveLength(5);
    for (const request of log) expect(request.url).not.toContain(TEST_TOKEN);
    expect(model.requests.every((r) => r.hadToken)).toBe(true);
  });
});

describe('exact wire quirks', () => {
  const pollUrl = `${API}/cases/instant-messages`;

  // Was: `push(...list)` threw a plain RangeError (the engine's argument limit) from about 120,000
  // messages, which the chat then retried for ever as a lost connection.
  it('decodes an answer of 150,000 messages', async () => {
    const wire = { type: 0, replier: 'u', content: 'a', create_time: '2024-05-01 10:00:00' };
    server.use(
      http.get(pollUrl, () =>
        HttpResponse.json({
          imstatus: [],
          immsg: [{ incident_id: 'c1', message_list: Array.from({ length: 150_000 }, () => wire) }],
          last_message_time_id: '1',
        }),
      ),
    );
    const result = await client.pollMessages({ caseIds: ['c1'] });
    expect(result.messages).toHaveLength(150_000);
    expect(new Set(result.messages.map((m) => m.key)).size).toBe(150_000);
  });

  it('decodes the documented example verbatim', async () => {
    server.use(
      http.get(pollUrl, () =>
        HttpResponse.text(
          `{
  "imstatus": [ { "status": null, "incident_id": null } ],
  "immsg": [ {
    "incident_id": null,
    "message_list": [ {
      "type": 0, "replier": "test", "content": "test", "create_time": "2020-07-09 00:00:00",
      "replier_name": "test", "is_first_message": 1, "iam_user_type": 0,
      "accessory_list": [ { "accessory_id": "123", "file_actual_name": "test" } ]
    } ]
  } ],
  "last_message_time_id": 1594296177490
}`,
          { headers: { 'Content-Type': 'application/json' } },
        ),
      ),
    );
    const result = await client.pollMessages({ caseIds: ['case-123'] });
    expect(result.cursor).toBe('1594296177490');
    expect(result.statuses).toEqual([{ caseId: 'case-123', status: null }]);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatchObject({
      caseId: 'case-123',
      content: 'test',
      createTime: '2020-07-09 00:00:00',
      createdAt: new Date('2020-07-08T16:00:00Z'),
      replier: 'test',
      replierName: 'test',
      replierType: null,
      type: 0,
      fromSupport: false,
      isFirstMessage: true,
      attachments: [{ id: '123', name: 'test' }],
    });
  });

  // Was: String() of the parsed (rounded) number; the exact text is what the server must get back (issue 11 item 3).
  it('a cursor beyond 2^53 is passed on as the exact text received', async () => {
    server.use(http.get(pollUrl, () => HttpResponse.text('{"last_message_time_id": 12345678901234567890}')));
    expect((await client.pollMessages({ caseIds: ['c1'] })).cursor).toBe('12345678901234567890');
  });

  // Was: JSON.parse's rounded number, so attachment …891 read as …000 and a download asked for another file
  // (hostile review round 3). Numbers inside strings, small numbers and fractions stay as they were.
  it('integers of 16+ digits in messages read as their exact text, in polls and older pages', async () => {
    const message =
      '{"type":1,"replier":9007199254740993,"content":"id 12345678901234567891 in text","create_time":"2026-01-05 10:00:00",' +
      '"is_first_message":0.5,"accessory_list":[{"accessory_id":12345678901234567891,"file_actual_name":1.25e3}]}';
    server.use(
      http.get(pollUrl, () =>
        HttpResponse.text(
          `{"immsg":[{"incident_id":"c1","message_list":[${message}]}],"last_message_time_id":12345678901234567890}`,
        ),
      ),
      http.get(`${API}/cases/:id/instant-messages/more`, () =>
        HttpResponse.text(`{"count":1,"message_list":[${message}]}`),
      ),
    );
    const polled = await client.pollMessages({ caseIds: ['c1'] });
    const [first] = polled.messages;
    expect(polled.cursor).toBe('12345678901234567890');
    expect(first).toMatchObject({
      type: 1,
      replier: '9007199254740993',
      content: 'id 12345678901234567891 in text',
      attachments: [{ id: '12345678901234567891', name: '1250' }],
    });
    const older = await client.loadOlderMessages({ caseId: 'c1', before: first as Message, limit: 1 });
    expect(older.count).toBe(1);
    expect(older.messages[0]?.attachments).toEqual([{ id: '12345678901234567891', name: '1250' }]);
    expect(older.messages[0]?.replier).toBe('9007199254740993');
  });

  // Hostile review round 3: the exact reading must never lose an answer that JSON.parse's reading kept.
  it('an answer whose exact reading fails is read as JSON.parse reads it (a code of 16+ digits, a huge string)', async () => {
    let answer = '';
    server.use(http.get(pollUrl, () => HttpResponse.text(answer)));
    const message = (content: string) =>
      `{"content":"${content}","create_time":"2026-01-05 10:00:00","accessory_list":[{"accessory_id":12345678901234567891}]}`;
    // A status no decoder reads as text: the answer as before, with its messages.
    answer = `{"imstatus":[{"incident_id":"c1","status":12345678901234567891}],"immsg":[{"incident_id":"c1","message_list":[${message('kept')}]}]}`;
    const coded = await client.pollMessages({ caseIds: ['c1'] });
    expect(coded.messages.map((m) => m.content)).toEqual(['kept']);
    expect(coded.statuses).toEqual([{ caseId: 'c1', status: Number('12345678901234567891') }]);
    // Millions of escapes: the engine's regular-expression stack may give out; the answer still reads.
    answer = `{"immsg":[{"incident_id":"c1","message_list":[${message('\\"'.repeat(5_000_000))},${message('a'.repeat(12_000_000))}]}]}`;
    const huge = await client.pollMessages({ caseIds: ['c1'] });
    expect(huge.messages.map((m) => m.content.length)).toEqual([5_000_000, 12_000_000]);
  });

  // Was: a cursor over 64 characters was accepted from the answer, then refused as `input` when sent back, so
  // polling stopped for good (attack2 finding 1).
  it('a cursor of any length goes back exactly as received, URL-encoded', async () => {
    const long = `${'z'.repeat(300)}+/= &é`;
    const sent: (string | null)[] = [];
    server.use(
      http.get(pollUrl, ({ request }) => {
        sent.push(new URL(request.url).searchParams.get('last_message_time_id'));
        return HttpResponse.json({ last_message_time_id: long });
      }),
    );
    const first = await client.pollMessages({ caseIds: ['c1'] });
    expect(first.cursor).toBe(long);
    const second = await client.pollMessages({ caseIds: ['c1'], cursor: first.cursor! });
    expect(second.cursor).toBe(long);
    expect(sent).toEqual([null, long]);
  });

  it('one malformed message costs nothing of its answer: the others are shown, the cursor advances', async () => {
    const message = (content: unknown) => ({ content, create_time: '2020-07-09 00:00:00', replier_type: 1 });
    server.use(
      http.get(pollUrl, () =>
        HttpResponse.json({
          immsg: [
            {
              incident_id: 'c1',
              message_list: [
                message('A-good'),
                null,
                message(404),
                { ...message('m9'), accessory_list: 'nope' },
              ],
            },
          ],
          last_message_time_id: 'after-the-bad-one',
        }),
      ),
    );
    const result = await client.pollMessages({ caseIds: ['c1'] });
    expect(result.messages.map((m) => m.content)).toEqual(['A-good', '404', 'm9']);
    expect(result.cursor).toBe('after-the-bad-one');
  });

  it('nulls everywhere decode to safe defaults', async () => {
    server.use(
      http.get(pollUrl, () =>
        HttpResponse.json({
          imstatus: null,
          immsg: [
            { incident_id: 'c1', message_list: [{}] },
            { incident_id: null, message_list: null },
          ],
          last_message_time_id: null,
        }),
      ),
      http.get(`${pollUrl}/unread`, () =>
        HttpResponse.json({ imunread: [{ incident_id: 'c1', unread_num: null, status: null }, {}] }),
      ),
    );
    const result = await client.pollMessages({ caseIds: ['c1', 'c2'] });
    expect(result).toMatchObject({ statuses: [], cursor: null });
    expect(result.messages[0]).toMatchObject({
      caseId: 'c1',
      content: '',
      createdAt: null,
      createTime: '',
      replierType: null,
      type: null,
      fromSupport: false,
      isFirstMessage: false,
      attachments: [],
    });
    // The entry without an incident_id cannot be attributed among two ids: skipped, not a crash.
    expect(await client.listUnread({ caseIds: ['c1', 'c2'] })).toEqual([
      { caseId: 'c1', unread: 0, status: null },
    ]);
  });

  it('messages without a case id in a multi-case answer → decode error, not silent loss', async () => {
    server.use(
      http.get(pollUrl, () =>
        HttpResponse.json({ immsg: [{ incident_id: null, message_list: [{ content: 'x' }] }] }),
      ),
    );
    expect(await rejectionOf(client.pollMessages({ caseIds: ['c1', 'c2'] }))).toMatchObject({
      kind: 'decode',
    });
  });

  it('fromSupport follows replier_type, else type', async () => {
    const wire = [
      [0, 1, false],
      [1, 0, true],
      [2, 0, true],
      [3, 1, true],
      [3, 0, false],
      [null, 1, true],
      [null, null, false],
    ] as const;
    server.use(
      http.get(pollUrl, () =>
        HttpResponse.json({
          immsg: [
            {
              incident_id: 'c1',
              message_list: wire.map(([replier_type, type], i) => ({
                replier_type,
                type,
                content: String(i),
                create_time: `2020-07-09 00:00:0${i}`,
              })),
            },
          ],
        }),
      ),
    );
    const { messages } = await client.pollMessages({ caseIds: ['c1'] });
    expect(messages.map((m) => m.fromSupport)).toEqual(wire.map((w) => w[2]));
  });

  it('sorts across tickets by time, stable; unreadable times go last in raw order', async () => {
    server.use(
      http.get(pollUrl, () =>
        HttpResponse.json({
          immsg: [
            {
              incident_id: 'c1',
              message_list: [
                { content: 'c1-late', create_time: '2020-07-09 00:00:05' },
                { content: 'c1-bad-b', create_time: 'b' },
                { content: 'c1-early', create_time: '2020-07-09 00:00:01' },
              ],
            },
            {
              incident_id: 'c2',
              message_list: [
                { content: 'c2-bad-a', create_time: 'a' },
                { content: 'c2-mid', create_time: '2020-07-09 00:00:03' },
                { content: 'c2-mid-2', create_time: '2020-07-09 00:00:03' },
              ],
            },
          ],
        }),
      ),
    );
    const { messages } = await client.pollMessages({ caseIds: ['c1', 'c2'] });
    expect(messages.map((m) => m.content)).toEqual([
      'c1-early',
      'c2-mid',
      'c2-mid-2',
      'c1-late',
      'c2-bad-a',
      'c1-bad-b',
    ]);
    expect(messages.map((m) => m.caseId)).toEqual(['c1', 'c2', 'c2', 'c1', 'c2', 'c1']);
  });
});

describe('chunked cursors', () => {
  // Was: mergeCursors kept the OLDEST chunk cursor, so the next poll re-delivered the newer chunks'
  // messages (issue 11, item 9). Each chunk now continues from its own cursor.
  it('one chunk: the answer itself; several: every chunk cursor, in order', () => {
    expect(joinCursors(['5'])).toBe('5');
    expect(joinCursors([null])).toBeNull();
    expect(joinCursors([null, null])).toBeNull();
    const joined = joinCursors(['20', '10']);
    expect(joined?.startsWith(CHUNKED_CURSOR)).toBe(true);
    expect(splitCursor(joined ?? undefined, 2)).toEqual(['20', '10']);
    expect(splitCursor('7', 3)).toEqual(['7', '7', '7']);
    expect(splitCursor(undefined, 2)).toEqual([undefined, undefined]);
  });
  it('a chunked cursor that does not fit the chunks starts those chunks over (never skips)', () => {
    expect(splitCursor(joinCursors(['1', '2', '3']) ?? undefined, 2)).toEqual([undefined, undefined]);
  });
});

describe('input validation (no request is sent)', () => {
  const make = (options: Record<string, unknown>) => () =>
    createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, ...options } as never);

  it.each([
    ['endpoint', { endpoint: '' }],
    ['token', { token: '' }],
    ['timeZone', { timeZone: 'Mars/Olympus' }],
    ['language', { language: '' }],
    ['timeoutMs', { timeoutMs: 0 }],
  ])('creation: bad %s', (name, options) => {
    let error: unknown;
    try {
      make(options)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TicketChatError);
    expect(error).toMatchObject({ kind: 'input' });
    expect((error as Error).message).toContain(name);
  });

  const long = 'x'.repeat(65);
  const calls: [string, string, (c: TicketChatClient) => Promise<unknown>][] = [
    ['caseIds', 'empty caseIds', (c) => c.pollMessages({ caseIds: [] })],
    ['caseIds', 'empty caseIds (unread)', (c) => c.listUnread({ caseIds: [] })],
    ['caseIds[1]', 'an empty case id', (c) => c.listUnread({ caseIds: ['a', ''] })],
    ['caseIds[0]', 'a 65-char case id', (c) => c.pollMessages({ caseIds: [long] })],
    ['groupId', 'a 65-char groupId', (c) => c.pollMessages({ caseIds: ['a'], groupId: long })],
    ['cursor', 'a cursor that is no string', (c) => c.pollMessages({ caseIds: ['a'], cursor: 7 as never })],
    ['content', 'empty content', (c) => c.sendMessage({ caseId: 'a', content: '' })],
    ['content', '2001-char content', (c) => c.sendMessage({ caseId: 'a', content: 'x'.repeat(2001) })],
    ['caseId', 'an empty caseId (send)', (c) => c.sendMessage({ caseId: '', content: 'x' })],
    ['caseId', 'a ".." caseId', (c) => c.markRead({ caseId: '..' })],
    [
      'attachmentIds[0]',
      'an empty attachment id',
      (c) => c.sendMessage({ caseId: 'a', content: 'x', attachmentIds: [''] }),
    ],
    ['attachmentId', 'an empty attachmentId', (c) => c.downloadAttachment({ attachmentId: '' })],
    ['attachmentId', 'a 65-char attachmentId', (c) => c.downloadAttachment({ attachmentId: long })],
    [
      'limit',
      'limit 0',
      (c) => c.loadOlderMessages({ caseId: 'a', before: { createTime: 't', type: 0 }, limit: 0 }),
    ],
    [
      'limit',
      'limit 101',
      (c) => c.loadOlderMessages({ caseId: 'a', before: { createTime: 't', type: 0 }, limit: 101 }),
    ],
    [
      'before.createTime',
      'no createTime',
      (c) => c.loadOlderMessages({ caseId: 'a', before: { createTime: '', type: 0 } }),
    ],
  ];
  it.each(calls)('%s: %s', async (name, _label, call) => {
    const error = await rejectionOf(call(client));
    expect(error).toBeInstanceOf(TicketChatError);
    expect(error).toMatchObject({ kind: 'input' });
    expect((error as Error).message).toContain(name);
    expect(log).toHaveLength(0);
  });

  it('content of exactly 2000 characters and 101 ids are fine', async () => {
    model.addTicket({ id: 'a' });
    await client.sendMessage({ caseId: 'a', content: 'x'.repeat(2000) });
    await client.listUnread({ caseIds: Array.from({ length: 101 }, (_, i) => (i === 0 ? 'a' : `id-${i}`)) });
    expect(log).toHaveLength(3);
  });
});
