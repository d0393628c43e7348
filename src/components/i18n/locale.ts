import { resolveLocale, type TicketChatLocale } from './localeTag.ts';
import { enUS, type TicketChatStrings, zhCN } from './strings.ts';

export { DEFAULT_LOCALE, resolveLocale, type TicketChatLocale } from './localeTag.ts';

const catalogs: Record<TicketChatLocale, TicketChatStrings> = { 'zh-CN': zhCN, 'en-US': enUS };

/** The whole catalog for a language tag (resolved with `resolveLocale`); see coreStrings.ts for a first load's. */
export function getStrings(language?: string | null): TicketChatStrings {
  return catalogs[resolveLocale(language)];
}
