/**
 * Wire schemas (valibot core only, so the bundle keeps just what is used). Every field may be missing or
 * null, as the provider's own example shows; a wrong TYPE is a decode error, never a TypeError later.
 */
import * as v from 'valibot';
import { TicketChatError } from './errors.ts';

const str = v.nullish(v.string());
const num = v.nullish(v.number());
const list = <T extends v.GenericSchema>(item: T) => v.nullish(v.array(item));

const wireAttachment = v.object({ accessory_id: str, file_actual_name: str });

export const wireMessage = v.object({
  type: num,
  replier_type: num,
  replier: str,
  content: str,
  create_time: str,
  replier_name: str,
  is_first_message: num,
  accessory_list: list(wireAttachment),
});
export type WireMessage = v.InferOutput<typeof wireMessage>;

export const pollBody = v.object({
  imstatus: list(v.object({ status: num, incident_id: str })),
  immsg: list(v.object({ incident_id: str, message_list: list(wireMessage) })),
  // Documented as string, sent as a number in the provider's own example.
  last_message_time_id: v.nullish(v.union([v.string(), v.number()])),
});

export const unreadBody = v.object({
  imunread: list(v.object({ status: num, incident_id: str, unread_num: num })),
});

export const olderBody = v.object({ count: num, message_list: list(wireMessage) });

/** Validates; on failure a short `decode` error naming where (never the body, never the token). */
export function decode<T extends v.GenericSchema>(schema: T, body: unknown, what: string): v.InferOutput<T> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const path = result.issues[0].path?.map((item) => item.key).join('.');
  throw new TicketChatError('decode', `Unexpected ${what} response${path ? ` at ${path}` : ''}`);
}
