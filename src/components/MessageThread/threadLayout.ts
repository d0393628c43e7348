import type { ThreadMessage } from '../../query/types.ts';
import { calendarDayOf, dayKeyText } from '../i18n/format.ts';
import { usableDate } from './normalizeMessages.ts';

export type GroupPosition = 'single' | 'first' | 'middle' | 'last';
export type MessageSide = 'start' | 'end';

export interface DaySeparatorRow {
  kind: 'day';
  key: string;
  /** 'YYYY-MM-DD' in the viewer's zone. */
  dayKey: string;
  /** The same day as a number (days since 1970-01-01): consecutive days differ by one. */
  epochDay: number;
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
  timeZone?: string | undefined;
  /** Decides which day is "today". */
  now: Date;
  /** Key of the first unread message; the unread separator goes right before it. */
  unreadFromKey?: string | null | undefined;
  /** Messages of one sender closer than this (and on one day) form a group. Default 5 minutes. */
  groupWindowMs?: number | undefined;
}

export const DEFAULT_GROUP_WINDOW_MS = 5 * 60 * 1000;

/** The client's one sender rule (`fromSupport`, see client/model.ts) decides; support is on the start side. */
export function sideOf(message: ThreadMessage): MessageSide {
  return message.fromSupport ? 'start' : 'end';
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
  return continueThreadLayout([], messages, 0, options);
}

/**
 * Who a group belongs to. The customer side is the viewer's own side, labelled "You" in every delivery
 * state (a local message has no replier or name until the server's copy replaces it), so it is one sender;
 * the support side is one sender per replier.
 */
const senderOf = (message: ThreadMessage, side: MessageSide) =>
  side === 'end' ? 'end' : `${side}|${message.replier}|${message.replierName}`;

/**
 * Lays out `messages` from index `from` on, after `rows`, which must be the layout of `messages[0..from)`
 * with the same options (an append: only the new messages cost work). Mutates and returns `rows`; rows it
 * got are never mutated but replaced (the previous last message may change its group position), so a
 * caller can keep the previous layout's row objects for memoized views.
 */
export function continueThreadLayout(
  rows: ThreadRow[],
  messages: readonly ThreadMessage[],
  from: number,
  options: ThreadLayoutOptions,
): ThreadRow[] {
  const { timeZone, now, unreadFromKey, groupWindowMs = DEFAULT_GROUP_WINDOW_MS } = options;
  // Days compare as numbers in the viewer's zone: "yesterday" is the calendar day before, whatever its
  // length (23 or 25 hours across a DST change).
  const today = calendarDayOf(now, timeZone).epochDay;
  const ownedFrom = rows.length;
  // Resume: the day in progress is the last day separator's; the last row is the previous message's.
  let currentDay: number | null = null;
  // Messages out of time order (a presentational caller's data) can show a day twice. From the first step
  // back in time on, separator keys also carry their message's key so they stay unique; the last separator
  // tells whether that happened, so a resumed layout keeps doing it without a scan.
  let disordered = false;
  for (let i = rows.length - 1; i >= 0 && currentDay === null; i--) {
    const row = rows[i];
    if (row?.kind === 'day') {
      currentDay = row.epochDay;
      disordered = row.key !== `day:${row.dayKey}`;
    }
  }
  let previous: { index: number; sender: string; time: number | null } | null = null;
  const lastRow = rows[rows.length - 1];
  if (lastRow?.kind === 'message') {
    const time = usableDate(lastRow.message.createdAt)?.getTime() ?? null;
    previous = { index: rows.length - 1, sender: senderOf(lastRow.message, lastRow.side), time };
  }

  for (let m = from; m < messages.length; m++) {
    const message = messages[m] as ThreadMessage;
    const date = usableDate(message.createdAt);
    const validTime = date ? date.getTime() : null;
    let brokeGroup = false;

    if (date !== null) {
      const day = calendarDayOf(date, timeZone);
      if (day.epochDay !== currentDay) {
        if (currentDay !== null && day.epochDay < currentDay) disordered = true;
        currentDay = day.epochDay;
        const dayKey = dayKeyText(day);
        rows.push({
          kind: 'day',
          key: disordered ? `day:${dayKey}@${message.key}` : `day:${dayKey}`,
          dayKey,
          epochDay: day.epochDay,
          date,
          relativeDay: day.epochDay === today ? 'today' : day.epochDay === today - 1 ? 'yesterday' : null,
        });
        brokeGroup = true;
      }
    }
    if (unreadFromKey != null && message.key === unreadFromKey) {
      rows.push({ kind: 'unread', key: 'unread' });
      brokeGroup = true;
    }

    const side = sideOf(message);
    const sender = senderOf(message, side);
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
      const before = rows[previous.index] as MessageRow;
      const groupPosition = before.groupPosition === 'single' ? 'first' : 'middle';
      if (previous.index >= ownedFrom) before.groupPosition = groupPosition;
      else rows[previous.index] = { ...before, groupPosition };
      row.groupPosition = 'last';
    }
    rows.push(row);
    previous = { index: rows.length - 1, sender, time: validTime };
  }
  return rows;
}

/**
 * The rows the plain list shows while the virtualizer loads: the newest `limit`, and every row from the
 * unread separator on when it is older (the thread opens there: a separator not in the DOM could not be
 * landed on, and the view would sit at the end, where the reader seems to have seen everything).
 */
export function rowsBeforeVirtualizer(rows: readonly ThreadRow[], limit: number): readonly ThreadRow[] {
  if (rows.length <= limit) return rows;
  let start = rows.length - limit;
  for (let i = start - 1; i >= 0; i--) {
    if (rows[i]?.kind === 'unread') {
      start = i;
      break;
    }
  }
  return rows.slice(start);
}
