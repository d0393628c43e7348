/**
 * The token kept out of upstream answers. A safety net only: the real rule is that the upstream never echoes
 * a token. A string "holds" the token when it contains it literally or once percent-decoded (any hex case).
 */

/** Percent-escapes decoded where they form valid UTF-8; anything else is left as written. */
function percentDecoded(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export function holdsToken(text: string, token: string): boolean {
  return text.includes(token) || (text.includes('%') && percentDecoded(text).includes(token));
}

/** A string with every form of the token replaced by `***`; a string whose token cannot be cut out is `***`. */
function scrubString(text: string, token: string): string {
  if (!holdsToken(text, token)) return text;
  const out = text.split(token).join('***');
  return holdsToken(out, token) ? '***' : out;
}

/** The value with the token scrubbed from every string in it, keys included; `changed` says whether any was. */
function scrubValue(value: unknown, token: string, state: { changed: boolean }): unknown {
  if (typeof value === 'string') {
    const out = scrubString(value, token);
    if (out !== value) state.changed = true;
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, token, state));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[scrubString(key, token)] = scrubValue(item, token, state);
    }
    if (Object.keys(out).some((key, i) => key !== Object.keys(value)[i])) state.changed = true;
    return out;
  }
  return value;
}

/**
 * A JSON text with the token scrubbed from its decoded strings (so `\u002d` or `\/` escapes and percent-encoding
 * hide nothing), or `undefined` when it is not JSON. Unchanged text is returned as sent (no re-serialising,
 * which could round large numbers).
 */
export function scrubJson(text: string, token: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const state = { changed: false };
  const out = scrubValue(parsed, token, state);
  return state.changed ? JSON.stringify(out) : text;
}
