import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Composer } from './Composer.tsx';

const field = () => screen.getByRole('textbox', { name: 'Message' });
const sendButton = () => screen.getByRole('button', { name: 'Send' });

describe('Composer', () => {
  test('is a labelled field with a hint; Enter sends the trimmed text, clears and keeps focus', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Composer onSend={onSend} locale="en" />);
    expect(field()).toHaveAccessibleDescription('Enter to send, Shift+Enter for a new line');
    await user.click(field());
    await user.type(field(), '  hello there  {Enter}');
    expect(onSend).toHaveBeenCalledWith('hello there');
    expect(field()).toHaveValue('');
    expect(field()).toHaveFocus();
  });

  test('Shift+Enter inserts a line; the send button sends the multi-line text', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Composer onSend={onSend} locale="en" />);
    await user.type(field(), 'a{Shift>}{Enter}{/Shift}b');
    expect(onSend).not.toHaveBeenCalled();
    await user.click(sendButton());
    expect(onSend).toHaveBeenCalledWith('a\nb');
  });

  test('Enter during IME composition does not send', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Composer onSend={onSend} locale="zh-CN" />);
    const textarea = screen.getByRole('textbox', { name: '消息' });
    await user.type(textarea, 'nihao');
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, isComposing: true }));
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, keyCode: 229 }));
    expect(onSend).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('nihao');
  });

  test('an empty or blank message is not sent; the button says why and stays focusable', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Composer onSend={onSend} locale="en" />);
    expect(sendButton()).toHaveAttribute('aria-disabled', 'true');
    expect(sendButton()).toHaveAccessibleDescription('Type a message to send.');
    await user.type(field(), '   {Enter}');
    await user.click(sendButton());
    expect(onSend).not.toHaveBeenCalled();
    expect(field()).toHaveFocus();
    await user.tab();
    expect(sendButton()).toHaveFocus();
  });

  test('counter near the limit, explanation and block over it', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Composer onSend={onSend} locale="en" maxLength={20} counterThreshold={5} />);
    await user.type(field(), 'x'.repeat(14));
    expect(screen.queryByText(/left/)).toBeNull();
    await user.type(field(), 'x');
    expect(screen.getByText('5 characters left')).toBeInTheDocument();
    await user.type(field(), 'x'.repeat(6));
    expect(screen.getByText('1 character too many')).toBeInTheDocument();
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(field()).toHaveAccessibleDescription(
      expect.stringContaining('The message is over the 20-character limit. Shorten it to send.'),
    );
    await user.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    await user.keyboard('{Backspace}{Enter}');
    expect(onSend).toHaveBeenCalledWith('x'.repeat(20));
  });

  test('disabled with nothing typed: a notice says why, no empty field and no Send', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(
      <Composer
        onSend={onSend}
        locale="en"
        uploader={undefined}
        disabled
        disabledReason="This ticket is closed."
      />,
    );
    expect(screen.getByText('This ticket is closed.')).toBeVisible();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByText('Enter to send, Shift+Enter for a new line')).toBeNull();
    await user.keyboard('hello{Enter}');
    expect(onSend).not.toHaveBeenCalled();
  });

  test('a draft typed before the ticket closed stays readable and selectable; Enter does not send it', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(<Composer onSend={onSend} locale="en" placeholder="Ask us" />);
    expect(field()).toHaveAttribute('placeholder', 'Ask us');
    await user.type(field(), 'half a thought');
    rerender(<Composer onSend={onSend} locale="en" placeholder="Ask us" disabled disabledReason="Closed." />);
    expect(screen.getByText('Closed.')).toBeVisible();
    expect(field()).toHaveFocus();
    expect(field()).toHaveValue('half a thought');
    expect(field()).toHaveAttribute('readonly');
    expect(field()).not.toHaveAttribute('placeholder');
    expect(field()).toHaveAccessibleDescription(
      'Closed. Your unsent message is kept above: select it to copy.',
    );
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    // Read-only, not disabled: it can be focused, selected and copied.
    expect(field()).toBeEnabled();
    await user.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    rerender(<Composer onSend={onSend} locale="en" placeholder="Ask us" />);
    expect(field()).not.toHaveAttribute('readonly');
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('half a thought');
  });

  test('the field going away while focused (closed, nothing typed) leaves focus on the notice, not <body>', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Composer onSend={vi.fn()} locale="en" />);
    await user.click(field());
    rerender(<Composer onSend={vi.fn()} locale="en" disabled disabledReason="Closed." />);
    expect(screen.getByText('Closed.').parentElement).toHaveFocus();
  });
});

