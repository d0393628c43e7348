import { installSimulator, type Json, poll } from './testKit.ts';

const model = installSimulator();
const T0 = Date.parse('2020-07-08T16:00:00Z');

function seedTwo() {
  const m = model();
  m.addTicket({
    id: 'a',
    chatStatus: 1,
    messages: [
      { content: 'a1', at: T0 },
      { content: 'a2', at: T0 + 1000 },
    ],
  });
  m.addTicket({ id: 'b', chatStatus: 0, messages: [{ content: 'b1', at: T0 + 2000, replierType: 0 }] });
}

const contents = (body: Json, caseId: string): string[] =>
  body.immsg.find((g: Json) => g.incident_id === caseId)?.message_list.map((m: Json) => m.content) ?? [];

describe('poll without a cursor', () => {
  test('returns every message grouped per ticket, statuses and the newest at as cursor', async () => {
    seedTwo();
    const { status, body } = await poll(['a', 'b']);
    expect(status).toBe(200);
    expect(body.imstatus).toEqual([
      { status: 1, incident_id: 'a' },
      { status: 0, incident_id: 'b' },
    ]);
    expect(contents(body, 'a')).toEqual(['a1', 'a2']);
    expect(contents(body, 'b')).toEqual(['b1']);
    expect(body.last_message_time_id).toBe(String(T0 + 2000));
    expect(body.immsg[0].message_list[0]).toEqual({
      type: 1,
      replier_type: 1,
      replier: 'agent-1',
      content: 'a1',
      create_time: '2020-07-09 00:00:00',
      replier_name: 'Support Engineer',
      is_first_message: 1,
      iam_user_type: 0,
      accessory_list: [],
    });
    expect(body.immsg[1].message_list[0]).toMatchObject({ type: 0, replier_type: 0, replier: 'customer-1' });
  });

  test('initialPageSize limits each ticket to its latest messages', async () => {
    seedTwo();
    model().initialPageSize = 1;
    const { body } = await poll(['a', 'b']);
    expect(contents(body, 'a')).toEqual(['a2']);
    expect(contents(body, 'b')).toEqual(['b1']);
  });

  test('with initialPageSize 0 nothing comes but the cursor is the newest message', async () => {
    seedTwo();
    model().initialPageSize = 0;
    const { body } = await poll(['a']);
    expect(body.immsg).toEqual([]);
    expect(body.last_message_time_id).toBe(String(T0 + 1000));
  });

  test('tickets without messages, and unknown tickets, give cursor "0" and no groups', async () => {
    model().addTicket({ id: 'empty' });
    const { body } = await poll(['empty', 'unknown']);
    expect(body).toEqual({
      imstatus: [{ status: 1, incident_id: 'empty' }],
      immsg: [],
      last_message_time_id: '0',
    });
  });

  test('create_time follows X-Time-Zone', async () => {
    seedTwo();
    const zones: [string, string][] = [
      ['GMT-3', '2020-07-08 13:00:00'],
      ['GMT+05:30', '2020-07-08 21:30:00'],
      ['UTC', '2020-07-08 16:00:00'],
      ['Asia/Shanghai', '2020-07-09 00:00:00'],
    ];
    for (const [zone, expected] of zones) {
      const { body } = await poll(['a'], undefined, { 'X-Time-Zone': zone });
      expect(body.immsg[0].message_list[0].create_time).toBe(expected);
    }
  });
});

describe('cursor modes', () => {
  test('strict: only messages after the cursor; the cursor is echoed when nothing is new', async () => {
    seedTwo();
    const first = await poll(['a', 'b'], String(T0));
    expect(contents(first.body, 'a')).toEqual(['a2']);
    expect(contents(first.body, 'b')).toEqual(['b1']);
    const again = await poll(['a', 'b'], first.body.last_message_time_id);
    expect(again.body.immsg).toEqual([]);
    expect(again.body.last_message_time_id).toBe(first.body.last_message_time_id);
    model().post('a', { content: 'a3', at: T0 + 5000 });
    const third = await poll(['a', 'b'], again.body.last_message_time_id);
    expect(contents(third.body, 'a')).toEqual(['a3']);
    expect(third.body.last_message_time_id).toBe(String(T0 + 5000));
  });

  test('inclusive: the message at the cursor comes again', async () => {
    seedTwo();
    model().cursorMode = 'inclusive';
    const { body } = await poll(['a', 'b'], String(T0 + 2000));
    expect(contents(body, 'b')).toEqual(['b1']);
    expect(contents(body, 'a')).toEqual([]);
    expect(body.last_message_time_id).toBe(String(T0 + 2000));
  });

  test('posts in the same millisecond get strictly increasing at, so a strict cursor skips none', async () => {
    const m = model();
    m.addTicket({ id: 'a' });
    const x = m.post('a', { content: 'x', at: T0 });
    const y = m.post('a', { content: 'y', at: T0 });
    const z = m.post('a', { content: 'z', at: T0 - 5 });
    expect([x.at, y.at, z.at]).toEqual([T0, T0 + 1, T0 + 2]);
    expect(x.seq < y.seq && y.seq < z.seq).toBe(true);
    const { body } = await poll(['a'], String(T0));
    expect(contents(body, 'a')).toEqual(['y', 'z']);
  });
});

describe('quirks mode (the documented example form)', () => {
  test('one ticket asked: numeric cursor, null ids and status, no replier_type', async () => {
    seedTwo();
    model().quirks = true;
    const { body } = await poll(['a']);
    expect(body.last_message_time_id).toBe(T0 + 1000);
    expect(body.imstatus).toEqual([{ status: null, incident_id: null }]);
    expect(body.immsg).toHaveLength(1);
    expect(body.immsg[0].incident_id).toBeNull();
    for (const message of body.immsg[0].message_list) expect(message).not.toHaveProperty('replier_type');
    expect(body.immsg[0].message_list[0]).toMatchObject({ type: 1, content: 'a1', is_first_message: 1 });
  });

  test('several tickets asked: ids stay attributable, the cursor is still a number', async () => {
    seedTwo();
    model().quirks = true;
    const { body } = await poll(['a', 'b'], String(T0));
    expect(body.last_message_time_id).toBe(T0 + 2000);
    expect(body.imstatus.map((s: Json) => s.incident_id)).toEqual(['a', 'b']);
    expect(contents(body, 'a')).toEqual(['a2']);
    expect(body.immsg[0].message_list[0]).not.toHaveProperty('replier_type');
  });
});

describe('deliveries', () => {
  test('each 200 poll answer is recorded with the seqs it carried, per ticket', async () => {
    seedTwo();
    const m = model();
    await poll(['a', 'b']);
    await poll(['a', 'b'], String(T0 + 2000));
    const [a1, a2] = m.ticket('a')?.messages ?? [];
    const b1 = m.ticket('b')?.messages[0];
    expect(m.deliveries).toEqual([
      [
        { caseId: 'a', seqs: [a1?.seq, a2?.seq] },
        { caseId: 'b', seqs: [b1?.seq] },
      ],
      [],
    ]);
  });

  test('quirks answers are recorded under the real ticket id', async () => {
    seedTwo();
    model().quirks = true;
    await poll(['b']);
    expect(model().deliveries).toEqual([[{ caseId: 'b', seqs: [model().ticket('b')?.messages[0]?.seq] }]]);
  });

  test('error answers are not deliveries', async () => {
    seedTwo();
    await poll([]);
    model().injectFault({ kind: 'http', status: 500 });
    await poll(['a']);
    expect(model().deliveries).toEqual([]);
  });
});
