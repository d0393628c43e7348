/**
 * Real Chromium: the lazy `TicketChat` (what the package exports) against the simulator behind MSW. Its
 * shell must have the loaded chat's layout (nothing moves when the chunk arrives) and the first poll must
 * not wait for the chunk.
 */
import '../../styles.css';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { TEST_TOKEN } from '../../../simulator/index.ts';
import { installBrowserSimulator } from '../../../test/browserSimulator.ts';
import { createTicketChatClient } from '../../client/index.ts';
import { TicketChatProvider } from '../../query/index.ts';
import { createTicketChatQueryClient } from '../../query/TicketChatProvider.tsx';
import { TicketChat, TicketChatShell } from './LazyTicketChat.tsx';
import { TicketChat as LoadedTicketChat } from './TicketChat.tsx';

const BASE = '/osm';
const CASE = 'CS20250315000333';
const { sim } = installBrowserSimulator({
  baseUrl: BASE,
  viewport: { width: 1000, height: 720 },
  seed: (model) =>
    model.addTicket({
      id: CASE,
      status: 1,
      messages: [{ content: 'Could you send the slow query log?', replierName: 'Zhang Min', at: Date.now() }],
    }),
});
const roots: Root[] = [];
const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) root.unmount();
  for (const host of hosts.splice(0)) host.remove();
});

function mount(element: React.ReactNode): HTMLElement {
  const host = document.createElement('div');
  host.style.cssText = 'display:inline-block;vertical-align:top;inline-size:460px;block-size:600px';
  document.body.append(host);
  hosts.push(host);
  const client = createTicketChatClient({ endpoint: BASE, token: TEST_TOKEN, language: 'en-us' });
  const root = createRoot(host);
  roots.push(root);
  flushSync(() =>
    root.render(
      <TicketChatProvider client={client} queryClient={createTicketChatQueryClient()} crossTab={false}>
        {element}
      </TicketChatProvider>,
    ),
  );
  return host;
}

const boxes = (host: HTMLElement) => {
  const origin = host.getBoundingClientRect();
  return ['.tc-chat__header', '.tc-chat__body', '.tc-thread-skeleton', '.tc-chat__composer'].map(
    (selector) => {
      const rect = host.querySelector(selector)?.getBoundingClientRect();
      return rect && { selector, top: rect.top - origin.top, height: rect.height, width: rect.width };
    },
  );
};

test("the shell has the loading chat's layout: header, skeleton and composer where the chat puts them", async () => {
  // The thread's first poll stays in flight: the loaded chat shows its skeleton too.
  sim().injectFault({ kind: 'latency', ms: 60_000 }, { endpoint: 'poll' });
  const shell = mount(<TicketChatShell caseId={CASE} locale="en-us" />);
  const loaded = mount(<LoadedTicketChat caseId={CASE} locale="en-us" />);
  // Both headers show the ticket status from the unread answer.
  await expect
    .poll(() => [shell, loaded].map((h) => h.querySelector('.tc-chat__badges')?.childElementCount))
    .toEqual([1, 1]);
  expect(loaded.querySelector('.tc-chat')?.getAttribute('data-state')).toBe('loading');
  const expected = boxes(loaded);
  expect(expected.every(Boolean)).toBe(true);
  for (const [index, box] of boxes(shell).entries()) {
    const want = expected[index]!;
    expect(box?.selector).toBe(want.selector);
    expect(box!.top).toBeCloseTo(want.top, 0);
    expect(box!.height).toBeCloseTo(want.height, 0);
    expect(box!.width).toBeCloseTo(want.width, 0);
  }
  // Nothing in the shell takes focus or is announced as a control.
  expect(shell.querySelector('.tc-chat__composer')?.getAttribute('aria-hidden')).toBe('true');
  expect(shell.querySelector('.tc-chat__composer textarea')?.getAttribute('tabindex')).toBe('-1');
});

test('the package TicketChat polls at mount, shows its shell, then the messages in place of the skeleton', async () => {
  const host = mount(<TicketChat caseId={CASE} locale="en-us" />);
  // The first render is the shell (the chunk cannot be there synchronously the first time).
  expect(host.querySelector('.tc-chat')?.getAttribute('data-state')).toBe('loading');
  expect(host.querySelector('.tc-chat__header')?.textContent).toContain('Support chat');
  await expect.poll(() => host.textContent).toContain('Could you send the slow query log?');
  expect(host.querySelector('.tc-chat')?.getAttribute('data-state')).toBe('ready');
  expect(sim().requests.filter((r) => r.endpoint === 'poll')).toHaveLength(1);
  expect(host.querySelector('.tc-thread-skeleton')).toBeNull();
});
