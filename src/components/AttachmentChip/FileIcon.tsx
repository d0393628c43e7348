import type { FileKind } from './fileKind.ts';

// One outline "page" plus a small per-kind mark: a handful of paths, a few hundred bytes.
const PAGE = 'M6 2.75h6.5L17.25 7.5v13.75H6z M12.5 2.75V7.5h4.75';
const MARKS: Record<FileKind, string> = {
  image: 'M8.5 18l2.75-3.5 2 2.25 1.5-1.75 1.75 3z M10 11.25a1.25 1.25 0 1 0 0.01 0',
  pdf: 'M8.75 17.5h6.5 M8.75 14.5h6.5 M8.75 11.5h3.5',
  archive: 'M11.5 4v1.5 M11.5 7v1.5 M11.5 10v1.5 M10.5 13h2v3h-2z',
  document: 'M8.75 11.5h6.5 M8.75 14.5h6.5 M8.75 17.5h4',
  sheet: 'M8.5 11h7v7h-7z M8.5 14.5h7 M12 11v7',
  generic: '',
};

export function FileIcon({ kind }: { kind: FileKind }) {
  return (
    <svg
      className="tc-file-icon"
      data-kind={kind}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinejoin="round"
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={`${PAGE} ${MARKS[kind]}`} />
    </svg>
  );
}
