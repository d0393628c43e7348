import { getBadgeStrings } from '../i18n/badgeStrings.ts';

export interface UnreadBadgeProps {
  /** Unread count; 0, negative or not a number renders nothing. */
  count: number;
  /** Above this the badge shows `${max}+`. Default 99. */
  max?: number | undefined;
  /** Language tag, e.g. 'en-US' or 'zh-cn' (default zh-CN). */
  locale?: string | undefined;
  className?: string | undefined;
}

/**
 * A count bubble for nav links and lists. The capped visual text ("99+") is aria-hidden and a
 * visually hidden label carries the full count, so inside a link the link's name becomes
 * "Ticket 42 120 unread messages". Deliberately not role="status": a page with many badges would
 * announce every poll; the unread count is read when the user reaches the link.
 */
export function UnreadBadge({ count, max = 99, locale, className }: UnreadBadgeProps) {
  const n = Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
  if (n === 0) return null;
  const cap = Number.isFinite(max) && max > 0 ? Math.floor(max) : 99;
  const shown = n > cap ? `${cap}+` : String(n);
  return (
    <span
      className={className ? `tc-unread-badge ${className}` : 'tc-unread-badge'}
      data-capped={n > cap || undefined}
    >
      <span className="tc-unread-badge__count" aria-hidden="true">
        {shown}
      </span>
      <span className="tc-visually-hidden">{getBadgeStrings(locale).unreadMessages(n)}</span>
    </span>
  );
}
