import { TEST_BASE_URL } from './handlers.ts';
import { DEMO_TICKET_IDS, seedDemoTickets } from './seed.ts';
import { call, callJson, ids, installSimulator, type Json, poll } from './testKit.ts';

const model = installSimulator();
const UNREAD = '/cases/instant-messages/unread';
const T0 = Date.parse('2020-07-08T16:00:00Z');

/** A multipart body written out by hand: jsdom's FormData/Blob do not serialize through Node's fetch. */
function multipart(fileName: string, content: string, formData: object) {
  const boundary = 'sim-boundary-7d1';
  const body = [
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${fileName}"`,
    'Content-Type: application/octet-stream',
    '',
    content,
    `--${boundary}`,
    'Content-Disposition: form-data; name="form_data"',
    '',
    JSON.stringify(formData),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return {
    method: 'POST' as const,
    body,
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('unread and mark read', () => {
  test('support and third-party posts raise unread, customer posts do not; markRead clears it', async () => {
    const m = model();
    m.addTicket({ id: 'a', status: 2 });
    m.addTicket({ id: 'b', status: 0, unread: 4 });
    m.post('a', { content: 'from support' });
    m.post('a', { content: 'from a partner', replierType: 2 });
    m.post('a', { content: 'from the customer', replierType: 0 });
    const before = await callJson(UNREAD, { query: ids('a', 'b', 'unknown') });
    expect(before.body).toEqual({
      imunread: [
        { status: 2, incident_id: 'a', unread_num: 2 },
        { status: 0, incident_id: 'b', unread_num: 4 },
      ],
    });
    const marked = await callJson('/cases/a/instant-messages/unread', { method: 'POST' });
    expect(marked).toEqual({ status: 200, body: {} });
    const withBody = await callJson('/cases/b/instant-messages/unread', {
      method: 'POST',
      body: JSON.stringify({ group_id: 'g1' }),
    });
    expect(withBody.status).toBe(200);
    const after = await callJson(UNREAD, { query: ids('a', 'b') });
    expect(after.body.imunread.map((u: Json) => u.unread_num)).toEqual([0, 0]);
    expect(model().requests.at(-2)).toMatchObject({ endpoint: 'markRead', method: 'POST', caseIds: ['b'] });
  });

  test('status changes show in unread; chat status in poll', async () => {
    model().addTicket({ id: 'a' });
    model().setStatus('a', 3);
    model().setChatStatus('a', 0);
    expect((await callJson(UNREAD, { query: ids('a') })).body.imunread[0].status).toBe(3);
    expect((await poll(['a'])).body.imstatus[0].status).toBe(0);
  });

  test('quirks mode answers the POST endpoints with null error fields', async () => {
    model().addTicket({ id: 'a' });
    model().quirks = true;
    const { body } = await callJson('/cases/a/instant-messages/unread', { method: 'POST' });
    expect(body).toEqual({ error_code: null, error_msg: null });
  });
});

describe('send', () => {
  test('appends a customer message at the current time, strictly after the last one', async () => {
    vi.useFakeTimers({ now: T0 });
    try {
      model().addTicket({ id: 'a', messages: [{ content: 'earlier', at: T0 }] });
      const { status, body } = await callJson('/cases/a/message', {
        method: 'POST',
        body: JSON.stringify({ message: { content: '你好, still broken' }, group_id: 'g' }),
      });
      expect(status).toBe(200);
      expect(body).toEqual({});
      const last = model().ticket('a')?.messages.at(-1);
      expect(last).toMatchObject({
        content: '你好, still broken',
        replier: 'customer-1',
        replierType: 0,
        type: 0,
        at: T0 + 1,
        isFirst: false,
      });
      expect(model().ticket('a')?.unread).toBe(0);
      const polled = await poll(['a'], String(T0));
      expect(polled.body.immsg[0].message_list[0]).toMatchObject({
        type: 0,
        replier_type: 0,
        is_first_message: 0,
      });
    } finally {
      vi.useRealTimers();
    }
  });

  test('an uploaded file can be attached, then downloaded', async () => {
    model().addTicket({ id: 'a' });
    const limits = await callJson('/accessorys/limits');
    expect(limits.body.accessory_limit).toMatchObject({ limit_count: '5', limit_size: '10' });
    expect(limits.body.accessory_limit.limit_file_type).toContain('png');
    const form = multipart('sshd.log', '2025-03-12 sshd: listening on 2222', {
      fileName: 'sshd.log',
      accessoryFrom: 'message',
      uploadType: 0,
    });
    const uploaded = await callJson('/accessorys', form);
    expect(uploaded.status).toBe(200);
    const id: string = uploaded.body.accessory_id;
    await callJson('/cases/a/message', {
      method: 'POST',
      body: JSON.stringify({ message: { content: 'log attached', accessory_ids: [id] } }),
    });
    const { body } = await poll(['a']);
    expect(body.immsg[0].message_list[0].accessory_list).toEqual([
      { accessory_id: id, file_actual_name: 'sshd.log' },
    ]);
    const file = await call(`/accessorys/${id}`);
    expect(file.headers.get('Content-Type')).toBe('text/plain');
    expect(await file.text()).toBe('2025-03-12 sshd: listening on 2222');
  });

  test('upload refuses a file type outside the limits', async () => {
    expect(
      (await callJson('/accessorys', multipart('setup.exe', 'MZ', { fileName: 'setup.exe' }))).status,
    ).toBe(400);
  });
});

describe('history (offset paging from the newest)', () => {
  beforeEach(() => {
    model().addTicket({
      id: 'a',
      messages: Array.from({ length: 25 }, (_, i) => ({ content: `m${i}`, at: T0 + i * 1000 })),
    });
  });
  const page = async (offset: number, limit: number) => {
    const { status, body } = await callJson('/cases/a/messages', {
      query: [
        ['offset', String(offset)],
        ['limit', String(limit)],
      ],
    });
    expect(status).toBe(200);
    expect(body.count).toBe(25);
    return body.message_list.map((m: Json) => m.content);
  };

  test('offset 0 is the newest page, each page oldest first', async () => {
    expect(await page(0, 3)).toEqual(['m22', 'm23', 'm24']);
    expect(await page(3, 3)).toEqual(['m19', 'm20', 'm21']);
    expect(await page(23, 5)).toEqual(['m0', 'm1']);
    expect(await page(25, 5)).toEqual([]);
    expect(await page(0, 0)).toEqual([]);
  });

  test('defaults: offset 0, limit 10', async () => {
    const { body } = await callJson('/cases/a/messages');
    expect(body.message_list).toHaveLength(10);
    expect(body.message_list[9].content).toBe('m24');
  });
});

describe('more (cursor paging by create_time)', () => {
  beforeEach(() => {
    model().addTicket({
      id: 'a',
      messages: [
        ...Array.from({ length: 10 }, (_, i) => ({ content: `m${i}`, at: T0 + i * 1000 })),
        // Same second as m9: not returned for a cursor naming m9's second.
        { content: 'm9-twin', at: T0 + 9 * 1000 + 500 },
      ],
    });
  });
  const more = (createTime: string, limit: number, zone?: string) =>
    callJson('/cases/a/instant-messages/more', {
      query: [
        ['create_time', createTime],
        ['type', '1'],
        ['limit', String(limit)],
      ],
      headers: zone ? { 'X-Time-Zone': zone } : {},
    });

  test('returns the newest `limit` messages strictly older than that second, oldest first', async () => {
    const { body } = await more('2020-07-09 00:00:09', 3);
    expect(body.message_list.map((m: Json) => m.content)).toEqual(['m6', 'm7', 'm8']);
    expect(body.count).toBe(9);
    const next = await more(body.message_list[0].create_time, 100);
    expect(next.body.message_list.map((m: Json) => m.content)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    const done = await more(next.body.message_list[0].create_time, 100);
    expect(done.body).toEqual({ count: 0, message_list: [] });
  });

  test('create_time is read in the request time zone', async () => {
    const { body } = await more('2020-07-08 13:00:02', 5, 'GMT-3');
    expect(body.message_list.map((m: Json) => m.content)).toEqual(['m0', 'm1']);
    expect(body.message_list[0].create_time).toBe('2020-07-08 13:00:00');
  });
});

describe('attachments', () => {
  test('download: binary body with a content type from the extension', async () => {
    model().addTicket({
      id: 'a',
      messages: [
        {
          content: 'see files',
          attachments: [
            { id: 'img', name: 'screen shot.png' },
            { id: 'doc', name: 'report.pdf' },
          ],
        },
      ],
    });
    const image = await call('/accessorys/img');
    expect(image.status).toBe(200);
    expect(image.headers.get('Content-Type')).toBe('image/png');
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    const pdf = await call('/accessorys/doc');
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect((await pdf.text()).startsWith('%PDF')).toBe(true);
    expect((await callJson('/accessorys/missing')).status).toBe(400);
    expect((await call('/accessorys/img', { token: null })).status).toBe(401);
  });

  test('access-url gives a URL that works without the token', async () => {
    model().addTicket({ id: 'a', messages: [{ content: 'x', attachments: [{ id: 'img', name: 'a.png' }] }] });
    const { body } = await callJson('/accessorys/img/access-url', { query: [['incident_id', 'a']] });
    expect(body.accessory_url.startsWith(`${TEST_BASE_URL}/`)).toBe(true);
    const file = await fetch(body.accessory_url);
    expect(file.status).toBe(200);
    expect(file.headers.get('Content-Type')).toBe('image/png');
    expect(model().requests.at(-1)).toMatchObject({ endpoint: 'accessUrl', caseIds: ['a'] });
  });
});

describe('seedDemoTickets', () => {
  test('five tickets in statuses 0..3 with English and Chinese text, one long history, attachments', async () => {
    seedDemoTickets(model());
    const tickets = model().tickets();
    expect(tickets).toHaveLength(5);
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set([0, 1, 2, 3]));
    const long = model().ticket(DEMO_TICKET_IDS.sshLongHistory);
    expect(long?.messages.length).toBe(300);
    const all = tickets.flatMap((t) => t.messages);
    expect(all.some((m) => /[\u4e00-\u9fff]/.test(m.content))).toBe(true);
    expect(all.some((m) => /^[\x20-\x7e]+$/.test(m.content))).toBe(true);
    expect(all.filter((m) => m.attachments.length > 0).length).toBeGreaterThanOrEqual(4);
    // Seeding keeps every intended timestamp (messages go in globally by time, none bumped).
    const ats = all.map((m) => m.at).sort((x, y) => x - y);
    expect(new Set(ats).size).toBe(ats.length);
    const { body } = await callJson(UNREAD, { query: ids(...tickets.map((t) => t.id)) });
    expect(body.imunread.some((u: Json) => u.unread_num > 0)).toBe(true);
    const history = await callJson(`/cases/${DEMO_TICKET_IDS.sshLongHistory}/messages`, {
      query: [['limit', '100']],
    });
    expect(history.body.count).toBe(300);
  });
});
