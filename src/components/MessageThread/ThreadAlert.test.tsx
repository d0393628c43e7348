import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MessageThreadSkeleton } from './MessageThreadSkeleton.tsx';
import { ThreadAlert } from './ThreadAlert.tsx';

describe('ThreadAlert', () => {
  it('is an alert with a retry button', async () => {
    const onRetry = vi.fn();
    render(<ThreadAlert message="The server said no." onRetry={onRetry} retryLabel="Try again" />);
    expect(screen.getByRole('alert')).toHaveTextContent('The server said no.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
  it('defaults the label from the catalog and can omit the button', () => {
    const { rerender } = render(<ThreadAlert message="x" onRetry={() => {}} locale="en" />);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    rerender(<ThreadAlert message="x" />);
    expect(screen.queryByRole('button')).toBeNull();
  });
  it('offers Dismiss, named in the language, only when asked', async () => {
    const onDismiss = vi.fn();
    const { rerender } = render(<ThreadAlert message="x" onDismiss={onDismiss} locale="zh-CN" />);
    await userEvent.click(screen.getByRole('button', { name: '关闭' }));
    expect(onDismiss).toHaveBeenCalledOnce();
    // The alert's text stays what it says: the button's name is not read as part of the message.
    expect(screen.getByRole('alert').textContent).toBe('x');
    rerender(<ThreadAlert message="x" onDismiss={onDismiss} locale="en" />);
    expect(screen.getByRole('button', { name: 'Dismiss' })).toBeInTheDocument();
  });
});

describe('MessageThreadSkeleton', () => {
  it('is busy and tells screen readers it is loading', () => {
    const { container } = render(<MessageThreadSkeleton locale="en" />);
    expect(container.firstElementChild).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('status')).toHaveTextContent('Loading messages…');
  });
});
