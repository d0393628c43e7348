import { useTicketChatLocale } from '../../query/TicketChatProvider.tsx';
import { useUnread } from '../../query/useUnread.ts';
import { UnreadBadge } from '../UnreadBadge/UnreadBadge.tsx';

export interface CaseUnreadBadgeProps {
  caseId: string;
  groupId?: string | undefined;
  /** Above this the badge shows `${max}+` (the accessible name keeps the full count). Default 99. */
  max?: number | undefined;
  /** Language of the accessible name. Default: the client's language. */
  locale?: string | undefined;
  /** Poll interval; badges of one group share one request at the smallest interval asked. Default 30 000. */
  intervalMs?: number | undefined;
  className?: string | undefined;
}

/** Unread count of one ticket for nav bars and lists: nothing while 0 or unknown. */
export function CaseUnreadBadge({ caseId, groupId, intervalMs, locale, ...badge }: CaseUnreadBadgeProps) {
  const { language } = useTicketChatLocale();
  const { count } = useUnread(caseId, { groupId, intervalMs });
  return <UnreadBadge {...badge} count={count ?? 0} locale={locale ?? language} />;
}
