import { TEST_TOKEN } from './model.ts';
import { callJson, ids, installSimulator } from './testKit.ts';

const model = installSimulator();
const UNREAD = '/cases/instant-messages/unread';
const POLL = '/cases/instant-messages';

beforeEach(() => {
  model().addTicket({ id: 'case-1', messages: [{ content: 'hello', at: 1_000 }] });
});

describe('authentication', () => {
  test.each([
    ['missing', null],
    ['empty', ''],
    ['unknown', 'not-a-real-token-abcdef'],
  ])('a %s token is 401 OSM.0002 without echoing it', async (_label, token) => {
    const { status, body } = await callJson(UNREAD, { query: ids('case-1'), token });
    expect(status).toBe(401);
    expect(body.error_code).toBe('OSM.0002');
    if (token) expect(body.error_msg).not.toContain(token);
  });

  test('expireAllTokens invalidates TEST_TOKEN; issueToken gives a working one', async () => {
    model().expireAllTokens();
    const expired = await callJson(POLL, { query: ids('case-1') });
    expect(expired.status).toBe(401);
    expect(JSON.stringify(expired.body)).not.toContain(TEST_TOKEN);
    const fresh = model().issueToken();
    expect((await callJson(POLL, { query: ids('case-1'), token: fresh })).status).toBe(200);
  });

  test('the request log says whether a token came, never the token', async () => {
    await callJson(UNREAD, { query: ids('case-1') });
    await callJson(UNREAD, { query: ids('case-1'), token: null });
    expect(model().requests.map((r) => r.hadToken)).toEqual([true, false]);
    expect(JSON.stringify(model().requests)).not.toContain(TEST_TOKEN);
    expect(model().requests[0]).toMatchObject({ endpoint: 'unread', method: 'GET', caseIds: ['case-1'] });
  });
});

describe('400 OSM.0001 on the query endpoints', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, [string, string][]][] = [
    ['no case_ids', []],
    ['an empty case id', ids('case-1', '')],
    ['a case id over 64 chars', ids(long(65))],
    ['over 100 case ids', ids(...Array.from({ length: 101 }, (_, i) => `c${i}`))],
    ['a group_id over 64 chars', [...ids('case-1'), ['group_id', long(65)]]],
  ];
  for (const path of [UNREAD, POLL]) {
    test.each(cases)(`${path}: %s`, async (_label, query) => {
      const { status, body } = await callJson(path, { query });
      expect(status).toBe(400);
      expect(body.error_code).toBe('OSM.0001');
    });
  }

  test('a last_message_time_id over 64 chars, or not a cursor at all', async () => {
    for (const cursor of ['1'.repeat(65), 'abc']) {
      const { status } = await callJson(POLL, {
        query: [...ids('case-1'), ['last_message_time_id', cursor]],
      });
      expect(status).toBe(400);
    }
  });

  test('limits are inclusive: 100 ids, 64-char ids and group ids pass', async () => {
    const query: [string, string][] = [
      ...ids(...Array.from({ length: 99 }, (_, i) => `c${i}`), 'y'.repeat(64)),
      ['group_id', 'g'.repeat(64)],
    ];
    expect((await callJson(POLL, { query })).status).toBe(200);
  });

  test.each([
    ['X-Language', ''],
    ['X-Language', 'l'.repeat(33)],
    ['X-Time-Zone', ''],
    ['X-Time-Zone', 'Z'.repeat(33)],
    ['X-Time-Zone', 'Mars/Olympus_Mons'],
  ])('header %s = %j', async (name, value) => {
    const { status, body } = await callJson(POLL, { query: ids('case-1'), headers: { [name]: value } });
    expect(status).toBe(400);
    expect(body.error_code).toBe('OSM.0001');
  });

  test('a comma-joined case_ids value is one (unknown) id, not two', async () => {
    model().addTicket({ id: 'case-2' });
    const { status, body } = await callJson(UNREAD, { query: [['case_ids', 'case-1,case-2']] });
    expect(status).toBe(200);
    expect(body.imunread).toEqual([]);
  });
});

describe('400 OSM.0001 on the per-ticket endpoints', () => {
  const send = (body: unknown, caseId = 'case-1') =>
    callJson(`/cases/${caseId}/message`, { method: 'POST', body: JSON.stringify(body) });

  test.each([
    ['empty content', { message: { content: '' } }],
    ['content over 2000 chars', { message: { content: 'a'.repeat(2001) } }],
    ['no message', {}],
    ['a group_id over 64 chars', { message: { content: 'hi' }, group_id: 'g'.repeat(65) }],
    ['an unknown accessory id', { message: { content: 'hi', accessory_ids: ['nope'] } }],
  ])('send: %s', async (_label, body) => {
    const { status, body: answer } = await send(body);
    expect(status).toBe(400);
    expect(answer.error_code).toBe('OSM.0001');
    expect(model().ticket('case-1')?.messages).toHaveLength(1);
  });

  test('send: 2000 chars is fine; an unknown ticket is 400', async () => {
    expect((await send({ message: { content: 'a'.repeat(2000) } })).status).toBe(200);
    expect((await send({ message: { content: 'hi' } }, 'nope')).status).toBe(400);
  });

  test('send: a body that is not JSON', async () => {
    const { status } = await callJson('/cases/case-1/message', { method: 'POST', body: '{oops' });
    expect(status).toBe(400);
  });

  test.each([
    ['limit over 100', [['limit', '101']]],
    ['negative limit', [['limit', '-1']]],
    ['offset over 65535', [['offset', '65536']]],
    ['non-numeric offset', [['offset', 'abc']]],
  ] as [string, [string, string][]][])('history: %s', async (_label, query) => {
    expect((await callJson('/cases/case-1/messages', { query })).status).toBe(400);
  });

  const good: [string, string][] = [
    ['create_time', '2020-07-09 00:00:00'],
    ['type', '0'],
    ['limit', '10'],
  ];
  test.each([
    ['no create_time', good.filter(([k]) => k !== 'create_time')],
    ['no type', good.filter(([k]) => k !== 'type')],
    ['no limit', good.filter(([k]) => k !== 'limit')],
    ['a malformed create_time', [['create_time', '2020-07-09T00:00:00Z'], ...good.slice(1)]],
    ['type 2', [good[0], ['type', '2'], good[2]]],
    ['limit 101', [...good.slice(0, 2), ['limit', '101']]],
  ] as [string, [string, string][]][])('more: %s', async (_label, query) => {
    expect((await callJson('/cases/case-1/instant-messages/more', { query })).status).toBe(400);
  });

  test('more with every required parameter is 200', async () => {
    expect((await callJson('/cases/case-1/instant-messages/more', { query: good })).status).toBe(200);
  });
});
