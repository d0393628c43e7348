/**
 * Real engines: a ticket is marked read only while the reader can see its chat. The simulator behind MSW's
 * service worker counts the mark-read requests while the chat is on a visible page but cannot be seen
 * (display:none, a closed <details>, visibility:hidden, off-screen, 5000 px below the fold), then once it is shown.
 */
import '../../styles.css';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { TEST_TOKEN } from '../../../simulator/index.ts';
import { installBrowserSimulator } from '../../../test/browserSimulator.ts';
import { createTicketChatClient } from '../../client/index.ts';
import { TicketChatProvider } from '../../query/index.ts';
import { createTicketChatQueryClient } from '../../query/TicketChatProvider.tsx';
import { TicketChat } from './TicketChat.tsx';

const BASE = '/osm';
const CASE_ID = 'CS20250315000333';
const MIN = 60_000;
const { sim } = installBrowserSimulator({
  baseUrl: BASE,
  viewport: { width: 520, height: 720 },
  seed: (model) => {
    const now = Date.now();
    model.addTicket({
      id: CASE_ID,
      unread: 2,
      messages: [
        {
          content: 'The export job fails since this morning.',
          replierType: 0,
          replierName: 'Li Wei',
          at: now - 30 * MIN,
        },
        { content: 'Thanks, we are looking at it.', replierName: 'Zhang Min (Support)', at: now - 20 * MIN },
        {
          content: 'It was a full disk on the worker.',
          replierName: 'Zhang Min (Support)',
          at: now - 10 * MIN,
        },
        { content: 'Fixed: please try again.', replierName: 'Zhang Min (Support)', at: now - 5 * MIN },
      ],
    });
  },
});
let root: Root | null = null;
let container: HTMLElement | null = null;

afterEach(() => {
  root?.unmount();
  container?.remove();
  root = null;
  container = null;
});

/** Mounts the chat as the last child of `wrapper`, which goes into the page (and is removed after the test). */
function mount({ wrapper }: { wrapper: HTMLElement }) {
  const client = createTicketChatClient({ endpoint: BASE, token: () => TEST_TOKEN, language: 'en-us' });
  const host = document.createElement('div');
  host.style.cssText = 'block-size: 600px; inline-size: 440px;';
  wrapper.append(host);
  container = wrapper;
  document.body.append(wrapper);
  const r = createRoot(host);
  root = r;
  flushSync(() =>
    r.render(
      <TicketChatProvider client={client} queryClient={createTicketChatQueryClient()} crossTab={false}>
        <TicketChat caseId={CASE_ID} intervalMs={1000} />
      </TicketChatProvider>,
    ),
  );
}

const markReads = () => sim().requests.filter((r) => r.endpoint === 'markRead').length;
const polls = () => sim().requests.filter((r) => r.endpoint === 'poll').length;

/** Resolves after `count` more thread polls than now (the chat had every chance to mark read meanwhile). */
async function morePolls(count: number) {
  const seen = polls();
  await expect.poll(polls, { timeout: 10_000 }).toBeGreaterThanOrEqual(seen + count);
}

/** Nothing is marked read while hidden; exactly one request once `show` makes the chat visible. */
async function expectMarkedOnlyOnceShown(show: () => void) {
  // The thread loaded and polled again: it had rendered its unread replies, hidden.
  await morePolls(3);
  expect(markReads()).toBe(0);
  show();
  await expect.poll(markReads, { timeout: 10_000 }).toBe(1);
  await morePolls(2);
  expect(markReads()).toBe(1);
}

describe('mark read only what the reader can see', () => {
  test('inside display:none: not marked read until it is displayed', async () => {
    const wrapper = document.createElement('div');
    wrapper.style.display = 'none';
    mount({ wrapper });
    await expectMarkedOnlyOnceShown(() => {
      wrapper.style.display = '';
    });
  });

  test('inside a closed <details>: not marked read until it is opened', async () => {
    const details = document.createElement('details');
    details.append(Object.assign(document.createElement('summary'), { textContent: 'Support chat' }));
    mount({ wrapper: details });
    await expectMarkedOnlyOnceShown(() => {
      details.open = true;
    });
  });

  test('inside visibility:hidden: not marked read until it is visible', async () => {
    const wrapper = document.createElement('div');
    wrapper.style.visibility = 'hidden';
    mount({ wrapper });
    await expectMarkedOnlyOnceShown(() => {
      wrapper.style.visibility = '';
    });
  });

  test('positioned off-screen: not marked read until it is moved into view', async () => {
    const wrapper = document.createElement('div');
    wrapper.style.cssText = 'position: absolute; inset-block-start: 0; inset-inline-start: -10000px;';
    mount({ wrapper });
    await expectMarkedOnlyOnceShown(() => {
      wrapper.style.insetInlineStart = '0';
    });
  });

  test('5000 px below the fold: not marked read until it is scrolled into view', async () => {
    const wrapper = document.createElement('div');
    const spacer = document.createElement('div');
    spacer.style.blockSize = '5000px';
    wrapper.append(spacer);
    mount({ wrapper });
    window.scrollTo(0, 0);
    await expectMarkedOnlyOnceShown(() => {
      wrapper.lastElementChild?.scrollIntoView({ block: 'end' });
    });
  });
});
