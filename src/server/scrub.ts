/**
 * The token kept out of upstream answers. A safety net only: the real rule is that the upstream never echoes
 * a token. A string "holds" the token when it contains one of its spellings, literally or once percent-decoded
 * (any hex case): as is in any letter case, or base64 (standard or URL-safe, padded or not).
 */

/** Percent-escapes decoded where they form valid UTF-8; anything else is left as written. */
function percentDecoded(text: string): string {
  return text.replace(/(?:%[\da-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Scrubs one text: the token cut out (`***`); a text holding another spelling of it is `***` as a whole.
 * A text comes back unchanged (`===`) exactly when it holds no spelling of the token.
 */
export type Scrubber = (text: string) => string;

/** Compared in one letter case, and URL-safe base64 as standard base64. */
const folded = (text: string) => text.toLowerCase().replace(/-/g, '+').replace(/_/g, '/');

/**
 * The spellings of the token looked for: as is in any letter case, and base64 (standard or URL-safe, padded or
 * not). Inside a longer base64 text the token's bytes may start at any of the 3 offsets of a base64 group: for
 * each, the groups made of its bytes alone are looked for. Plain searches: no pattern is compiled for a token of
 * thousands of characters on every request.
 */
export function scrubberFor(token: string): Scrubber {
  const forms = [0, 1, 2].map((skip) =>
    folded(btoa('\0'.repeat(skip) + token).slice(skip && 4, 4 * (((token.length + skip) / 3) | 0))),
  );
  forms.push(folded(token));
  const found = (text: string) => {
    const folds = folded(text);
    return forms.some((form) => folds.includes(form));
  };
  const holds = (text: string) => found(text) || (text.includes('%') && found(percentDecoded(text)));
  return (text) => {
    if (!holds(text)) return text;
    const out = text.split(token).join('***');
    return holds(out) ? '***' : out;
  };
}

/**
 * A JSON text with the token scrubbed from its decoded strings, keys included (so `\u002d` or `\/` escapes and
 * percent-encoding hide nothing), or `undefined` when it is not JSON. Only a string literal that changed is
 * written again: the rest (numbers above 2^53, which JSON.parse would round, included) stays as sent.
 */
export function scrubJson(text: string, scrubber: Scrubber): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return text.replace(/"(?:[^"\\]|\\.)*"/g, (literal) => {
    const value = JSON.parse(literal) as string;
    const out = scrubber(value);
    return out === value ? literal : JSON.stringify(out);
  });
}
