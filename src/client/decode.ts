/**
 * Wire schemas (valibot core only, so the bundle keeps just what is used). Every field may be missing or
 * null, as the provider's own example shows; defaults sit in the schemas. A wrong TYPE is a `decode` error
 * naming the field path (never the body, never the token), never a TypeError later.
 */
import * as v from 'valibot';
import { TicketChatError } from './errors.ts';

const str = v.nullish(v.string());
const text = v.nullish(v.string(), '');
const num = v.nullish(v.number(), null);
/** Missing or null reads as []. The shared default is only read, never mutated. */
const list = <T extends v.GenericSchema>(item: T) => v.nullish(v.array(item), []);
/** Documented as string, sent as a number in the provider's own example. */
const strOrNum = v.nullish(v.custom<string | number>((x) => typeof x === 'string' || typeof x === 'number'));
const status = { status: num, incident_id: str };

const wireMessage = v.object({
  type: num,
  replier_type: num,
  replier: text,
  content: text,
  create_time: text,
  replier_name: text,
  is_first_message: num,
  accessory_list: list(v.object({ accessory_id: text, file_actual_name: text })),
});
export type WireMessage = v.InferOutput<typeof wireMessage>;
const messageList = list(wireMessage);

export const unreadBody = v.object({
  imunread: list(v.object({ ...status, unread_num: v.nullish(v.number(), 0) })),
});

export const pollBody = v.object({
  imstatus: list(v.object(status)),
  immsg: list(v.object({ incident_id: str, message_list: messageList })),
  last_message_time_id: strOrNum,
});

export const olderBody = v.object({ count: num, message_list: messageList });

/**
 * Any answer may carry these, a 200 too. Each field reads independently (a malformed error_msg must not hide
 * the error_code), and a body that is no object reads as neither.
 */
export const errorBody = v.fallback(
  v.object({ error_code: v.fallback(strOrNum, null), error_msg: v.fallback(str, null) }),
  {},
);
export type ErrorBody = v.InferOutput<typeof errorBody>;

/** Validates; on failure a short `decode` error naming the field path. */
export function decode<T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const path = result.issues[0].path?.map((item) => item.key).join('.');
  throw new TicketChatError('decode', `Bad ${path ?? 'body'} in the response`);
}

/**
 * The source text of a NUMBER that is the value of top-level `key` in the JSON object `text`, or undefined.
 * `JSON.parse` rounds integers above 2^53 (…235 → …236), so a numeric cursor is read from the text itself.
 * A small scanner (strings and nesting skipped properly), not a regex: message content may mention the key.
 */
export function topLevelNumberText(text: string, key: string): string | undefined {
  let depth = 0;
  let i = 0;
  let expectKey = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) {
        // JSON.parse handles escapes in the key (a key spelled with \u escapes still matches).
        const name = JSON.parse(text.slice(i, j + 1)) as string;
        const after = /^\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(j + 1, j + 120));
        if (name === key) return after?.[1];
      }
      expectKey = false;
      i = j + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      expectKey = c === '{' && depth === 1;
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) expectKey = true;
    i++;
  }
  return undefined;
}
