import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { customer, engineer, makeMessage } from '../../../test/support/messages.ts';
import { MessageThread } from './MessageThread.tsx';

const now = new Date('2024-03-02T06:00:00Z');
const at = (iso: string) => new Date(iso);
const base = [
  makeMessage({ ...engineer, key: 'y1', content: 'Yesterday note', createdAt: at('2024-03-01T03:00:00Z') }),
  makeMessage({
    ...customer,
    key: 'c1',
    content: 'Hi, my VM is down',
    createdAt: at('2024-03-02T01:00:00Z'),
  }),
  makeMessage({ ...engineer, key: 'e1', content: 'Looking now', createdAt: at('2024-03-02T01:01:00Z') }),
  makeMessage({
    ...engineer,
    key: 'e2',
    content: 'See https://status.example.com/x. <b>not bold</b>\nsecond line',
    createdAt: at('2024-03-02T01:02:00Z'),
    attachments: [{ id: 'att-1', name: 'trace.log' }],
  }),
];

const liveRegion = () => document.querySelector('[aria-live="polite"]') as HTMLElement;

describe('MessageThread', () => {
  it('is a log without its own live announcements, labelled, focusable', () => {
    render(<MessageThread messages={base} locale="en" timeZone="UTC" now={now} />);
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log).toHaveAttribute('aria-live', 'off');
    expect(log).toHaveAttribute('tabindex', '0');
  });

  it('shows day separators in the viewer zone, sides, groups and sender names once per group', () => {
    render(<MessageThread messages={base} locale="en" timeZone="UTC" now={now} />);
    expect(screen.getByText('Yesterday')).toBeInTheDocument();
    expect(screen.getByText('Today')).toBeInTheDocument();
    const rows = document.querySelectorAll('[data-message-key]');
    expect([...rows].map((r) => [r.getAttribute('data-side'), r.getAttribute('data-group')])).toEqual([
      ['start', 'single'],
      ['end', 'single'],
      ['start', 'first'],
      ['start', 'last'],
    ]);
    // visible sender on the first of the group; grouped messages name the sender for screen readers only
    const last = rows[3] as HTMLElement;
    expect(last.querySelector('.tc-msg__sender')).toBeNull();
    expect(within(last).getByText('Li Wei')).toHaveClass('tc-visually-hidden');
    expect(within(last).getByText('1:02 AM')).toHaveAttribute('datetime', '2024-03-02T01:02:00.000Z');
  });

  it('renders text as text, links only http(s), keeps line breaks in the text node', () => {
    render(<MessageThread messages={base} locale="en" timeZone="UTC" now={now} />);
    const link = screen.getByRole('link', { name: 'https://status.example.com/x' });
    expect(link).toHaveAttribute('href', 'https://status.example.com/x');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(document.querySelector('b')).toBeNull();
    expect(document.querySelector('[data-message-key="e2"] .tc-msg__text')?.textContent).toBe(
      'See https://status.example.com/x. <b>not bold</b>\nsecond line',
    );
  });

  it('makes attachments downloadable buttons only when onAttachmentClick is given', async () => {
    const onAttachmentClick = vi.fn();
    const { rerender } = render(<MessageThread messages={base} locale="en" now={now} />);
    expect(screen.queryByRole('button', { name: 'Download trace.log' })).toBeNull();
    rerender(<MessageThread messages={base} locale="en" now={now} onAttachmentClick={onAttachmentClick} />);
    await userEvent.click(screen.getByRole('button', { name: 'Download trace.log' }));
    expect(onAttachmentClick).toHaveBeenCalledWith({ id: 'att-1', name: 'trace.log' }, base[3]);
  });

  it('shows the unread separator', () => {
    render(<MessageThread messages={base} locale="en" now={now} unreadFromKey="e1" />);
    const separator = screen.getByText('New messages').parentElement as HTMLElement;
    expect(separator.nextElementSibling).toHaveAttribute('data-message-key', 'e1');
  });

  it('shows sending and failed states; retry calls onRetry with the message', async () => {
    const sending = makeMessage({
      ...customer,
      key: 'local:1',
      content: 'on its way',
      delivery: 'sending',
      createdAt: now,
    });
    const failed = makeMessage({
      ...customer,
      key: 'local:2',
      content: 'lost',
      delivery: 'failed',
      createdAt: now,
    });
    const onRetry = vi.fn();
    render(<MessageThread messages={[...base, sending, failed]} locale="en" now={now} onRetry={onRetry} />);
    expect(document.querySelector('[data-message-key="local:1"]')).toHaveAttribute(
      'data-delivery',
      'sending',
    );
    expect(screen.getByText('Sending…')).toBeInTheDocument();
    expect(screen.getByText('Not sent.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith(failed);
  });

  it('shows every message at its time of day, also one sent a minute ago (one rule for the column)', () => {
    const recent = makeMessage({ ...engineer, key: 'r', createdAt: new Date(now.getTime() - 60_000) });
    render(<MessageThread messages={[...base, recent]} locale="en" timeZone="UTC" now={now} />);
    const times = [...document.querySelectorAll('time')].map((t) => t.textContent);
    expect(times).toEqual(['3:00 AM', '1:00 AM', '1:01 AM', '1:02 AM', '5:59 AM']);
    expect(screen.getByText('5:59 AM')).toHaveAttribute('title', 'Mar 2, 2024, 5:59 AM');
  });

  it('defaults to Chinese', () => {
    render(<MessageThread messages={base} timeZone="UTC" now={now} />);
    expect(screen.getByRole('log', { name: '消息' })).toBeInTheDocument();
    expect(screen.getByText('昨天')).toBeInTheDocument();
  });

  it('has an empty state', () => {
    render(<MessageThread messages={[]} locale="en" />);
    expect(screen.getByText(/No messages yet/)).toBeInTheDocument();
  });

  it('offers a keyboard-operable "load older" button and ignores it while loading', async () => {
    const onLoadOlder = vi.fn();
    const { rerender } = render(
      <MessageThread messages={base} locale="en" hasOlder onLoadOlder={onLoadOlder} />,
    );
    const button = screen.getByRole('button', { name: 'Load earlier messages' });
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(onLoadOlder).toHaveBeenCalledTimes(1);
    rerender(<MessageThread messages={base} locale="en" hasOlder isLoadingOlder onLoadOlder={onLoadOlder} />);
    const loading = screen.getByRole('button', { name: 'Loading earlier messages…' });
    expect(loading).toHaveAttribute('aria-disabled', 'true');
    await userEvent.click(loading);
    expect(onLoadOlder).toHaveBeenCalledTimes(1);
    rerender(<MessageThread messages={base} locale="en" hasOlder={false} onLoadOlder={onLoadOlder} />);
    expect(screen.queryByRole('button', { name: /earlier/ })).toBeNull();
  });

  it('announces each batch once, politely, and nothing on the first render or for own sends', () => {
    const { rerender } = render(<MessageThread messages={base} locale="en" now={now} />);
    expect(liveRegion()).toHaveAttribute('aria-atomic', 'true');
    expect(liveRegion()).toBeEmptyDOMElement();

    const one = makeMessage({ ...engineer, key: 'n1', content: 'Fixed it' });
    rerender(<MessageThread messages={[...base, one]} locale="en" now={now} />);
    expect(liveRegion()).toHaveTextContent(/^New message from Li Wei: Fixed it$/);

    const two = [makeMessage({ ...engineer, key: 'n2' }), makeMessage({ ...engineer, key: 'n3' })];
    rerender(<MessageThread messages={[...base, one, ...two]} locale="en" now={now} />);
    expect(liveRegion()).toHaveTextContent(/^2 new messages$/);

    const mine = makeMessage({ ...customer, key: 'local:9', content: 'thanks', delivery: 'sending' });
    rerender(<MessageThread messages={[...base, one, ...two, mine]} locale="en" now={now} />);
    expect(liveRegion()).toHaveTextContent(/^2 new messages$/);

    // Older history is not news.
    const old = makeMessage({ ...engineer, key: 'o1', createdAt: at('2024-02-01T00:00:00Z') });
    rerender(<MessageThread messages={[old, ...base, one, ...two, mine]} locale="en" now={now} />);
    expect(liveRegion()).toHaveTextContent(/^2 new messages$/);
  });

  it('announces a failed send once, politely; again when a retry fails too', () => {
    const sending = makeMessage({ ...customer, replierName: '', key: 'local:1', delivery: 'sending' });
    const { rerender } = render(<MessageThread messages={[...base, sending]} locale="en" now={now} />);
    expect(liveRegion()).toBeEmptyDOMElement();
    const failed = { ...sending, delivery: 'failed' as const };
    rerender(<MessageThread messages={[...base, failed]} locale="en" now={now} />);
    expect(liveRegion()).toHaveTextContent(/^Message not sent\.$/);
    // No alert per row: the row only shows its state.
    expect(screen.queryByRole('alert')).toBeNull();
    const said = liveRegion().firstElementChild;
    // Later renders of the same failure (a poll, a new array) say nothing new.
    rerender(<MessageThread messages={[...base, { ...failed }]} locale="en" now={now} />);
    expect(liveRegion().firstElementChild).toBe(said);
    // Retried, failed again: said again.
    rerender(<MessageThread messages={[...base, sending]} locale="en" now={now} />);
    rerender(<MessageThread messages={[...base, failed]} locale="en" now={now} />);
    expect(liveRegion()).toHaveTextContent(/^Message not sent\.$/);
    expect(liveRegion().firstElementChild).not.toBe(said);
  });

  it('says one sentence for failures and arrivals in the same batch, in Chinese too', () => {
    const local = (key: string) => makeMessage({ ...customer, replierName: '', key, delivery: 'sending' });
    const a = local('local:1');
    const b = local('local:2');
    const { rerender } = render(<MessageThread messages={[...base, a, b]} now={now} />);
    const reply = makeMessage({ ...engineer, key: 'r1', content: '收到' });
    rerender(
      <MessageThread
        messages={[...base, { ...a, delivery: 'failed' }, { ...b, delivery: 'failed' }, reply]}
        now={now}
      />,
    );
    expect(liveRegion()).toHaveTextContent(/^消息未发送。 来自 Li Wei 的新消息：收到$/);
  });

  it('labels the user\'s own local messages "You" (they carry no name); other nameless senders stay unknown', () => {
    const mine = makeMessage({
      ...customer,
      replierName: '',
      replier: '',
      key: 'local:1',
      delivery: 'failed',
    });
    const nameless = makeMessage({ ...engineer, replierName: '', key: 'e9' });
    const { rerender } = render(<MessageThread messages={[...base, mine, nameless]} locale="en" now={now} />);
    const sender = (key: string) => document.querySelector(`[data-message-key="${key}"] .tc-msg__sender`);
    expect(sender('local:1')).toHaveTextContent(/^You$/);
    expect(sender('e9')).toHaveTextContent(/^Unknown sender$/);
    rerender(<MessageThread messages={[...base, mine, nameless]} now={now} />);
    expect(sender('local:1')).toHaveTextContent(/^我$/);
  });

  it('keeps one "You" label and one group while an own message goes from sending to delivered', () => {
    const earlier = makeMessage({
      ...customer,
      key: 'c5',
      content: 'first',
      createdAt: at('2024-03-02T05:58:00Z'),
    });
    const local = makeMessage({
      ...customer,
      replier: '',
      replierName: '',
      key: 'local:5',
      content: 'second',
      delivery: 'sending',
      createdAt: at('2024-03-02T05:59:00Z'),
    });
    const labels = () => [...document.querySelectorAll('.tc-msg__sender')].map((el) => el.textContent);
    const groups = () =>
      [...document.querySelectorAll('[data-side="end"]')].map((el) => el.getAttribute('data-group'));
    const { rerender } = render(<MessageThread messages={[...base, earlier, local]} locale="en" now={now} />);
    expect(labels()).toEqual(['Li Wei', 'You', 'Li Wei', 'You']);
    expect(groups()).toEqual(['single', 'first', 'last']);
    const sending = document.querySelector('[data-message-key="local:5"]') as HTMLElement;
    expect(within(sending).getByText('Sending…')).toBeVisible();
    // The server's copy replaces the local one, with the user's name and id.
    const delivered = { ...local, key: 'c6', replier: 'cust-1', replierName: 'Alice', delivery: undefined };
    rerender(<MessageThread messages={[...base, earlier, delivered]} locale="en" now={now} />);
    expect(labels()).toEqual(['Li Wei', 'You', 'Li Wei', 'You']);
    expect(groups()).toEqual(['single', 'first', 'last']);
    expect(screen.queryByText('Alice')).toBeNull();
    expect(screen.queryByText('Sending…')).toBeNull();
  });

  it('re-announces an identical sentence for a new batch (new node)', () => {
    const { rerender } = render(<MessageThread messages={base} locale="en" now={now} />);
    const a = [makeMessage({ key: 'a1' }), makeMessage({ key: 'a2' })];
    rerender(<MessageThread messages={[...base, ...a]} locale="en" now={now} />);
    const first = liveRegion().firstElementChild;
    const b = [makeMessage({ key: 'b1' }), makeMessage({ key: 'b2' })];
    rerender(<MessageThread messages={[...base, ...a, ...b]} locale="en" now={now} />);
    expect(liveRegion()).toHaveTextContent('2 new messages');
    expect(liveRegion().firstElementChild).not.toBe(first);
  });
});
