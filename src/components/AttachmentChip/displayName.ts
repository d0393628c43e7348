// Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they can make
// "invoice\u202Efdp.exe" read as "invoiceexe.pdf".
// Also C0 controls and DEL: a line break or tab inside a name would break its one line (names keep their
// spaces, `white-space: pre`).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u0000-\u001F\u007F]/g;

/** The file name as shown (and announced): bidi and control characters become a visible U+FFFD. */
export function displayNameOf(name: unknown): string {
  return typeof name === 'string' ? name.replace(BIDI_CONTROLS, '\uFFFD') : '';
}
