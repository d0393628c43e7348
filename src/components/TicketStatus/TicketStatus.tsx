import { getCoreStrings } from '../i18n/coreStrings.ts';
import { ticketStatusInfo, UNKNOWN_STATUS } from './ticketStatusCodes.ts';

export interface TicketStatusProps {
  /** Ticket status code; null, undefined or an unknown code shows a neutral "Unknown status". */
  status: number | null | undefined;
  /** Language tag, e.g. 'en-US' or 'zh-cn' (default zh-CN). */
  locale?: string | undefined;
  className?: string | undefined;
}

/**
 * Status pill: always text, plus a tone and an icon of its own for every known status (never colour
 * alone); an unknown code is an outlined pill with a question mark. The icon is decorative CSS (the label
 * says it all), drawn in the text colour, so forced-colours modes draw it too.
 */
export function TicketStatus({ status, locale, className }: TicketStatusProps) {
  const known = ticketStatusInfo(status);
  const info = known ?? UNKNOWN_STATUS;
  const label = getCoreStrings(locale)[info.label];
  return (
    <span
      className={className ? `tc-ticket-status ${className}` : 'tc-ticket-status'}
      data-status={known ? String(status) : 'unknown'}
      data-tone={info.tone}
      // A narrow header cuts the label with an ellipsis: the whole label shows on hover.
      title={label}
    >
      {label}
    </span>
  );
}
