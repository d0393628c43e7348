import type { ThreadMessage } from '../../query/types.ts';
import { dayKeyOf } from '../i18n/format.ts';
import {
  continueThreadLayout,
  getThreadLayout,
  type ThreadLayoutOptions,
  type ThreadRow,
} from './threadLayout.ts';

/** A layout together with what it was computed from, so the next one can build on it. */
export interface StableLayout {
  messages: readonly ThreadMessage[];
  rows: readonly ThreadRow[];
  /** Every option that shapes rows (the clock only through its day). */
  inputs: string;
}

const inputsOf = (options: ThreadLayoutOptions) =>
  JSON.stringify([
    options.timeZone ?? null,
    dayKeyOf(options.now, options.timeZone),
    options.unreadFromKey ?? null,
    options.groupWindowMs ?? null,
  ]);

function startsWith(messages: readonly ThreadMessage[], prefix: readonly ThreadMessage[]): boolean {
  if (prefix.length > messages.length) return false;
  for (let i = 0; i < prefix.length; i++) if (messages[i] !== prefix[i]) return false;
  return true;
}

function sameRow(a: ThreadRow, b: ThreadRow): boolean {
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((k) => Object.is(left[k], right[k]));
}

/** `next` with each row replaced by the previous row of the same key when shallow-equal to it. */
export function reuseRows(previous: readonly ThreadRow[], next: ThreadRow[]): ThreadRow[] {
  if (previous.length === 0) return next;
  const byKey = new Map(previous.map((row) => [row.key, row]));
  for (let i = 0; i < next.length; i++) {
    const row = next[i] as ThreadRow;
    const old = byKey.get(row.key);
    if (old && sameRow(old, row)) next[i] = old;
  }
  return next;
}

/**
 * The same rows as `getThreadLayout(messages, options)`, but a row that did not change is the previous
 * layout's object, so memoized row views skip it. The common change, messages appended at the end (a
 * poll, a send), lays out only the new messages; anything else recomputes and then reuses equal rows.
 */
export function updateThreadLayout(
  previous: StableLayout | null,
  messages: readonly ThreadMessage[],
  options: ThreadLayoutOptions,
): StableLayout {
  const inputs = inputsOf(options);
  if (previous && previous.inputs === inputs) {
    if (previous.messages === messages) return previous;
    if (startsWith(messages, previous.messages)) {
      const rows = continueThreadLayout([...previous.rows], messages, previous.messages.length, options);
      return { messages, rows, inputs };
    }
  }
  const rows = getThreadLayout(messages, options);
  return { messages, rows: previous ? reuseRows(previous.rows, rows) : rows, inputs };
}
