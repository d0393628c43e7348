import { getStrings } from '../i18n/locale.ts';
import { ticketStatusInfo } from './ticketStatusCodes.ts';

export interface TicketStatusProps {
  /** Ticket status code; null, undefined or an unknown code shows a neutral "Unknown status". */
  status: number | null | undefined;
  /** Language tag, e.g. 'en-US' or 'zh-cn' (default zh-CN). */
  locale?: string | undefined;
  className?: string | undefined;
}

/** Status pill: always text, plus a tone colour and a dot whose shape differs per tone (never colour alone). */
export function TicketStatus({ status, locale, className }: TicketStatusProps) {
  const info = ticketStatusInfo(status);
  const label = getStrings(locale)[info ? info.label : 'statusUnknown'];
  return (
    <span
      className={className ? `tc-ticket-status ${className}` : 'tc-ticket-status'}
      data-status={info ? String(status) : 'unknown'}
      data-tone={info ? info.tone : 'neutral'}
      // A narrow header cuts the label with an ellipsis: the whole label shows on hover.
      title={label}
    >
      <span className="tc-ticket-status__dot" aria-hidden="true" />
      {label}
    </span>
  );
}
