// Part of the message code's chunk: only messageMethods imports it statically (upload through it, lazily).

/**
 * `body` again, from its source `text`, with each integer of 16 or more digits read as that text: `JSON.parse`
 * rounds integers above 2^53, and an attachment id …891 read as …000 would name another file. Only answers
 * that hold such a run of digits are parsed again. One scan: a string literal is passed over whole.
 */
export function exactIntegers(body: unknown, text: string): unknown {
  if (!/\d{16}/.test(text)) return body;
  return JSON.parse(
    text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (token) =>
      /^-?\d{16,}$/.test(token) ? `"${token}"` : token,
    ),
  );
}
