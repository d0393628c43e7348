import type { Attachment } from '../../client/types.ts';
import type { ThreadMessage } from '../../query/types.ts';

/** A Date that can be formatted: an Invalid Date (getTime() NaN) counts as no date. */
export function usableDate(date: Date | null | undefined): Date | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date : null;
}

const isString = (value: unknown): value is string => typeof value === 'string';

function isWellFormedAttachment(a: Attachment | null | undefined): boolean {
  return a != null && isString(a.id) && isString(a.name);
}

function isWellFormed(m: ThreadMessage): boolean {
  return (
    isString(m.key) &&
    m.key !== '' &&
    isString(m.content) &&
    isString(m.replierName) &&
    (m.createdAt === null || usableDate(m.createdAt) !== null) &&
    Array.isArray(m.attachments) &&
    m.attachments.every(isWellFormedAttachment)
  );
}

// Fixed copy → the caller's object, so callbacks hand back what the caller passed in.
const originals = new WeakMap<object, object>();
// Caller's object → its fixed copy, so a bad message is copied once, not on every render.
const fixedCopies = new WeakMap<ThreadMessage, ThreadMessage>();

function fixAttachment(a: Attachment | null | undefined): Attachment {
  if (a != null && isWellFormedAttachment(a)) return a;
  const fixed = {
    id: isString(a?.id) ? a.id : a?.id == null ? '' : String(a.id),
    name: isString(a?.name) ? a.name : '',
  };
  if (a != null) originals.set(fixed, a);
  return fixed;
}

// Rows are keyed by message key: a message without one gets its own, kept with its fixed copy.
let unkeyed = 0;

function fixMessage(m: ThreadMessage): ThreadMessage {
  const cached = fixedCopies.get(m);
  if (cached) return cached;
  const attachments = Array.isArray(m.attachments) ? m.attachments : [];
  const fixed: ThreadMessage = {
    ...m,
    key: isString(m.key) && m.key !== '' ? m.key : `unkeyed:${++unkeyed}`,
    content: isString(m.content) ? m.content : '',
    replierName: isString(m.replierName) ? m.replierName : '',
    createdAt: usableDate(m.createdAt),
    attachments: attachments.map(fixAttachment),
  };
  fixedCopies.set(m, fixed);
  originals.set(fixed, m);
  return fixed;
}

/**
 * Plain-JS callers pass null/undefined where the types promise strings, arrays and valid Dates. Fixes such
 * messages once, at the component's boundary; a well-formed list is returned as is (no allocation).
 */
export function normalizeMessages(messages: readonly ThreadMessage[]): readonly ThreadMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.every(isWellFormed) ? messages : messages.map((m) => (isWellFormed(m) ? m : fixMessage(m)));
}

/** The object the caller passed for a (possibly fixed) message or attachment. */
export function originalOf<T extends object>(value: T): T {
  return (originals.get(value) as T | undefined) ?? value;
}
