import { useTicketChatLocale } from '../../query/TicketChatProvider.tsx';
import { useUnread } from '../../query/useUnread.ts';
import { ChatErrorBoundary, type ChatErrorInfo } from '../ChatErrorBoundary/ChatErrorBoundary.tsx';
import { UnreadBadge } from '../UnreadBadge/UnreadBadge.tsx';

export interface CaseUnreadBadgeProps {
  caseId: string;
  groupId?: string | undefined;
  /** Above this the badge shows `${max}+` (the accessible name keeps the full count). Default 99. */
  max?: number | undefined;
  /** Language of the accessible name. Default: the client's language. */
  locale?: string | undefined;
  /** Poll interval; badges of one group share one request at the smallest interval asked. Default 30 000, at least 1000. */
  intervalMs?: number | undefined;
  className?: string | undefined;
  /** Called with any error thrown while rendering the badge; a compact alert with a Retry takes its place. */
  onError?: ((error: unknown, info: ChatErrorInfo) => void) | undefined;
}

/** Unread count of one ticket for nav bars and lists: nothing while 0 or unknown. */
export function CaseUnreadBadge({ onError, ...props }: CaseUnreadBadgeProps) {
  const { language } = useTicketChatLocale();
  return (
    <ChatErrorBoundary onError={onError} locale={props.locale ?? language} message="unreadFailed" compact>
      <CaseUnreadBadgeView {...props} />
    </ChatErrorBoundary>
  );
}

function CaseUnreadBadgeView({ caseId, groupId, intervalMs, locale, ...badge }: CaseUnreadBadgeProps) {
  const { language } = useTicketChatLocale();
  const { count } = useUnread(caseId, { groupId, intervalMs });
  return <UnreadBadge {...badge} count={count ?? 0} locale={locale ?? language} />;
}
