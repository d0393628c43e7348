export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// http(s) only; stops at whitespace, at characters that cannot be in a URL unescaped, and at bidi marks and
// controls (a link whose visible text they reorder could read ".../exe.jpg" for ".../gpj.exe").
const URL_PATTERN =
  /\bhttps?:\/\/[^\s<>"'`{}|\\^\u3000-\u303f\uff01-\uff5e\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'"*~_-]+$/;

/** Drops sentence punctuation and an unbalanced closing bracket from the end of a matched URL. */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      if (url.endsWith(close) && url.split(close).length > url.split(open).length) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

/**
 * Splits plain text into text and http/https link parts. Nothing else becomes a link (no javascript:,
 * data:, mailto:, bare domains); the caller renders parts as text nodes and <a>, never as HTML.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const url = trimUrl(match[0]);
    if (!/^https?:\/\/[^/?#\s]/i.test(url) || !isHttpUrl(url)) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
