import { call, callJson, ids, installSimulator, type Json, poll } from './testKit.ts';

const model = installSimulator();
const POLL = '/cases/instant-messages';

beforeEach(() => {
  model().addTicket({
    id: 'a',
    messages: ['one', 'two', 'three', 'four', 'five', 'six'].map((content, i) => ({
      content,
      at: 1_000 + i,
    })),
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('each fault kind', () => {
  test('http: status with the default code, or the given code and message', async () => {
    model().injectFault({ kind: 'http', status: 500 });
    model().injectFault({ kind: 'http', status: 503, code: 'APIG.1009', message: 'backend down' });
    const first = await poll(['a']);
    expect(first.status).toBe(500);
    expect(first.body.error_code).toBe('OSM.0004');
    const second = await poll(['a']);
    expect(second).toEqual({ status: 503, body: { error_code: 'APIG.1009', error_msg: 'backend down' } });
    expect((await poll(['a'])).status).toBe(200);
  });

  test('rateLimit: 429 with Retry-After in seconds', async () => {
    model().injectFault({ kind: 'rateLimit', retryAfterSeconds: 7 });
    const response = await call(POLL, { query: ids('a') });
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('7');
  });

  test('throttle: 429 APIG.0308, Retry-After only when given', async () => {
    model().injectFault({ kind: 'throttle', retryAfterSeconds: 3 });
    model().injectFault({ kind: 'throttle' });
    const withHeader = await call(POLL, { query: ids('a') });
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get('Retry-After')).toBe('3');
    expect((await withHeader.json()).error_code).toBe('APIG.0308');
    const without = await call(POLL, { query: ids('a') });
    expect(without.status).toBe(429);
    expect(without.headers.get('Retry-After')).toBeNull();
    expect((await without.json()).error_code).toBe('APIG.0308');
  });

  test('apiErrorIn200: HTTP 200 carrying an error, default and custom', async () => {
    model().injectFault({ kind: 'apiErrorIn200' });
    model().injectFault({ kind: 'apiErrorIn200', code: 'OSM.01010010', message: 'no permission' });
    expect(await poll(['a'])).toEqual({
      status: 200,
      body: { error_code: 'OSM.01010001', error_msg: 'Parameter validation failed' },
    });
    expect((await poll(['a'])).body).toEqual({ error_code: 'OSM.01010010', error_msg: 'no permission' });
    expect(model().deliveries).toEqual([]);
  });

  test('malformed: 200 with an HTML page, or the given body', async () => {
    model().injectFault({ kind: 'malformed' });
    model().injectFault({ kind: 'malformed', body: '{"imstatus":' });
    const html = await call(POLL, { query: ids('a') });
    expect(html.status).toBe(200);
    expect(html.headers.get('Content-Type')).toContain('text/html');
    expect(await html.text()).toContain('<html>');
    expect(await (await call(POLL, { query: ids('a') })).text()).toBe('{"imstatus":');
  });

  test('drop: the request fails as a network error', async () => {
    model().injectFault({ kind: 'drop' });
    await expect(call(POLL, { query: ids('a') })).rejects.toThrow(TypeError);
    expect(model().inFlight()).toBe(0);
  });

  test('latency: answers normally after the delay (fake timers), counted in flight meanwhile', async () => {
    vi.useFakeTimers();
    model().injectFault({ kind: 'latency', ms: 5_000 });
    let settled = false;
    const pending = poll(['a']).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(settled).toBe(false);
    expect(model().inFlight('poll')).toBe(1);
    expect(model().inFlight()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    const { status, body } = await pending;
    expect(status).toBe(200);
    expect(body.immsg[0].message_list).toHaveLength(6);
    expect(model().inFlight('poll')).toBe(0);
    expect(model().deliveries).toHaveLength(1);
  });

  test('latency: an answer the client aborted before is not recorded as a delivery', async () => {
    vi.useFakeTimers();
    model().injectFault({ kind: 'latency', ms: 5_000 });
    const controller = new AbortController();
    const pending = call(POLL, { query: ids('a'), signal: controller.signal });
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.waitFor(() => expect(model().inFlight()).toBe(0));
    expect(model().deliveries).toEqual([]);
  });

  test('timeout: never answers until the client aborts, then nothing stays in flight', async () => {
    vi.useFakeTimers();
    model().injectFault({ kind: 'timeout' });
    const controller = new AbortController();
    let settled = false;
    const pending = call(POLL, { query: ids('a'), signal: controller.signal }).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(settled).toBe(false);
    expect(model().inFlight('poll')).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(model().inFlight('poll')).toBe(0));
    expect(model().deliveries).toEqual([]);
  });

  test('shuffle: same messages in another order; the delivery records the sent order', async () => {
    model().injectFault({ kind: 'shuffle' });
    const { status, body } = await poll(['a']);
    expect(status).toBe(200);
    const sent: string[] = body.immsg[0].message_list.map((m: Json) => m.content);
    const stored = model().ticket('a')?.messages ?? [];
    expect(sent).not.toEqual(stored.map((m) => m.content));
    expect([...sent].sort()).toEqual(stored.map((m) => m.content).sort());
    const bySeq = new Map(stored.map((m) => [m.seq, m.content]));
    expect(model().deliveries[0]?.[0]?.seqs.map((s) => bySeq.get(s))).toEqual(sent);
    const next = await poll(['a']);
    expect(next.body.immsg[0].message_list.map((m: Json) => m.content)).toEqual(stored.map((m) => m.content));
  });

  test('shuffle applies to history pages too', async () => {
    model().injectFault({ kind: 'shuffle' }, { endpoint: 'history' });
    const { body } = await callJson('/cases/a/messages', { query: [['limit', '6']] });
    expect(body.message_list.map((m: Json) => m.content)).not.toEqual([
      'one',
      'two',
      'three',
      'four',
      'five',
      'six',
    ]);
    expect(body.count).toBe(6);
  });
});

describe('fault queue', () => {
  test('an endpoint-bound fault waits for that endpoint', async () => {
    model().injectFault({ kind: 'http', status: 500 }, { endpoint: 'unread' });
    expect((await poll(['a'])).status).toBe(200);
    expect((await callJson('/cases/instant-messages/unread', { query: ids('a') })).status).toBe(500);
    expect((await callJson('/cases/instant-messages/unread', { query: ids('a') })).status).toBe(200);
  });

  test('times: the fault repeats; queued faults are consumed in order', async () => {
    model().injectFault({ kind: 'http', status: 503 }, { times: 2 });
    model().injectFault({ kind: 'http', status: 500 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await poll(['a'])).status);
    expect(statuses).toEqual([503, 503, 500, 200]);
  });

  test('clearFaults empties the queue', async () => {
    model().injectFault({ kind: 'drop' }, { times: 5 });
    model().clearFaults();
    expect((await poll(['a'])).status).toBe(200);
  });

  test('a fault answers before authentication, like a gateway in front', async () => {
    model().injectFault({ kind: 'http', status: 502 });
    expect((await callJson(POLL, { query: ids('a'), token: null })).status).toBe(502);
    expect((await callJson(POLL, { query: ids('a'), token: null })).status).toBe(401);
  });

  test('every request is logged, faulted or not', async () => {
    model().injectFault({ kind: 'drop' });
    await expect(call(POLL, { query: ids('a') })).rejects.toThrow();
    await poll(['a']);
    expect(model().requests.map((r) => r.endpoint)).toEqual(['poll', 'poll']);
  });

  test('injectFault rejects a non-positive times', () => {
    expect(() => model().injectFault({ kind: 'drop' }, { times: 0 })).toThrow();
  });
});

describe('inFlight', () => {
  test('counts concurrent requests per endpoint', async () => {
    vi.useFakeTimers();
    model().injectFault({ kind: 'latency', ms: 1_000 }, { times: 2, endpoint: 'poll' });
    model().injectFault({ kind: 'latency', ms: 1_000 }, { endpoint: 'unread' });
    const pending = [
      poll(['a']),
      poll(['a']),
      callJson('/cases/instant-messages/unread', { query: ids('a') }),
    ];
    await vi.advanceTimersByTimeAsync(10);
    expect(model().inFlight('poll')).toBe(2);
    expect(model().inFlight('unread')).toBe(1);
    expect(model().inFlight('send')).toBe(0);
    expect(model().inFlight()).toBe(3);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(pending);
    expect(model().inFlight()).toBe(0);
  });
});
