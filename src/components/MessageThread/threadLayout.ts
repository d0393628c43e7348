import type { ThreadMessage } from '../../query/types.ts';
import { dayKeyOf, previousDayKey } from '../i18n/format.ts';
import { usableDate } from './normalizeMessages.ts';

export type GroupPosition = 'single' | 'first' | 'middle' | 'last';
export type MessageSide = 'start' | 'end';

export interface DaySeparatorRow {
  kind: 'day';
  key: string;
  /** 'YYYY-MM-DD' in the viewer's zone. */
  dayKey: string;
  /** The first message's time on that day, for formatting the label. */
  date: Date;
  relativeDay: 'today' | 'yesterday' | null;
}

export interface UnreadSeparatorRow {
  kind: 'unread';
  key: string;
}

export interface MessageRow {
  kind: 'message';
  key: string;
  message: ThreadMessage;
  /** Customer messages at the end (right in LTR), support and third party at the start. */
  side: MessageSide;
  groupPosition: GroupPosition;
}

export type ThreadRow = DaySeparatorRow | UnreadSeparatorRow | MessageRow;

export interface ThreadLayoutOptions {
  /** Viewer's IANA zone; undefined = the browser's. */
  timeZone?: string;
  /** Decides which day is "today". */
  now: Date;
  /** Key of the first unread message; the unread separator goes right before it. */
  unreadFromKey?: string | null;
  /** Messages of one sender closer than this (and on one day) form a group. Default 5 minutes. */
  groupWindowMs?: number;
}

export const DEFAULT_GROUP_WINDOW_MS = 5 * 60 * 1000;

/** replier_type wins (0 = customer); without it, the derived fromSupport flag decides. */
export function sideOf(message: ThreadMessage): MessageSide {
  const isCustomer = message.replierType !== null ? message.replierType === 0 : !message.fromSupport;
  return isCustomer ? 'end' : 'start';
}

/**
 * Turns a thread (oldest first) into display rows: a separator at each new day in the viewer's zone, one
 * before the first unread message, and messages with their position in a sender group. Pure, O(n).
 * A message without a usable time never starts a day and never joins a group.
 */
export function getThreadLayout(
  messages: readonly ThreadMessage[],
  options: ThreadLayoutOptions,
): ThreadRow[] {
  const { timeZone, now, unreadFromKey, groupWindowMs = DEFAULT_GROUP_WINDOW_MS } = options;
  const todayKey = dayKeyOf(now, timeZone);
  const yesterdayKey = previousDayKey(todayKey);
  const rows: ThreadRow[] = [];
  let currentDay: string | null = null;
  let previous: { row: MessageRow; sender: string; time: number | null } | null = null;

  for (const message of messages) {
    const date = usableDate(message.createdAt);
    const validTime = date ? date.getTime() : null;
    let brokeGroup = false;

    if (date !== null) {
      const dayKey = dayKeyOf(date, timeZone);
      if (dayKey !== currentDay) {
        currentDay = dayKey;
        rows.push({
          kind: 'day',
          key: `day:${dayKey}`,
          dayKey,
          date,
          relativeDay: dayKey === todayKey ? 'today' : dayKey === yesterdayKey ? 'yesterday' : null,
        });
        brokeGroup = true;
      }
    }
    if (unreadFromKey != null && message.key === unreadFromKey) {
      rows.push({ kind: 'unread', key: 'unread' });
      brokeGroup = true;
    }

    const side = sideOf(message);
    const sender = `${side}|${message.replier}|${message.replierName}`;
    const row: MessageRow = { kind: 'message', key: message.key, message, side, groupPosition: 'single' };
    const joins =
      !brokeGroup &&
      previous !== null &&
      previous.sender === sender &&
      previous.time !== null &&
      validTime !== null &&
      validTime - previous.time >= 0 &&
      validTime - previous.time <= groupWindowMs;
    if (joins && previous) {
      previous.row.groupPosition = previous.row.groupPosition === 'single' ? 'first' : 'middle';
      row.groupPosition = 'last';
    }
    rows.push(row);
    previous = { row, sender, time: validTime };
  }
  return rows;
}