describe('Composer drafts', () => {
  beforeEach(() => localStorage.clear());

  test('each ticket keeps its own draft when switching between them', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Composer onSend={vi.fn()} locale="en" draftKey="switch-a" />);
    await user.type(field(), 'about A');
    rerender(<Composer onSend={vi.fn()} locale="en" draftKey="switch-b" />);
    expect(field()).toHaveValue('');
    await user.type(field(), 'about B');
    rerender(<Composer onSend={vi.fn()} locale="en" draftKey="switch-a" />);
    expect(field()).toHaveValue('about A');
    rerender(<Composer onSend={vi.fn()} locale="en" draftKey="switch-b" />);
    expect(field()).toHaveValue('about B');
    // Memory only without persistDraft: nothing written to storage.
    expect(localStorage.length).toBe(0);
  });

  test('a persisted draft is restored after a reload (a new mount reading storage), and cleared on send', async () => {
    const user = userEvent.setup();
    const first = render(<Composer onSend={vi.fn()} locale="en" draftKey="reload" persistDraft />);
    await user.type(field(), 'keep me');
    first.unmount();
    // What a reload leaves: only storage. (Memory is this module's; clear it by sending from another key.)
    const stored = Object.keys(localStorage).find((k) => k.endsWith(':reload'));
    expect(stored && localStorage.getItem(stored)).toBe('keep me');
    const onSend = vi.fn();
    render(<Composer onSend={onSend} locale="en" draftKey="reload" persistDraft />);
    expect(field()).toHaveValue('keep me');
    await user.type(field(), '{Enter}');
    expect(onSend).toHaveBeenCalledWith('keep me');
    expect(field()).toHaveValue('');
    expect(stored && localStorage.getItem(stored)).toBeNull();
  });

  test('a stored draft (left by an earlier page) shows when its ticket opens', () => {
    localStorage.setItem('ticket-chat:draft:earlier', 'from before the reload');
    render(<Composer onSend={vi.fn()} locale="en" draftKey="earlier" persistDraft />);
    expect(field()).toHaveValue('from before the reload');
  });

  test('the draft is written when the page is hidden (reload, tab closed) without waiting', async () => {
    const user = userEvent.setup();
    render(<Composer onSend={vi.fn()} locale="en" draftKey="hide" persistDraft />);
    await user.type(field(), 'typed fast');
    window.dispatchEvent(new Event('pagehide'));
    expect(localStorage.getItem('ticket-chat:draft:hide')).toBe('typed fast');
  });

  test('a send that throws keeps the text and the draft', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn(() => {
      throw new Error('refused');
    });
    const onError = vi.fn((event: ErrorEvent) => event.preventDefault());
    window.addEventListener('error', onError);
    onTestFinished(() => window.removeEventListener('error', onError));
    render(<Composer onSend={onSend} locale="en" draftKey="throws" />);
    await user.type(field(), 'not yet{Enter}');
    expect(onSend).toHaveBeenCalledOnce();
    expect(field()).toHaveValue('not yet');
  });

  test('storage that throws (private mode, quota) still keeps drafts for the page', async () => {
    const user = userEvent.setup();
    const refuse = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    const spies = [
      vi.spyOn(Storage.prototype, 'getItem').mockImplementation(refuse),
      vi.spyOn(Storage.prototype, 'setItem').mockImplementation(refuse),
      vi.spyOn(Storage.prototype, 'removeItem').mockImplementation(refuse),
    ];
    onTestFinished(() => {
      for (const spy of spies) spy.mockRestore();
    });
    const { rerender, unmount } = render(
      <Composer onSend={vi.fn()} locale="en" draftKey="private-a" persistDraft />,
    );
    await user.type(field(), 'still here');
    rerender(<Composer onSend={vi.fn()} locale="en" draftKey="private-b" persistDraft />);
    rerender(<Composer onSend={vi.fn()} locale="en" draftKey="private-a" persistDraft />);
    expect(field()).toHaveValue('still here');
    unmount();
  });
});
