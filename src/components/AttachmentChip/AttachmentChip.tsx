import type { Attachment } from '../../client/types.ts';
import { getCoreStrings } from '../i18n/coreStrings.ts';
import { displayNameOf } from './displayName.ts';
import { FileIcon } from './FileIcon.tsx';
import { FileName } from './FileName.tsx';
import { fileKindOf } from './fileKind.ts';

export interface AttachmentChipProps {
  attachment: Attachment;
  /** Without it the chip is plain text (nothing to click). */
  onClick?: ((attachment: Attachment) => void) | undefined;
  /** A download of this attachment is in progress. */
  busy?: boolean | undefined;
  /** Language tag, e.g. 'en-US' or 'zh-cn' (default zh-CN). */
  locale?: string | undefined;
  className?: string | undefined;
}

/**
 * A file: type icon, middle-truncated name (the extension stays visible), full name on hover and for AT.
 * The name is isolated from the surrounding text and shown with its bidi controls neutralised.
 */
export function AttachmentChip({
  attachment,
  onClick,
  busy = false,
  locale,
  className,
}: AttachmentChipProps) {
  // The real name's bidi controls could disguise its type; show and announce a neutralised copy.
  const name = displayNameOf(attachment.name);
  const kind = fileKindOf(name);
  const classes = className ? `tc-attachment-chip ${className}` : 'tc-attachment-chip';
  const content = (
    <>
      {/* While downloading, a spinner takes the icon's place (same size: nothing moves). */}
      {busy && onClick ? (
        <span className="tc-attachment-chip__spinner" aria-hidden="true" />
      ) : (
        <FileIcon kind={kind} />
      )}
      <FileName name={name} />
    </>
  );
  if (!onClick) {
    return (
      <span className={classes} data-kind={kind} title={name}>
        {content}
        <bdi className="tc-visually-hidden">{name}</bdi>
      </span>
    );
  }
  return (
    <button
      type="button"
      className={classes}
      data-kind={kind}
      data-busy={busy || undefined}
      aria-busy={busy || undefined}
      title={name}
      aria-label={getCoreStrings(locale).downloadAttachment(name)}
      onClick={() => onClick(attachment)}
    >
      {content}
    </button>
  );
}
