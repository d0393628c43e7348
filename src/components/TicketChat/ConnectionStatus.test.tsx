import { cleanup, render, screen } from '@testing-library/react';
import { CODE_LOAD_FAILED, TicketChatError } from '../../client/errors.ts';
import { enUS } from '../i18n/strings.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';

const shown = (error: TicketChatError) => {
  render(
    <ConnectionStatus
      view={{ state: 'reconnecting', error, nextRetryAt: null, body: 'thread' }}
      strings={enUS}
      onRetryNow={() => {}}
    />,
  );
  return screen.getByRole('status');
};

describe('ConnectionStatus', () => {
  test('the library’s code not loading is said as such, never as a lost connection', () => {
    const status = shown(
      new TicketChatError('network', "The library's message code could not load", { code: CODE_LOAD_FAILED }),
    );
    expect(status).toHaveTextContent("Part of the chat couldn't load. Retrying…");
    expect(status).not.toHaveTextContent('Connection lost');
  });

  test('a network failure is a lost connection; a busy service is busy', () => {
    expect(shown(new TicketChatError('network', 'Network error'))).toHaveTextContent('Connection lost.');
    cleanup();
    expect(shown(new TicketChatError('http', 'HTTP 503', { status: 503 }))).toHaveTextContent(
      'The service is busy.',
    );
  });
});
