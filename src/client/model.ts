/**
 * The domain rules, each written once: who sent a message, which ticket statuses are closed, content
 * limits, how cursors and message times compare, and the time an older page is asked from. The query
 * layer and the components import them from here.
 */
import type { Attachment, Message } from './types.ts';

/** The send endpoint accepts up to 2000 characters; the read schema caps `content` at 400. */
export const MAX_SEND_CONTENT_LENGTH = 2000;
export const MAX_READ_CONTENT_LENGTH = 400;

/**
 * The content of a message sent with attachments and no text. The service requires content (1..2000
 * characters), so it is a paperclip and the file names ("📎 a.png, b.log"): what a support engineer's console
 * shows for such a message. The thread does not repeat it as text beside the attachments
 * (`isAttachmentsContent`); the paperclip keeps a typed text that happens to equal a file name visible.
 */
export function attachmentsContent(attachments: readonly Attachment[]): string {
  // Never a lone high surrogate at the 2000th unit.
  return `📎 ${attachments.map((a) => a.name).join(', ')}`
    .slice(0, MAX_SEND_CONTENT_LENGTH)
    .replace(/[\uD800-\uDBFF]$/, '');
}

/** The message's text is only the stand-in for its attachments' names. */
export const isAttachmentsContent = (message: { content: string; attachments: readonly Attachment[] }) =>
  message.attachments.length > 0 && message.content === attachmentsContent(message.attachments);

/** What a send posts: the text, or with attachments and no text, their stand-in. */
export const sendContent = (content: string, attachments: readonly Attachment[] = []): string =>
  content.trim() === '' && attachments.length > 0 ? attachmentsContent(attachments) : content;

/**
 * Whether a message is from the support side: `replier_type` 1 (support engineer) or 2 (third party);
 * 0 is the customer; 3 (undocumented) and a missing value fall back to `type` (1 = support engineer).
 */
export function isFromSupport(replierType: number | null, type: number | null): boolean {
  if (replierType === 0) return false;
  if (replierType === 1 || replierType === 2) return true;
  return type === 1;
}

/** Ticket statuses after which nothing new is expected: completed, withdrawn, invalid. */
export const CLOSED_TICKET_STATUSES: ReadonlySet<number> = new Set([3, 4, 12]);

export const isClosedTicketStatus = (status: number | null | undefined): boolean =>
  typeof status === 'number' && CLOSED_TICKET_STATUSES.has(status);

/**
 * A message's place in time: unparseable times sort last (they are most likely new). Equal times keep
 * the server's order — callers sort stably and never reorder messages of one second.
 */
export const messageTime = (m: Pick<Message, 'createdAt'>): number =>
  m.createdAt?.getTime() ?? Number.POSITIVE_INFINITY;

/** Oldest first; 0 for equal times (so a stable sort keeps the server's order inside one second). */
export function compareMessageTime(a: Pick<Message, 'createdAt'>, b: Pick<Message, 'createdAt'>): number {
  const x = messageTime(a);
  const y = messageTime(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * The cursor to send on the next poll: exactly the text of the last answer's `last_message_time_id`
 * (never a number, never the larger of two: the server decides what "after" means), or the previous
 * cursor when the answer carried none.
 */
export const nextCursor = (previous: string | null, answer: string | null): string | null =>
  answer === null || answer === '' ? previous : answer;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The `create_time` to ask older history with. The server answers messages strictly older than that
 * second, but the oldest loaded message may share its second with older ones the first page did not
 * carry: asking from one second later includes them (the copies already shown are recognised). Wall-clock
 * arithmetic on the raw string (no time zone involved); an unreadable time is sent as is.
 */
export function olderPageTime(createTime: string): string {
  const m = WALL_CLOCK.exec(createTime);
  if (!m) return createTime;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const next = new Date(Date.UTC(y, mo - 1, d, h, mi, s + 1));
  return next.toISOString().slice(0, 19).replace('T', ' ');
}
