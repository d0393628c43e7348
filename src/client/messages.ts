/** Wire messages → `Message`: times read in the client's zone, oldest first, keys per answer. */
import type { WireMessage } from './messageBodies.ts';
import { assignKeys } from './messageKey.ts';
import { isFromSupport } from './model.ts';
import { parseWallClock } from './timeZone.ts';
import type { Message } from './types.ts';
import type { ResolvedTimeZone } from './zone.ts';

type Unkeyed = Omit<Message, 'key'>;

/** A decoded wire message (defaults already applied) → `Message` without its key. */
export function toMessage(wire: WireMessage, caseId: string, zone: ResolvedTimeZone): Unkeyed {
  const { replier_type: replierType, type, create_time: createTime } = wire;
  return {
    caseId,
    content: wire.content,
    createdAt: parseWallClock(createTime, zone),
    createTime,
    replier: wire.replier,
    replierName: wire.replier_name,
    replierType,
    type,
    fromSupport: isFromSupport(replierType, type),
    isFirstMessage: wire.is_first_message === 1,
    attachments: wire.accessory_list.map((a) => ({ id: a.accessory_id, name: a.file_actual_name })),
  };
}

/**
 * Oldest first, stable. Messages whose time could not be read go after all dated ones, among themselves
 * in raw `create_time` order (a total order, so the sort is well defined).
 */
function compare(a: Unkeyed, b: Unkeyed): number {
  const byTime = (a.createdAt?.getTime() ?? Infinity) - (b.createdAt?.getTime() ?? Infinity);
  // NaN: both undated (Infinity - Infinity).
  if (!Number.isNaN(byTime)) return byTime;
  return a.createTime < b.createTime ? -1 : a.createTime > b.createTime ? 1 : 0;
}

/** Sorts one answer's messages and derives their keys (occurrence numbers follow the sorted order). */
export function finishMessages(messages: Unkeyed[]): Message[] {
  return assignKeys(messages.sort(compare));
}
