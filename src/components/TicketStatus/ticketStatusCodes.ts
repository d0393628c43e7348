import type { TicketChatStrings } from '../i18n/strings.ts';

/** One tone per known status (and one for unknown): each pill differs by colour AND by icon. */
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

/** The pictogram beside the label; its meaning is in the label, so it is decorative. */
export type StatusIcon =
  | 'hourglass'
  | 'progress'
  | 'confirm'
  | 'check'
  | 'withdrawn'
  | 'invalid'
  | 'feedback'
  | 'unknown';

interface StatusInfo {
  label: StatusLabelKey;
  tone: StatusTone;
  icon: StatusIcon;
}

/** The ticket status codes the API documents. Anything else is shown as "unknown". */
export const TICKET_STATUSES: Readonly<Record<number, StatusInfo>> = {
  0: { label: 'statusPendingAcceptance', tone: 'pending', icon: 'hourglass' },
  1: { label: 'statusInProgress', tone: 'info', icon: 'progress' },
  2: { label: 'statusAwaitingConfirmation', tone: 'attention', icon: 'confirm' },
  3: { label: 'statusCompleted', tone: 'success', icon: 'check' },
  4: { label: 'statusWithdrawn', tone: 'neutral', icon: 'withdrawn' },
  12: { label: 'statusInvalid', tone: 'danger', icon: 'invalid' },
  17: { label: 'statusAwaitingFeedback', tone: 'feedback', icon: 'feedback' },
};

/** How an unknown, missing or malformed status shows. */
export const UNKNOWN_STATUS: StatusInfo = { label: 'statusUnknown', tone: 'unknown', icon: 'unknown' };

export function ticketStatusInfo(status: number | null | undefined): StatusInfo | null {
  if (typeof status !== 'number' || !Object.hasOwn(TICKET_STATUSES, status)) return null;
  return TICKET_STATUSES[status] ?? null;
}
