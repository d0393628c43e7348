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

/** Lower-case extension without the dot, or '' (a leading dot alone, ".env", is not an extension). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

export function fileKindOf(name: string): FileKind {
  return KINDS[extensionOf(name)] ?? 'generic';
}

/**
 * Splits a name for middle truncation: the head may be cut with an ellipsis by CSS, the tail (last few
 * characters of the base name plus the extension) always stays visible.
 */
export function splitForTruncation(name: string, keep = 5): { head: string; tail: string } {
  const ext = extensionOf(name);
  const tailLength = Math.min(name.length, (ext ? ext.length + 1 : 0) + keep);
  const cut = Math.max(0, name.length - tailLength);
  return { head: name.slice(0, cut), tail: name.slice(cut) };
}
