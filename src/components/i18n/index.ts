export {
  dayKeyOf,
  formatDateTime,
  formatDay,
  formatRelativeTime,
  formatTimeOfDay,
  previousDayKey,
  RELATIVE_TIME_LIMIT_MS,
} from './format.ts';
export { DEFAULT_LOCALE, getStrings, resolveLocale, type TicketChatLocale } from './locale.ts';
export { enUS, type TicketChatStrings, zhCN } from './strings.ts';
