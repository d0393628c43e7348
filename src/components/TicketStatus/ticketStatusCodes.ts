import type { TicketChatStrings } from '../i18n/strings.ts';

/** One tone per known status (and one for unknown): each pill differs by colour AND by icon (CSS). */
export type StatusTone =
  | 'pending'
  | 'info'
  | 'attention'
  | 'success'
  | 'neutral'
  | 'danger'
  | 'feedback'
  | 'unknown';

/** The catalog keys that name a status (all plain strings). */
export type StatusLabelKey = Extract<keyof TicketChatStrings, `status${string}`>;

interface StatusInfo {
  label: StatusLabelKey;
  tone: StatusTone;
}

/** The ticket status codes the API documents. Anything else is shown as "unknown". */
export const TICKET_STATUSES: Readonly<Record<number, StatusInfo>> = {
  0: { label: 'statusPendingAcceptance', tone: 'pending' },
  1: { label: 'statusInProgress', tone: 'info' },
  2: { label: 'statusAwaitingConfirmation', tone: 'attention' },
  3: { label: 'statusCompleted', tone: 'success' },
  4: { label: 'statusWithdrawn', tone: 'neutral' },
  12: { label: 'statusInvalid', tone: 'danger' },
  17: { label: 'statusAwaitingFeedback', tone: 'feedback' },
};

/** How an unknown, missing or malformed status shows. */
export const UNKNOWN_STATUS: StatusInfo = { label: 'statusUnknown', tone: 'unknown' };

export function ticketStatusInfo(status: number | null | undefined): StatusInfo | null {
  if (typeof status !== 'number' || !Object.hasOwn(TICKET_STATUSES, status)) return null;
  return TICKET_STATUSES[status] ?? null;
}
