import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { installSimulator, makeClient, providerFor } from '../../../test/harness.tsx';
import { TicketChat } from './TicketChat.tsx';

const { sim } = installSimulator();
beforeEach(() => {
  localStorage.clear();
  sim().addTicket({ id: 'c1', status: 1 });
  sim().addTicket({ id: 'c2', status: 1 });
});

const field = () => screen.getByRole('textbox', { name: 'Message' });
const storedTexts = () => Object.keys(localStorage).map((key) => localStorage.getItem(key));

describe('TicketChat drafts', () => {
  test('each ticket keeps its draft when the user switches between tickets', async () => {
    const user = userEvent.setup();
    const { wrapper } = providerFor(makeClient({ language: 'en-us' }));
    const view = render(<TicketChat caseId="c1" />, { wrapper });
    await user.type(field(), 'about the invoice');
    view.rerender(<TicketChat caseId="c2" />);
    expect(field()).toHaveValue('');
    await user.type(field(), 'about the export');
    view.rerender(<TicketChat caseId="c1" />);
    expect(field()).toHaveValue('about the invoice');
    view.rerender(<TicketChat caseId="c2" />);
    expect(field()).toHaveValue('about the export');
    // No draftScope: nothing is written to storage.
    expect(localStorage.length).toBe(0);
  });

  test("another user's chat (another client) never shows the draft", async () => {
    const user = userEvent.setup();
    const first = render(<TicketChat caseId="c1" />, {
      wrapper: providerFor(makeClient({ language: 'en-us' })).wrapper,
    });
    await user.type(field(), 'private note');
    first.unmount();
    render(<TicketChat caseId="c1" />, { wrapper: providerFor(makeClient({ language: 'en-us' })).wrapper });
    expect(field()).toHaveValue('');
  });

  test('with draftScope the draft is stored for a reload, kept apart per scope, and cleared once sent', async () => {
    const user = userEvent.setup();
    const first = render(<TicketChat caseId="c1" draftScope="portal-user-7" />, {
      wrapper: providerFor(makeClient({ language: 'en-us' })).wrapper,
    });
    await user.type(field(), 'see attached logs');
    first.unmount();
    expect(storedTexts()).toEqual(['see attached logs']);
    // Another user of the same portal (another scope) on the same browser: not theirs.
    const other = render(<TicketChat caseId="c1" draftScope="portal-user-8" />, {
      wrapper: providerFor(makeClient({ language: 'en-us' })).wrapper,
    });
    expect(field()).toHaveValue('');
    other.unmount();
    // A new page for the same user: a new client, the draft is back; sending clears it everywhere.
    render(<TicketChat caseId="c1" draftScope="portal-user-7" />, {
      wrapper: providerFor(makeClient({ language: 'en-us' })).wrapper,
    });
    expect(field()).toHaveValue('see attached logs');
    await user.type(field(), '{Enter}');
    expect(field()).toHaveValue('');
    expect(storedTexts()).toEqual([]);
    await waitFor(() =>
      expect(
        sim()
          .ticket('c1')
          ?.messages.map((m) => m.content),
      ).toEqual(['see attached logs']),
    );
  });
});
