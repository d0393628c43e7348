import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { makeMessage } from '../../../test/support/messages.ts';
import { preloadTicketChat } from '../TicketChat/chatChunk.ts';
import { MessageThread } from './LazyMessageThread.tsx';
import type { MessageThreadHandle } from './MessageThread.tsx';

const messages = [makeMessage({ content: 'lazy hello' }), makeMessage({ content: 'lazy reply' })];

// In order: the first test runs before anything loaded the chat chunk (a fresh module graph per file).
describe('the package MessageThread (lazy)', () => {
  it('shows the skeleton at once, then the thread from the chunk, with the ref handle attached', async () => {
    const ref = createRef<MessageThreadHandle>();
    const { container } = render(
      <MessageThread ref={ref} messages={messages} locale="en-US" timeZone="UTC" className="host" />,
    );
    expect(container.querySelector('.tc-thread-skeleton.host')).not.toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Loading messages…');
    expect(ref.current).toBeNull();
    await waitFor(() => expect(screen.getByText('lazy reply')).toBeTruthy());
    expect(container.querySelector('.tc-thread-skeleton')).toBeNull();
    expect(container.querySelector('.tc-thread.host')).not.toBeNull();
    expect(typeof ref.current?.scrollToBottom).toBe('function');
    act(() => ref.current?.scrollToBottom());
  });

  it('once loaded renders synchronously: renderToString holds the messages, hydration keeps them', async () => {
    await preloadTicketChat();
    const html = renderToString(<MessageThread messages={messages} locale="en-US" timeZone="UTC" />);
    expect(html).toContain('lazy hello');
    expect(html).not.toContain('tc-thread-skeleton');
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const ref = createRef<MessageThreadHandle>();
    const onRecoverableError = vi.fn();
    await act(async () => {
      hydrateRoot(container, <MessageThread ref={ref} messages={messages} locale="en-US" timeZone="UTC" />, {
        onRecoverableError,
      });
    });
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(container.textContent).toContain('lazy reply');
    expect(typeof ref.current?.scrollToBottom).toBe('function');
    container.remove();
  });

  it("a chunk that fails to load is the thread's alert with a Retry, which loads it again", async () => {
    let failing = true;
    vi.resetModules();
    vi.doMock('../TicketChat/TicketChat.tsx', async (original) => {
      if (failing) throw new TypeError('Failed to fetch dynamically imported module');
      return original();
    });
    const fresh = await import('./LazyMessageThread.tsx');
    const onError = vi.fn();
    render(<fresh.MessageThread messages={messages} locale="en-US" timeZone="UTC" onError={onError} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/couldn't show the conversation/i);
    expect(onError).toHaveBeenCalledTimes(1);
    failing = false;
    await userEvent.click(screen.getByRole('button', { name: /retry/i }));
    expect(await screen.findByText('lazy hello')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    vi.doUnmock('../TicketChat/TicketChat.tsx');
  });
});
