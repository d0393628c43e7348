export { getCoreStrings, type TicketChatCoreStrings } from './coreStrings.ts';
export {
  type CalendarDay,
  calendarDayOf,
  dayKeyOf,
  dayKeyText,
  formatDateTime,
  formatDay,
  formatTimeOfDay,
} from './format.ts';
export { DEFAULT_LOCALE, getStrings, resolveLocale, type TicketChatLocale } from './locale.ts';
export { enUS, type TicketChatStrings, zhCN } from './strings.ts';
