/**
 * The methods whose code loads on first use, while that code is slow or cannot load. The seam is the module
 * itself: `vi.doMock` gives `./messageMethods.ts` a factory that waits for the test or throws, the way a slow
 * or missing chunk behaves, and the client's own `import()` meets it (no stubbed fetch, no loader option on
 * the public API). Each test resets the module registry, so its client loads the code afresh.
 */
import { createHandlers, createServiceModel, TEST_BASE_URL, TEST_TOKEN } from '../../simulator/index.ts';
import { installServer, rejectionOf } from '../../test/support/msw.ts';
import type { TicketChatClient, TicketChatClientOptions } from './types.ts';

const { server, log } = installServer();

/** What the mocked module does when imported: wait for `release()`, or fail. */
let chunk: { gate: Promise<void>; release: () => void; fail: boolean; loads: number };

beforeEach(() => {
  const model = createServiceModel();
  model.addTicket({ id: 'c1', chatStatus: 1, messages: [{ content: 'hello', replierType: 1 }] });
  server.use(...createHandlers(model));
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  chunk = { gate, release, fail: false, loads: 0 };
  vi.resetModules();
  vi.doMock('./messageMethods.ts', async (importOriginal) => {
    chunk.loads++;
    if (chunk.fail) throw new TypeError('Failed to fetch dynamically imported module');
    await chunk.gate;
    return importOriginal();
  });
});
afterEach(() => {
  chunk.release();
  vi.doUnmock('./messageMethods.ts');
});

async function makeClient(options: Partial<TicketChatClientOptions> = {}): Promise<TicketChatClient> {
  const { createTicketChatClient } = await import('./createClient.ts');
  return createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, ...options });
}

/** Settles when `promise` does, or says it is still pending once the code's wait has had its turn. */
const stillPending = Symbol('pending');
async function settledSoon(promise: Promise<unknown>): Promise<unknown> {
  const settled = promise.then(
    () => 'resolved',
    (e: unknown) => e,
  );
  // Macrotasks: the mocked import and the client's handlers have run by then.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return Promise.race([settled, Promise.resolve(stillPending)]);
}

describe('while the message code is loading', () => {
  it('an abort rejects the call at once with the client’s ABORTED error', async () => {
    const client = await makeClient();
    const controller = new AbortController();
    const call = client.pollMessages({ caseIds: ['c1'], signal: controller.signal });
    expect(await settledSoon(call)).toBe(stillPending);
    const reason = new Error('user left');
    controller.abort(reason);
    const error = await settledSoon(call);
    expect(error).toMatchObject({ kind: 'network', code: 'ABORTED', retryable: false, cause: reason });
    expect(log).toEqual([]);
  });

  it('an already aborted signal rejects at once, without loading the code', async () => {
    const client = await makeClient();
    const error = await settledSoon(client.pollMessages({ caseIds: ['c1'], signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'network', code: 'ABORTED', retryable: false });
    expect(chunk.loads).toBe(0);
  });

  it('bad input is an input error once the code is there; no request goes out', async () => {
    // Checked by the loaded code (the client's first load does not carry the message checks).
    const client = await makeClient();
    chunk.release();
    for (const call of [
      () => client.pollMessages({ caseIds: [] }),
      () => client.sendMessage({ caseId: 'c1', content: '' }),
      () => client.sendMessage({ caseId: '', content: 'hi' }),
      () => client.markRead({ caseId: '..' }),
      () => client.loadOlderMessages({ caseId: 'c1', before: { createTime: '', type: 0 } }),
      // @ts-expect-error: a careless caller's missing argument is an input error too, never a TypeError.
      () => client.pollMessages(undefined),
    ])
      expect(await rejectionOf(call())).toMatchObject({
        name: 'TicketChatError',
        kind: 'input',
        retryable: false,
      });
    expect(chunk.loads).toBe(1);
    expect(log).toEqual([]);
  });

  it('timeoutMs bounds the wait for the code: CODE_LOAD_FAILED, and a later call gets the loaded code', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const client = await makeClient({ timeoutMs: 500 });
      const call = client.pollMessages({ caseIds: ['c1'] });
      const error = rejectionOf(call);
      await vi.advanceTimersByTimeAsync(500);
      expect(await error).toMatchObject({
        kind: 'network',
        code: 'CODE_LOAD_FAILED',
        retryable: true,
        message: "The library's message code did not load within 500 ms",
      });
      vi.useRealTimers();
      chunk.release();
      const later = await client.pollMessages({ caseIds: ['c1'] });
      expect(later.messages.map((m) => m.content)).toEqual(['hello']);
      expect(chunk.loads).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('when the message code cannot load', () => {
  it('a send is CODE_LOAD_FAILED (nothing sent), so is any call meanwhile, and the next call loads again', async () => {
    chunk.fail = true;
    const client = await makeClient();
    const error = await rejectionOf(client.sendMessage({ caseId: 'c1', content: 'hello' }));
    expect(error).toMatchObject({
      name: 'TicketChatError',
      kind: 'network',
      code: 'CODE_LOAD_FAILED',
      retryable: true,
      message: "The library's message code could not load",
    });
    expect(await rejectionOf(client.pollMessages({ caseIds: [] }))).toMatchObject({
      code: 'CODE_LOAD_FAILED',
    });
    expect(log).toEqual([]);
    chunk.fail = false;
    chunk.release();
    await client.sendMessage({ caseId: 'c1', content: 'hello' });
    expect(log.map((entry) => entry.method)).toEqual(['POST']);
  });
});

// Was: a custom client's timeoutMs of 0, -1 or null made setTimeout fire at once, failing every wait for
// the chat's code (hostile review). Only a positive bound up to setTimeout's largest is a bound.
test.each([0, -1, null, Number.NaN, 2 ** 31])(
  'detached with ms %s waits for the promise itself',
  async (ms) => {
    const { detached } = await import('./createClient.ts');
    const late = vi.fn();
    const arrived = new Promise((resolve) => setTimeout(() => resolve('there'), 30));
    await expect(detached(arrived, undefined, ms as number, late)).resolves.toBe('there');
    expect(late).not.toHaveBeenCalled();
  },
);
