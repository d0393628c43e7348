/**
 * Regression (found in review): a request cancelled while the (async) token function is still running must not be sent.
 */
import { TEST_TOKEN } from '../../simulator/index.ts';
import { installSimulator, makeClient, pollRequests } from '../harness.tsx';

const { sim } = installSimulator();

test('pollMessages aborted while the token is being fetched sends no request and rejects', async () => {
  sim().addTicket({ id: 'c1', messages: [{ content: 'hi' }] });
  let release!: (token: string) => void;
  let asked!: () => void;
  const tokenAsked = new Promise<void>((r) => (asked = r));
  const client = makeClient({
    token: () => {
      asked();
      return new Promise<string>((r) => (release = r));
    },
  });
  const controller = new AbortController();
  const pending = client.pollMessages({ caseIds: ['c1'], signal: controller.signal });
  const settled = pending.then(
    () => 'resolved',
    (error: unknown) => error,
  );
  await tokenAsked;
  controller.abort(); // e.g. the thread unmounted / caseId changed during a token refresh
  release(TEST_TOKEN);
  expect(await settled).toMatchObject({ name: 'TicketChatError', code: 'ABORTED', retryable: false });
  expect(pollRequests(sim())).toHaveLength(0);
});
