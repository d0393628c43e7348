export type FileKind = 'image' | 'pdf' | 'archive' | 'document' | 'sheet' | 'generic';

const KINDS: Record<string, FileKind> = {};
const add = (kind: FileKind, exts: string) => {
  for (const ext of exts.split(' ')) KINDS[ext] = kind;
};
add('image', 'png jpg jpeg gif webp bmp svg heic heif tif tiff ico avif');
add('pdf', 'pdf');
add('archive', 'zip rar 7z tar gz tgz bz2 xz zst');
add('document', 'txt md log doc docx rtf odt json xml yaml yml ini conf');
add('sheet', 'xls xlsx csv tsv ods numbers');

// Short alphanumerics only: text after the last dot of "see https://a.com/x and more" is not an extension.
const EXTENSION = /^[a-z0-9]{1,10}$/i;
// Compressed tarballs keep both parts visible when the name is truncated.
const TAR_SUFFIX = /\.tar\.(?:gz|bz2|xz)$/i;

/** Lower-case extension without the dot, or '' (a leading dot alone, ".env", is not an extension). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return '';
  const ext = name.slice(dot + 1);
  return EXTENSION.test(ext) ? ext.toLowerCase() : '';
}

export function fileKindOf(name: string): FileKind {
  return KINDS[extensionOf(name)] ?? 'generic';
}

/** The extension kept whole when truncating: 'tar.gz' for "logs.tar.gz", else extensionOf. */
function truncationExtensionOf(name: string): string {
  const tar = TAR_SUFFIX.exec(name);
  return tar && tar.index > 0 ? name.slice(tar.index + 1) : extensionOf(name);
}

/**
 * Splits a name for middle truncation: the head may be cut with an ellipsis by CSS, the tail (last few
 * characters of the base name plus the extension) always stays visible.
 */
export function splitForTruncation(name: string, keep = 5): { head: string; tail: string } {
  const ext = truncationExtensionOf(name);
  const tailLength = Math.min(name.length, (ext ? ext.length + 1 : 0) + keep);
  let cut = Math.max(0, name.length - tailLength);
  // Never split a surrogate pair (an emoji or a rare CJK character) between head and tail.
  if (cut > 0 && /[\uDC00-\uDFFF]/.test(name.charAt(cut))) cut -= 1;
  // Spaces at the cut stay with the head: a tail starting with one would show a stray gap after the
  // ellipsis (and lose the space when nothing is cut).
  while (cut < name.length - 1 && /\s/.test(name.charAt(cut))) cut += 1;
  return { head: name.slice(0, cut), tail: name.slice(cut) };
}
