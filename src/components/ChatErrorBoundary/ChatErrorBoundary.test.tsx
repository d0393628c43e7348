import { focusManager } from '@tanstack/react-query';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { onTestFinished } from 'vitest';
import { installSimulator, makeClient, providerFor } from '../../../test/harness.tsx';
import { customer, engineer, makeMessage } from '../../../test/support/messages.ts';
import { CaseUnreadBadge } from '../CaseUnreadBadge/CaseUnreadBadge.tsx';
import { MessageThread } from '../MessageThread/MessageThread.tsx';
import { TicketChat } from '../TicketChat/TicketChat.tsx';
import { ChatErrorBoundary } from './ChatErrorBoundary.tsx';

// The machine is shared and slow at times: a generous wait limit (not a timing assertion).
configure({ asyncUtilTimeout: 5000 });

const { sim } = installSimulator();
beforeEach(() => {
  focusManager.setFocused(true);
  // React logs every error a boundary catches; the tests check what reaches onError instead.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  focusManager.setFocused(undefined);
  vi.restoreAllMocks();
});

/** An engine whose date parts fail, as WebKitGTK's en-CA day key did: "RangeError: Invalid Date". */
const breakDateParts = () =>
  vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts').mockImplementation(() => {
    throw new RangeError('Invalid Date');
  });

const now = new Date('2024-03-02T06:00:00Z');
const messages = [
  makeMessage({ ...engineer, content: 'Hello from support', createdAt: new Date('2024-03-02T05:00:00Z') }),
  makeMessage({ ...customer, content: 'Thanks', createdAt: new Date('2024-03-02T05:01:00Z') }),
];

function HostPage({ children }: { children: React.ReactNode }) {
  return (
    <main>
      <h1>Support portal</h1>
      {children}
      <button type="button">Portal action</button>
    </main>
  );
}

describe('a render error stays inside the chat', () => {
  it('MessageThread: an alert with Retry instead of the thread, the host page stays, onError gets the error', async () => {
    const broken = breakDateParts();
    const onError = vi.fn();
    render(
      <HostPage>
        <MessageThread messages={messages} locale="en" timeZone="UTC" now={now} onError={onError} />
      </HostPage>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent("Couldn't show the conversation.");
    expect(screen.getByRole('heading', { name: 'Support portal' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Portal action' })).toBeInTheDocument();
    expect(screen.queryByRole('log')).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(RangeError);
    expect(onError.mock.calls[0]?.[1]).toHaveProperty('componentStack');

    // Still broken: Retry shows the alert again and reports again.
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(screen.getByRole('alert')).toHaveTextContent("Couldn't show the conversation.");
    expect(onError).toHaveBeenCalledTimes(2);

    // Fixed: Retry brings the thread back, and focus goes to it (its button went away).
    broken.mockRestore();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(within(log).getByText('Hello from support')).toBeInTheDocument();
    expect(log).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('TicketChat: a failing thread keeps the header and a composer that still sends', async () => {
    sim().addTicket({ id: 'c1', status: 1, messages: [{ content: 'hello' }] });
    const onError = vi.fn();
    breakDateParts();
    render(
      <HostPage>
        <TicketChat caseId="c1" timeZone="UTC" onError={onError} />
      </HostPage>,
      { wrapper: providerFor(makeClient({ language: 'en-us' })).wrapper },
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Couldn't show the conversation.");
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Support chat' })).toBeInTheDocument();
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(RangeError);

    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'sent anyway{Enter}');
    await waitFor(() =>
      expect(
        sim()
          .ticket('c1')
          ?.messages.map((m) => m.content),
      ).toEqual(['hello', 'sent anyway']),
    );
    expect(screen.getByRole('button', { name: 'Portal action' })).toBeInTheDocument();
  });

  it('TicketChat: an error outside the thread replaces the chat, not the page', () => {
    const onError = vi.fn();
    render(
      <HostPage>
        {/* Untyped JS passing an object where a string belongs: React cannot render it. */}
        <TicketChat caseId="c1" title={{ text: 'Chat' } as unknown as string} onError={onError} />
      </HostPage>,
      { wrapper: providerFor(makeClient({ language: 'en-us' })).wrapper },
    );
    expect(screen.getByRole('alert')).toHaveTextContent("Couldn't show the conversation.");
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Support portal' })).toBeInTheDocument();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toMatch(/Objects are not valid as a React child/);
  });

  it('CaseUnreadBadge: a compact alert with Retry in its place, the rest of the nav stays', async () => {
    sim().addTicket({ id: 'c1', unread: 3 });
    const onError = vi.fn();
    // The badge names its count with Intl.PluralRules; this engine's fails once a count arrives.
    const select = vi.spyOn(Intl.PluralRules.prototype, 'select').mockImplementation(() => {
      throw new RangeError('Incorrect locale information provided');
    });
    render(
      <nav aria-label="Tickets">
        <span>Ticket c1</span>
        <CaseUnreadBadge caseId="c1" onError={onError} />
        <a href="#c2">Ticket c2</a>
      </nav>,
      { wrapper: providerFor(makeClient({ language: 'en-us' })).wrapper },
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Couldn't show the unread count.");
    expect(screen.getByRole('link', { name: 'Ticket c2' })).toBeInTheDocument();
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(RangeError);

    select.mockRestore();
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('3')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

function Fails({ when }: { when: boolean }) {
  if (when) throw new Error('boom');
  return <p>fine</p>;
}

describe('ChatErrorBoundary', () => {
  it('clears the error when resetKey changes (another ticket), without a Retry', () => {
    const onError = vi.fn();
    const { rerender } = render(
      <ChatErrorBoundary resetKey="c1" onError={onError} locale="en">
        <Fails when />
      </ChatErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent("Couldn't show the conversation.");
    rerender(
      <ChatErrorBoundary resetKey="c2" onError={onError} locale="en">
        <Fails when={false} />
      </ChatErrorBoundary>,
    );
    expect(screen.getByText('fine')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('compact: the reason is read out and shown as a tooltip; Retry does not follow a surrounding link', async () => {
    // Whether the click, once every handler ran, would still follow the link.
    let prevented: boolean | undefined;
    const onClick = (event: MouseEvent) => {
      prevented = event.defaultPrevented;
    };
    document.addEventListener('click', onClick);
    onTestFinished(() => document.removeEventListener('click', onClick));
    render(
      <a href="#c1">
        Ticket c1
        <ChatErrorBoundary locale="zh-cn" message="unreadFailed" compact>
          <Fails when />
        </ChatErrorBoundary>
      </a>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('无法显示未读消息数。');
    expect(alert).toHaveAttribute('title', '无法显示未读消息数。');
    await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(prevented).toBe(true);
  });
});
