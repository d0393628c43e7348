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

  test('disabled: field and button stay in the tab order, read-only and aria-disabled, described by the reason', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    render(<Composer onSend={onSend} locale="en" disabled disabledReason="This ticket is closed." />);
    expect(screen.getByText('This ticket is closed.')).toBeVisible();
    expect(field()).toBeEnabled();
    expect(field()).toHaveAttribute('readonly');
    expect(field()).toHaveAttribute('aria-disabled', 'true');
    // No "Write a message…" where nothing can be written.
    expect(field()).not.toHaveAttribute('placeholder');
    expect(field()).toHaveAccessibleDescription('This ticket is closed.');
    expect(sendButton()).toBeEnabled();
    expect(sendButton()).toHaveAttribute('aria-disabled', 'true');
    expect(sendButton()).toHaveAccessibleDescription('This ticket is closed.');
    await user.tab();
    expect(field()).toHaveFocus();
    await user.keyboard('hello{Enter}');
    expect(field()).toHaveValue('');
    await user.tab();
    expect(sendButton()).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(sendButton());
    expect(onSend).not.toHaveBeenCalled();
  });

  test('a draft typed before the ticket closed stays, read-only, and Enter does not send it', async () => {
    const onSend = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(<Composer onSend={onSend} locale="en" placeholder="Ask us" />);
    expect(field()).toHaveAttribute('placeholder', 'Ask us');
    await user.type(field(), 'half a thought');
    rerender(<Composer onSend={onSend} locale="en" placeholder="Ask us" disabled />);
    expect(field()).toHaveFocus();
    expect(field()).toHaveValue('half a thought');
    expect(field()).toHaveAccessibleDescription("Messages can't be sent right now.");
    await user.keyboard('{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    rerender(<Composer onSend={onSend} locale="en" placeholder="Ask us" />);
    expect(field()).not.toHaveAttribute('readonly');
    expect(field()).not.toHaveAttribute('aria-disabled');
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('half a thought');
  });
});
