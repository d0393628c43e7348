// Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they can make
// "invoice\u202Efdp.exe" read as "invoiceexe.pdf".
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The file name as shown (and announced): bidi controls become a visible U+FFFD. */
export function displayNameOf(name: unknown): string {
  return typeof name === 'string' ? name.replace(BIDI_CONTROLS, '\uFFFD') : '';
}
