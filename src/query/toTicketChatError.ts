import { isTicketChatError, TicketChatError } from '../client/errors.ts';

/** Any thrown value as a TicketChatError (anything else counts as a network failure). */
export const toTicketChatError = (e: unknown): TicketChatError =>
  isTicketChatError(e)
    ? e
    : new TicketChatError('network', e instanceof Error ? e.message : String(e), { cause: e });
