import type { TicketChatLocale } from './localeTag.ts';
import { resolveLocale } from './localeTag.ts';
import type { TicketChatStrings } from './strings.ts';

/**
 * The strings a page with only unread badges can show: the badge's accessible name and the alert that
 * replaces a badge (or a chat) on a render error. Part of every catalog (coreStrings.ts spreads them); kept
 * apart so that a page of badges does not load the chat's first-load strings.
 */
export type TicketChatBadgeStrings = Pick<
  TicketChatStrings,
  'unreadMessages' | 'retry' | 'renderFailed' | 'unreadFailed'
>;

// Every English noun here takes a plain "-s": the plural rule yields just the suffix.
const enPlural = new Intl.PluralRules('en-US');
export const enPluralSuffix = (count: number): string => (enPlural.select(count) === 'one' ? '' : 's');

export const enUSBadge: TicketChatBadgeStrings = {
  unreadMessages: (n) => `${n} unread message${enPluralSuffix(n)}`,
  retry: 'Retry',
  renderFailed: "Couldn't show the conversation.",
  unreadFailed: "Couldn't show the unread count.",
};

export const zhCNBadge: TicketChatBadgeStrings = {
  unreadMessages: (n) => `${n} 条未读消息`,
  retry: '重试',
  renderFailed: '无法显示对话。',
  unreadFailed: '无法显示未读消息数。',
};

const catalogs: Record<TicketChatLocale, TicketChatBadgeStrings> = { 'zh-CN': zhCNBadge, 'en-US': enUSBadge };

/** The badge and alert strings for a language tag (resolved with `resolveLocale`). */
export function getBadgeStrings(language?: string | null): TicketChatBadgeStrings {
  return catalogs[resolveLocale(language)];
}
