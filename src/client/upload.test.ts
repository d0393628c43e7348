// @vitest-environment node
// Node's own Blob/File/fetch (jsdom's Blob is not a body Node's fetch accepts), as in a server or edge runtime.
/** uploadAttachment, attachmentLimits and attachmentUrl against the simulator, through the client's fetch. */
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
import type { TicketChatClient } from './types.ts';
import { canStreamRequestBodies, decodeLimits, readFileTypes } from './upload.ts';

const { server, log } = installServer();
let model: ServiceModel;
let client: TicketChatClient;

beforeEach(() => {
  model = createServiceModel();
  server.use(...createHandlers(model));
  client = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN });
});

const png = (size = 3000) =>
  new File([new Uint8Array(size).fill(7)], 'screen shot.png', { type: 'image/png' });

describe('uploadAttachment', () => {
  it('posts multipart file + form_data and resolves with the attachment the service stored', async () => {
    const progress: [number, number][] = [];
    const attachment = await client.uploadAttachment({
      file: png(),
      groupId: 'g1',
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    expect(attachment).toEqual({ id: expect.stringMatching(/^upl-/), name: 'screen shot.png' });
    const stored = model.accessories.get(attachment.id);
    expect(stored?.name).toBe('screen shot.png');
    expect(stored?.bytes).toEqual(new Uint8Array(3000).fill(7));
    const request = log.find((r) => r.method === 'POST');
    expect(request?.url).toBe(`${API}/accessorys?group_id=g1`);
    expect(request?.headers.get('x-auth-token')).toBe(TEST_TOKEN);
    const form = await request?.formData();
    expect(JSON.parse(String(form?.get('form_data')))).toEqual({
      fileName: 'screen shot.png',
      accessoryFrom: 'message',
      uploadType: 0,
    });
    // Starts at 0, ends at the whole file, never goes back, never passes the size.
    expect(progress[0]).toEqual([0, 3000]);
    expect(progress.at(-1)).toEqual([3000, 3000]);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]?.[0]).toBeGreaterThanOrEqual(progress[i - 1]?.[0] ?? 0);
  });

  it('counts a streaming body where the engine has one (Node does): progress between start and end', async () => {
    expect(canStreamRequestBodies()).toBe(true);
    const progress: number[] = [];
    await client.uploadAttachment({ file: png(300_000), onProgress: (loaded) => progress.push(loaded) });
    expect(progress.some((loaded) => loaded > 0 && loaded < 300_000)).toBe(true);
  });

  it('names a Blob by fileName, and escapes quotes and line breaks in the multipart header', async () => {
    const name = 'a"b\r\nContent-Type: text/html.txt';
    const attachment = await client.uploadAttachment({ file: new Blob(['hi']), fileName: name });
    // The service reads form_data's fileName; the part header stayed one header.
    expect(model.accessories.get(attachment.id)?.name).toBe(name);
    const form = (await log.find((r) => r.method === 'POST')?.formData()) ?? new FormData();
    expect([...form.keys()]).toEqual(['form_data', 'file']);
    const part = form.get('file') as File;
    expect(part.name).toBe(name);
    expect(await part.text()).toBe('hi');
  });

  it('rejects bad input before any request', async () => {
    for (const req of [
      { file: 'not a blob' as unknown as Blob },
      { file: new Blob(['x']) },
      { file: new Blob(['x']), fileName: 'x'.repeat(257) },
      { file: png(), groupId: 'g'.repeat(65) },
    ]) {
      const error = await rejectionOf(client.uploadAttachment(req));
      expect(error).toMatchObject({ kind: 'input' });
    }
    expect(log).toHaveLength(0);
  });

  it('maps the service refusing the file to an http error with its message, never the token', async () => {
    const error = await rejectionOf(client.uploadAttachment({ file: new Blob(['x']), fileName: 'run.exe' }));
    expect(error).toBeInstanceOf(TicketChatError);
    expect(error).toMatchObject({ kind: 'http', status: 400, code: 'OSM.0001', retryable: false });
    expect(String((error as Error).message)).not.toContain(TEST_TOKEN);
  });

  it('a network failure once streaming has worked is a network error, not a silent resend', async () => {
    await client.uploadAttachment({ file: png() });
    model.injectFault({ kind: 'drop' }, { endpoint: 'upload' });
    expect(await rejectionOf(client.uploadAttachment({ file: png() }))).toMatchObject({ kind: 'network' });
    expect(model.requests.filter((r) => r.endpoint === 'upload')).toHaveLength(2);
  });

  it('falls back to a whole body when the first streamed attempt is refused (Chromium over HTTP/1.1)', async () => {
    let refused = 0;
    const fetchRefusingStreams: typeof fetch = (input, init) => {
      if (init?.body instanceof ReadableStream) {
        refused++;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return fetch(input, init);
    };
    const own = createTicketChatClient({
      endpoint: TEST_BASE_URL,
      token: TEST_TOKEN,
      fetch: fetchRefusingStreams,
    });
    const progress: number[] = [];
    const attachment = await own.uploadAttachment({ file: png(), onProgress: (l) => progress.push(l) });
    expect(model.accessories.get(attachment.id)?.bytes.byteLength).toBe(3000);
    expect(progress).toEqual([0, 3000]);
    // Learned once: the next upload goes straight to the whole body.
    await own.uploadAttachment({ file: png() });
    expect(refused).toBe(1);
  });

  it('asks the token function again after a 401 and sends a fresh copy of the body', async () => {
    let calls = 0;
    const own = createTicketChatClient({
      endpoint: TEST_BASE_URL,
      token: () => (++calls === 1 ? 'expired' : TEST_TOKEN),
    });
    const attachment = await own.uploadAttachment({ file: png() });
    expect(model.accessories.get(attachment.id)?.bytes.byteLength).toBe(3000);
    expect(calls).toBe(2);
  });

  it('aborts by signal: rejects with an ABORTED TicketChatError and stores nothing', async () => {
    model.injectFault({ kind: 'latency', ms: 5000 }, { endpoint: 'upload' });
    const controller = new AbortController();
    const upload = client.uploadAttachment({ file: png(), signal: controller.signal });
    await vi.waitFor(() => expect(model.inFlight('upload')).toBe(1));
    controller.abort();
    expect(await rejectionOf(upload)).toMatchObject({ name: 'TicketChatError', code: 'ABORTED' });
    expect(model.accessories.size).toBe(0);
  });

  it('goes through the fetch option, so the one transport is testable', async () => {
    const seen: string[] = [];
    const own = createTicketChatClient({
      endpoint: TEST_BASE_URL,
      token: TEST_TOKEN,
      fetch: (input, init) => {
        seen.push(`${init?.method} ${String(input)}`);
        return fetch(input, init);
      },
    });
    await own.uploadAttachment({ file: png() });
    await own.attachmentLimits();
    expect(seen).toEqual([`POST ${API}/accessorys`, `GET ${API}/accessorys/limits`]);
  });

  it('an answer without an accessory_id is a decode error', async () => {
    server.use(http.post(`${API}/accessorys`, () => HttpResponse.json({})));
    expect(await rejectionOf(client.uploadAttachment({ file: png() }))).toMatchObject({ kind: 'decode' });
  });

  it.each(['x'.repeat(65), '..', ''])(
    'an accessory_id a send would refuse (%j) is a decode error',
    async (id) => {
      server.use(http.post(`${API}/accessorys`, () => HttpResponse.json({ accessory_id: id })));
      expect(await rejectionOf(client.uploadAttachment({ file: png() }))).toMatchObject({ kind: 'decode' });
    },
  );

  // Was: …891 read as …000 above 2^53 (JSON.parse rounds), so the send referred to another file.
  it.each([
    ['123', '123'],
    ['12345678901234567891', '12345678901234567891'],
  ])('a numeric accessory_id (%s) reads as its text', async (wire, id) => {
    server.use(http.post(`${API}/accessorys`, () => HttpResponse.text(`{"accessory_id": ${wire}}`)));
    expect(await client.uploadAttachment({ file: png() })).toMatchObject({ id });
  });
});

describe('attachmentLimits', () => {
  it('reads the strings as numbers (MB to bytes) and a list, asking once per client', async () => {
    const [a, b] = await Promise.all([client.attachmentLimits(), client.attachmentLimits()]);
    expect(a).toEqual({
      maxCount: 5,
      maxSizeBytes: 10 * 1024 * 1024,
      fileTypes: ['jpg', 'jpeg', 'png', 'gif', 'pdf', 'txt', 'log', 'csv', 'zip', 'docx', 'xlsx'],
    });
    expect(b).toEqual(a);
    await client.attachmentLimits();
    expect(model.requests.filter((r) => r.endpoint === 'limits')).toHaveLength(1);
  });

  it('a failed answer is not kept: the next call asks again', async () => {
    model.injectFault({ kind: 'http', status: 500 }, { endpoint: 'limits' });
    expect(await rejectionOf(client.attachmentLimits())).toMatchObject({ kind: 'http', status: 500 });
    expect((await client.attachmentLimits()).maxCount).toBe(5);
  });

  it('an already aborted signal: upload and limits reject with an ABORTED TicketChatError, no request', async () => {
    const signal = AbortSignal.abort();
    const aborted = { name: 'TicketChatError', kind: 'network', code: 'ABORTED', retryable: false };
    expect(await rejectionOf(client.uploadAttachment({ file: png(), signal }))).toMatchObject(aborted);
    expect(await rejectionOf(client.attachmentLimits({ signal }))).toMatchObject(aborted);
    expect(model.requests.filter((r) => r.endpoint === 'upload')).toHaveLength(0);
  });

  it('"0" is a limit of nothing, not "unlimited": the contract gives 0 no other meaning', () => {
    expect(
      decodeLimits({ accessory_limit: { limit_count: '0', limit_size: '0', limit_file_type: '' } }),
    ).toEqual({ maxCount: 0, maxSizeBytes: 0, fileTypes: [] });
    expect(decodeLimits({ accessory_limit: { limit_count: 0, limit_size: ' 0 MB' } })).toMatchObject({
      maxCount: 0,
      maxSizeBytes: 0,
    });
  });

  it('a fractional limit rounds down: "2.5" files is at most 2', () => {
    expect(decodeLimits({ accessory_limit: { limit_count: '2.5', limit_size: '0.0000005' } })).toMatchObject({
      maxCount: 2,
      maxSizeBytes: 0,
    });
  });

  it("one caller's abort detaches only that caller", async () => {
    model.injectFault({ kind: 'latency', ms: 50 }, { endpoint: 'limits' });
    const controller = new AbortController();
    const first = client.attachmentLimits({ signal: controller.signal });
    const second = client.attachmentLimits();
    controller.abort();
    expect(await rejectionOf(first)).toMatchObject({
      name: 'TicketChatError',
      kind: 'network',
      code: 'ABORTED',
      retryable: false,
    });
    expect((await second).maxCount).toBe(5);
  });

  it('reads type lists however the service spells them; a missing or unreadable limit is no limit', () => {
    expect(readFileTypes('.JPG; .png|*.gif  pdf')).toEqual(['jpg', 'png', 'gif', 'pdf']);
    expect(readFileTypes('["jpg","image/png"]')).toEqual(['jpg', 'image/png']);
    expect(readFileTypes(['Zip', 'zip'])).toEqual(['zip']);
    expect(readFileTypes(null)).toEqual([]);
    expect(readFileTypes('*')).toEqual([]);
    expect(decodeLimits({ accessory_limit: { limit_size: '2.5MB' } })).toEqual({
      maxCount: Number.POSITIVE_INFINITY,
      maxSizeBytes: 2.5 * 1024 * 1024,
      fileTypes: [],
    });
    expect(decodeLimits({ accessory_limit: { limit_count: 'n/a', limit_size: '-1' } })).toMatchObject({
      maxCount: Number.POSITIVE_INFINITY,
      maxSizeBytes: Number.POSITIVE_INFINITY,
    });
    expect(decodeLimits({ accessory_limit: null })).toBeNull();
    server.use(http.get(`${API}/accessorys/limits`, () => HttpResponse.json({})));
    const fresh = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN });
    return expect(fresh.attachmentLimits()).rejects.toMatchObject({ kind: 'decode' });
  });
});

describe('attachmentUrl', () => {
  it('resolves with the signed http(s) URL (no token in it)', async () => {
    model.accessories.set('a1', { id: 'a1', name: 'x.png', bytes: new Uint8Array([1]) });
    const url = await client.attachmentUrl({ attachmentId: 'a1', caseId: 'c1' });
    expect(url).toMatch(/^http:\/\/api\.test\/osm\/sim-signed-files\/a1\?/);
    expect(url).not.toContain(TEST_TOKEN);
    expect(log[0]?.url).toBe(`${API}/accessorys/a1/access-url?incident_id=c1`);
  });

  it('refuses anything but a web address', async () => {
    server.use(
      http.get(`${API}/accessorys/:id/access-url`, () =>
        HttpResponse.json({ accessory_url: 'javascript:alert(1)' }),
      ),
    );
    expect(await rejectionOf(client.attachmentUrl({ attachmentId: 'a1' }))).toMatchObject({
      kind: 'decode',
    });
  });
});
