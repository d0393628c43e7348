/**
 * The decoders of the message answers (poll, older page) and the reading of a numeric cursor from the source
 * text: loaded with the message methods. The rules of every decoder are in `decode.ts`.
 */
import { Bad, type Decoder, list, num, object, status, str, strOrNum } from './decode.ts';

// The lenient message decoders live here, with the only answers that use them (see decode.ts for the rule).
/** A message's text field: a number or boolean reads as its text, anything else that is no string as "". */
const lenientText: Decoder<string> = (x) =>
  typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : '';
/** A message's code: what `num` reads, else null (unknown). */
const lenientNum: Decoder<number | null> = (x) => {
  try {
    return num(x);
  } catch {
    return null;
  }
};

/**
 * The entries of a list that are objects (not arrays), each read by `item`, which must not fail; missing or
 * null reads as []. Not an array: `[]` when `strict` is false, else a wrong type.
 */
const entries =
  <T>(item: Decoder<T>, strict: boolean): Decoder<T[]> =>
  (input) => {
    if (input == null) return [];
    if (!Array.isArray(input)) {
      if (strict) throw new Bad();
      return [];
    }
    const output: T[] = [];
    for (const x of input) if (typeof x === 'object' && x !== null && !Array.isArray(x)) output.push(item(x));
    return output;
  };

// Inside a message the decoder is lenient (see decode.ts): one malformed message must not hide its answer.
const wireMessage = object({
  type: lenientNum,
  replier_type: lenientNum,
  replier: lenientText,
  content: lenientText,
  create_time: lenientText,
  replier_name: lenientText,
  is_first_message: lenientNum,
  accessory_list: entries(object({ accessory_id: lenientText, file_actual_name: lenientText }), false),
});
export type WireMessage = ReturnType<typeof wireMessage>;
const messageList = entries(wireMessage, true);

export const pollBody = object({
  imstatus: list(object(status)),
  immsg: list(object({ incident_id: str, message_list: messageList })),
  last_message_time_id: strOrNum,
});

export const olderBody = object({ count: num, message_list: messageList });

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
