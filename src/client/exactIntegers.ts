// Part of the message code's chunk: only messageMethods imports it statically (upload through it, lazily).

/** A JSON string literal (passed over whole: digits inside it stay text), or a number. */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * `read` of an answer with each integer of 16 or more digits as the text sent: `JSON.parse` rounds integers
 * above 2^53, and an attachment id …891 read as …000 would name another file. Only an answer that holds such
 * a run of digits is parsed again. `read` gets `body` (as `JSON.parse` read it) instead when that exact
 * reading fails: a code of 16+ digits is no text, and a string of millions of escapes can exhaust the
 * engine's regular-expression stack; nothing is lost that was read before.
 */
export function readExact<T>(read: (body: unknown) => T, body: unknown, text: string): T {
  if (/\d{16}/.test(text)) {
    try {
      return read(
        JSON.parse(text.replace(TOKEN, (token) => (/^-?\d{16,}$/.test(token) ? `"${token}"` : token))),
      );
    } catch {
      // As JSON.parse read it, below.
    }
  }
  return read(body);
}
