import { focusManager } from '@tanstack/react-query';
import { act, configure, render, screen, waitFor } from '@testing-library/react';
import { installSimulator, makeClient, providerFor, unreadRequests } from '../../../test/harness.tsx';
import { useMarkRead } from '../../query/useMarkRead.ts';
import { CaseUnreadBadge } from './CaseUnreadBadge.tsx';

// The machine is shared and slow at times: a generous wait limit (not a timing assertion).
configure({ asyncUtilTimeout: 5000 });

const { sim } = installSimulator();
beforeEach(() => focusManager.setFocused(true));
afterEach(() => focusManager.setFocused(undefined));

function MarkReadButton({ caseId }: { caseId: string }) {
  const { markRead, status } = useMarkRead(caseId);
  // The status shows when the server call has settled, so a test can wait for its last update.
  return (
    <button type="button" onClick={() => markRead()} data-status={status}>
      mark read
    </button>
  );
}

function renderBadges(language = 'en-us') {
  return render(
    <>
      <nav>
        <a href="#c1">
          Ticket c1 <CaseUnreadBadge caseId="c1" />
        </a>
        <a href="#c2">
          Ticket c2 <CaseUnreadBadge caseId="c2" max={9} />
        </a>
      </nav>
      <MarkReadButton caseId="c1" />
    </>,
    { wrapper: providerFor(makeClient({ language })).wrapper },
  );
}

describe('CaseUnreadBadge', () => {
  test('shows each ticket count from one shared request, capped at max with the full count spoken', async () => {
    sim().addTicket({ id: 'c1', unread: 3 });
    sim().addTicket({ id: 'c2', unread: 12 });
    renderBadges();
    expect(await screen.findByRole('link', { name: 'Ticket c1 3 unread messages' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ticket c2 12 unread messages' })).toHaveTextContent('9+');
    expect(unreadRequests(sim())).toHaveLength(1);
  });

  test('clears after mark read', async () => {
    sim().addTicket({ id: 'c1', unread: 2 });
    sim().addTicket({ id: 'c2' });
    renderBadges();
    const link = await screen.findByRole('link', { name: 'Ticket c1 2 unread messages' });
    const button = screen.getByRole('button', { name: 'mark read' });
    act(() => button.click());
    // Zeroed locally before the server answers (no blink back to 2 afterwards).
    await waitFor(() => expect(link).toHaveAccessibleName('Ticket c1'));
    await waitFor(() => expect(button).toHaveAttribute('data-status', 'success'));
    expect(sim().ticket('c1')?.unread).toBe(0);
    expect(link.querySelector('.tc-unread-badge')).toBeNull();
  });

  test('speaks the client language by default', async () => {
    sim().addTicket({ id: 'c1', unread: 1 });
    sim().addTicket({ id: 'c2' });
    renderBadges('zh-cn');
    expect(await screen.findByRole('link', { name: 'Ticket c1 1 条未读消息' })).toBeInTheDocument();
  });
});
