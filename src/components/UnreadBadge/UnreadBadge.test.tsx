import { render, screen } from '@testing-library/react';
import { UnreadBadge } from './UnreadBadge.tsx';

describe('UnreadBadge', () => {
  it.each([0, -3, Number.NaN])('renders nothing for %s', (count) => {
    const { container } = render(<UnreadBadge count={count} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the count with a full accessible label (zh-CN by default)', () => {
    render(
      <a href="/t/1">
        工单 1 <UnreadBadge count={3} />
      </a>,
    );
    expect(screen.getByRole('link')).toHaveAccessibleName('工单 1 3 条未读消息');
    expect(screen.getByText('3')).toHaveAttribute('aria-hidden', 'true');
  });

  it('caps the visible text above max but keeps the full count in the name', () => {
    render(
      <a href="/t/1">
        Ticket <UnreadBadge count={120} locale="en-us" />
      </a>,
    );
    expect(screen.getByText('99+')).toBeInTheDocument();
    expect(screen.getByRole('link')).toHaveAccessibleName('Ticket 120 unread messages');
  });

  it('uses English plurals and a custom max', () => {
    const { rerender } = render(<UnreadBadge count={1} locale="en" />);
    expect(screen.getByText('1 unread message')).toBeInTheDocument();
    rerender(<UnreadBadge count={10} max={9} locale="en" />);
    expect(screen.getByText('9+')).toBeInTheDocument();
    expect(document.querySelector('.tc-unread-badge')).toHaveAttribute('data-capped', 'true');
  });

  it('is not a live region (a page of badges would chatter on every poll)', () => {
    render(<UnreadBadge count={2} />);
    expect(document.querySelector('[role="status"], [aria-live]')).toBeNull();
  });
});
