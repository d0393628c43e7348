import { render, screen } from '@testing-library/react';
import { TicketStatus } from './TicketStatus.tsx';

describe('TicketStatus', () => {
  it.each([
    [0, 'Pending acceptance', 'pending', '待受理'],
    [1, 'In progress', 'info', '处理中'],
    [2, 'Awaiting your confirmation', 'attention', '待您确认'],
    [3, 'Completed', 'success', '已完成'],
    [4, 'Withdrawn', 'neutral', '已撤销'],
    [12, 'Invalid', 'danger', '已失效'],
    [17, 'Awaiting feedback', 'feedback', '待反馈'],
  ])('status %i: text, tone and data attributes', (status, en, tone, zh) => {
    const { container, rerender } = render(<TicketStatus status={status} locale="en-US" />);
    const pill = container.firstElementChild as HTMLElement;
    expect(pill).toHaveTextContent(en);
    expect(pill).toHaveAttribute('title', en);
    expect(pill).toHaveAttribute('data-status', String(status));
    expect(pill).toHaveAttribute('data-tone', tone);
    rerender(<TicketStatus status={status} />);
    expect(pill).toHaveTextContent(zh);
  });

  it.each([null, undefined, 99, -1, Number.NaN, 1.5])(
    'unknown status %s is neutral, never a crash',
    (status) => {
      const { container } = render(<TicketStatus status={status} locale="en" />);
      const pill = container.firstElementChild as HTMLElement;
      expect(screen.getByText('Unknown status')).toBeInTheDocument();
      expect(pill).toHaveAttribute('data-status', 'unknown');
      expect(pill).toHaveAttribute('data-tone', 'unknown');
    },
  );

  it('does not treat inherited object keys as codes', () => {
    // biome-ignore lint/suspicious/noExplicitAny: hostile input from untyped JS
    render(<TicketStatus status={'constructor' as any} locale="en" />);
    expect(screen.getByText('Unknown status')).toBeInTheDocument();
  });

  it('gives every known status and "unknown" a tone of its own (the icon per tone: CSS, browser test)', () => {
    const tones = [0, 1, 2, 3, 4, 12, 17, null].map((status) => {
      const { container, unmount } = render(<TicketStatus status={status} locale="en" />);
      const pill = container.firstElementChild as HTMLElement;
      expect(pill.textContent).toBe(pill.title);
      const tone = pill.dataset.tone;
      unmount();
      return tone;
    });
    expect(new Set(tones).size).toBe(8);
  });
});
