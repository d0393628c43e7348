import { splitForTruncation } from './fileKind.ts';

/**
 * A file name that truncates in the middle: the head takes the ellipsis, the tail (…end.ext) stays. Pass the
 * display name (`displayNameOf`). Hidden from assistive technology: the caller names the control or adds the
 * full name as text.
 */
export function FileName({ name }: { name: string }) {
  const { head, tail } = splitForTruncation(name);
  return (
    <span className="tc-attachment-chip__name" aria-hidden="true">
      {head && <span className="tc-attachment-chip__head">{head}</span>}
      <span className="tc-attachment-chip__tail">{tail}</span>
    </span>
  );
}
