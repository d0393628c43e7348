export type TicketChatLocale = 'zh-CN' | 'en-US';

/** The server's default language is zh-cn, so that is ours too. */
export const DEFAULT_LOCALE: TicketChatLocale = 'zh-CN';

/**
 * Maps a language tag as the portal or the X-Language header spells it ('zh-cn', 'zh', 'en', 'en-GB', …)
 * to a locale we have strings for. Anything else falls back to zh-CN.
 */
export function resolveLocale(language?: string | null): TicketChatLocale {
  return /^en([-_]|$)/i.test(language?.trim() ?? '') ? 'en-US' : DEFAULT_LOCALE;
}
