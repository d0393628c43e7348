import { act, render } from '@testing-library/react';
import { customer, engineer, makeMessage } from '../../../test/support/messages.ts';
import type { ThreadMessage } from '../../query/types.ts';
import { MessageThread } from './MessageThread.tsx';
import { ThreadRowView, type ThreadRowViewProps } from './ThreadRowView.tsx';

// Counts renders of the memoized row: React calls the memo's inner `type` only when the row renders. The
// swap must happen before the first mount (React reads `type` when it creates the fiber).
type MemoWithType = typeof ThreadRowView & { type: (props: ThreadRowViewProps) => unknown };
const memoRow = ThreadRowView as MemoWithType;
const inner = memoRow.type;
let rendered: string[] = [];
beforeEach(() => {
  rendered = [];
  memoRow.type = (props: ThreadRowViewProps) => {
    rendered.push(props.row.key);
    return inner(props);
  };
});
afterEach(() => {
  memoRow.type = inner;
});

const START = Date.UTC(2024, 2, 2, 1, 0);
/** Runs of three per sender, 97 s apart, on one day: groups of first/middle/last. */
function thread(n: number, start = START): ThreadMessage[] {
  return Array.from({ length: n }, (_, i) =>
    makeMessage({
      ...(Math.floor(i / 3) % 2 === 0 ? engineer : customer),
      key: `t${i}`,
      createdAt: new Date(start + i * 97_000),
    }),
  );
}
const fixedNow = new Date('2024-03-02T12:00:00Z');
// Every row in the DOM (jsdom lays nothing out, so the virtual list would render few): what memo skips.
const plainList = { locale: 'en', timeZone: 'UTC', now: fixedNow, virtualizeAfter: 200 } as const;
const groupOf = (key: string) =>
  document.querySelector(`[data-message-key="${key}"]`)?.getAttribute('data-group');

/**
 * Renders the thread with `busy` attachments, then re-renders it as a parent would (fresh callbacks) with
 * `nextBusy`; returns the keys of the rows that rendered again.
 */
function rowsRenderedAgain(messages: ThreadMessage[], busy: string[], nextBusy: string[]): string[] {
  const view = (busyAttachmentIds: string[]) => (
    <MessageThread
      messages={messages}
      locale="en"
      timeZone="UTC"
      now={fixedNow}
      onAttachmentClick={() => {}}
      onRetry={() => {}}
      busyAttachmentIds={busyAttachmentIds}
    />
  );
  const { rerender } = render(view(busy));
  rendered = [];
  rerender(view(nextBusy));
  return rendered;
}

describe('MessageThread re-renders only rows that changed', () => {
  it('appending one message to 150 renders the new row and at most the previous last one', () => {
    const messages = thread(150); // t147–t149: one customer group
    const { rerender } = render(<MessageThread messages={messages} {...plainList} />);
    expect(rendered.length).toBe(151); // 150 messages and a day separator
    expect(groupOf('t149')).toBe('last');

    // Same sender as t149, 97 s later: joins its group, so t149 becomes 'middle'.
    const joining = makeMessage({ ...customer, key: 'new-1', createdAt: new Date(START + 150 * 97_000) });
    rendered = [];
    rerender(<MessageThread messages={[...messages, joining]} {...plainList} />);
    expect(rendered.sort()).toEqual(['new-1', 't149']);
    expect(groupOf('t149')).toBe('middle');
    expect(groupOf('new-1')).toBe('last');

    // Another sender: nothing earlier changes.
    const other = makeMessage({ ...engineer, key: 'new-2', createdAt: new Date(START + 151 * 97_000) });
    rendered = [];
    rerender(<MessageThread messages={[...messages, joining, other]} {...plainList} />);
    expect(rendered).toEqual(['new-2']);
    expect(groupOf('new-1')).toBe('last');
  });

  it('re-renders nothing when the parent re-renders with new callbacks and an equal busy list', () => {
    expect(rowsRenderedAgain(thread(20), [], [])).toEqual([]);
  });

  it('a download starting re-renders only the row holding that attachment', () => {
    const messages = thread(20).map((m, i) =>
      i % 5 === 0 ? { ...m, attachments: [{ id: `att-${i}`, name: `file-${i}.log` }] } : m,
    );
    expect(rowsRenderedAgain(messages, [], ['att-10'])).toEqual(['t10']);
    expect(document.querySelector('[data-message-key="t10"] [data-busy]')).not.toBeNull();
  });

  it('the clock re-renders no row during a day; at midnight only the day labels change', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date('2024-03-02T23:57:00Z') });
    try {
      // 150 messages of 2 March (UTC) up to 23:56, and the viewer is in UTC.
      const messages = thread(150, Date.UTC(2024, 2, 2, 23, 56) - 149 * 97_000);
      const { getByText } = render(
        <MessageThread messages={messages} locale="en" timeZone="UTC" virtualizeAfter={200} />,
      );
      expect(getByText('Today')).toBeInTheDocument();
      rendered = [];
      await act(() => vi.advanceTimersByTimeAsync(60_000));
      expect(rendered).toEqual([]);
      await act(() => vi.advanceTimersByTimeAsync(3 * 60_000));
      expect(getByText('Yesterday')).toBeInTheDocument();
      expect(rendered.length).toBeGreaterThan(0);
      expect(rendered.every((key) => key.startsWith('day:'))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
