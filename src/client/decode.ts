/**
 * Wire decoders, hand-written (a schema library cost ~1.1 kB of every entry). Every field may be missing or
 * null, as the provider's own example shows; defaults sit in the decoders. Output objects hold only the known
 * fields (an own `__proto__` key of a parsed body is never copied).
 *
 * Inside a message, one malformed field must not hide the answer's other messages (every later poll would
 * fail the same way): a text field that is a number or boolean reads as its text, any other non-string as "";
 * a code that is no integer reads as null (unknown); an accessory_list that is no array means no attachments;
 * a message or attachment entry that is no object (null, a string, an array) is skipped. The answer's cursor
 * is read from the envelope, so skipped entries are passed over for good. The ENVELOPE (lists, incident ids,
 * statuses, counts, the cursor) stays strict: a wrong type there is a `decode` error naming the field path of
 * the first bad field (never the body, never the token), never a TypeError later.
 */
import { TicketChatError } from './errors.ts';

/** Reads a value or throws `Bad`; a decoder never mutates its input or a shared default. */
export type Decoder<T> = (input: unknown) => T;

/** A wrong type somewhere below; each container on the way up prepends its key, so success pays nothing. */
export class Bad {
  keys: (string | number)[] = [];
}

/** An object as the decoders read one: any non-null object (an array too, as before the rewrite). */
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && !Number.isNaN(x);
/** Documented as string, sent as a number in the provider's own example. */
const isStringOrNumber = (x: unknown): x is string | number => isString(x) || typeof x === 'number';

/** Missing or null passes as it is. */
const maybe =
  <T>(test: (x: unknown) => x is T): Decoder<T | null | undefined> =>
  (x) => {
    if (x != null && !test(x)) throw new Bad();
    return x as T | null | undefined;
  };

export const str = maybe(isString);
/**
 * The integer codes (status, type, replier_type, …): a number, or the same number written as a digit string
 * ("1"), which gateways in front of the service are seen to send; anything else is a decode error.
 */
export const num: Decoder<number | null> = (x) => {
  if (x == null) return null;
  if (isNumber(x)) return x;
  if (typeof x === 'string' && /^\d{1,5}$/.test(x)) return Number(x);
  throw new Bad();
};
export const strOrNum = maybe(isStringOrNumber);

/** Names the key a failure happened under (outermost last, so each container prepends its own). */
function under(error: unknown, key: string | number): unknown {
  if (error instanceof Bad) error.keys.unshift(key);
  return error;
}

type Shape = Record<string, Decoder<unknown>>;
type Output<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** An object of exactly these fields, read in this order (the first bad one is the one named). */
export const object =
  <S extends Shape>(shape: S): Decoder<Output<S>> =>
  (input) => {
    if (!isObject(input)) throw new Bad();
    const output = {} as Output<S>;
    for (const key in shape) {
      try {
        output[key] = (shape[key] as Decoder<unknown>)(input[key]) as Output<S>[typeof key];
      } catch (error) {
        throw under(error, key);
      }
    }
    return output;
  };

/** Missing or null reads as a new []. */
export const list =
  <T>(item: Decoder<T>): Decoder<T[]> =>
  (input) => {
    if (input == null) return [];
    if (!Array.isArray(input)) throw new Bad();
    return input.map((x, index) => {
      try {
        return item(x);
      } catch (error) {
        throw under(error, index);
      }
    });
  };

export const status = { status: num, incident_id: str };

/** A count: what `num` reads (a digit string too), missing as 0; a negative or fractional one is a wrong type. */
const count: Decoder<number> = (x) => {
  const n = num(x);
  if (n !== null && (!Number.isInteger(n) || n < 0)) throw new Bad();
  return n ?? 0;
};

export const unreadBody = object({
  imunread: list(object({ ...status, unread_num: count })),
});

/** Both fields (null when missing or of a wrong type), or neither when the body is no object. */
export interface ErrorBody {
  error_code?: string | number | null;
  error_msg?: string | null;
}

/**
 * Any answer may carry these, a 200 too. Never fails: each field reads independently (a malformed error_msg
 * must not hide the error_code) and falls back to null, and a body that is no object reads as neither.
 */
export function readErrorBody(body: unknown): ErrorBody {
  if (!isObject(body)) return {};
  const { error_code: code, error_msg: message } = body;
  return {
    error_code: isStringOrNumber(code) ? code : null,
    error_msg: isString(message) ? message : null,
  };
}

/** Validates; on failure a short `decode` error naming the field path. */
export function decode<T>(decoder: Decoder<T>, body: unknown): T {
  try {
    return decoder(body);
  } catch (error) {
    if (!(error instanceof Bad)) throw error;
    throw new TicketChatError('decode', `Bad ${error.keys.join('.') || 'body'} in the response`);
  }
}
