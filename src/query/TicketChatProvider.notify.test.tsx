import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { installSimulator, makeClient, pollRequests, setVisibility } from '../../test/harness.tsx';
import { createTicketChatQueryClient, TicketChatProvider } from './TicketChatProvider.tsx';
import { useInstantMessages } from './useInstantMessages.ts';

// Real timers: the thread polls every 100 ms; the simulator answers through MSW.
const { sim } = installSimulator();

function renderThread(notify: boolean) {
  const queryClient = createTicketChatQueryClient();
  const client = makeClient({ language: 'en' });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TicketChatProvider client={client} queryClient={queryClient} crossTab={false} notify={notify}>
      {children}
    </TicketChatProvider>
  );
  const view = renderHook(() => useInstantMessages('c1', { intervalMs: 100 }), { wrapper });
  onTestFinished(() => {
    view.unmount();
    queryClient.clear();
  });
  return view;
}

beforeEach(() => {
  document.title = 'Support portal';
  sim().addTicket({ id: 'c1', messages: [{ content: 'hello' }] });
});
afterEach(() => setVisibility('visible'));

describe('TicketChatProvider notify', () => {
  test('a hidden page keeps polling and counts the support reply in its title until shown', async () => {
    const { result } = renderThread(true);
    await waitFor(() => expect(result.current.messages).toHaveLength(1));
    setVisibility('hidden');
    const polls = pollRequests(sim()).length;
    sim().post('c1', { content: 'We refunded you' });
    await waitFor(() => expect(document.title).toBe('(1) Support portal'), { timeout: 3000 });
    expect(pollRequests(sim()).length).toBeGreaterThan(polls);
    setVisibility('visible');
    expect(document.title).toBe('Support portal');
  });

  test('off by default: a hidden page neither polls nor touches the title', async () => {
    const { result } = renderThread(false);
    await waitFor(() => expect(result.current.messages).toHaveLength(1));
    setVisibility('hidden');
    const polls = pollRequests(sim()).length;
    sim().post('c1', { content: 'We refunded you' });
    // An observation window of three intervals: no poll may go out in it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pollRequests(sim()).length).toBe(polls);
    expect(document.title).toBe('Support portal');
  });
});
