import { createPortal } from 'react-dom';
import type { PendingAttachment, PendingSnapshot, Refusal, SharedKit } from '../Composer/attachmentTypes.ts';
import type { TicketChatLocale } from '../i18n/locale.ts';
import type { AttachmentStore } from './attachmentStore.ts';
import { formatFileSize, type UploadStrings, uploadStrings } from './uploadStrings.ts';

export interface PendingAttachmentsProps {
  snapshot: PendingSnapshot;
  store: Pick<AttachmentStore, 'remove' | 'retry'>;
  locale: TicketChatLocale;
  kit: SharedKit;
  /** Where the drop zone shows while files are dragged over it. */
  dropTarget?: HTMLElement | null | undefined;
}

/** Why the composer holds the message, if it does: waiting for uploads, or one failed. */
export function holdReason(snapshot: PendingSnapshot, locale: TicketChatLocale): string | undefined {
  const strings = uploadStrings(locale);
  return snapshot.failed
    ? strings.uploadFailedHold
    : snapshot.waiting
      ? strings.waitingForUploads
      : undefined;
}

/** The sentence for one refused file; names go in as text, never markup. */
export function refusalText(
  refusal: Refusal,
  strings: UploadStrings,
  locale: TicketChatLocale,
  displayNameOf: SharedKit['displayNameOf'],
): string {
  const name = displayNameOf(refusal.name);
  switch (refusal.kind) {
    case 'count':
      return strings.refusedCount(name, refusal.max);
    case 'size':
      return strings.refusedSize(name, formatFileSize(refusal.maxBytes, locale));
    case 'type':
      return strings.refusedType(name, refusal.types.join(', '));
    default:
      return strings.refusedEmpty(name);
  }
}

function Item({
  item,
  store,
  strings,
  locale,
  kit,
}: Omit<PendingAttachmentsProps, 'snapshot'> & { item: PendingAttachment; strings: UploadStrings }) {
  const { FileIcon, FileName, displayNameOf, fileKindOf, isTicketChatError } = kit;
  const { error } = item;
  // The server's reason when it gave one (never the token: the client scrubs it).
  const detail =
    isTicketChatError(error) && (error.kind === 'http' || error.kind === 'api') ? error.message : null;
  const name = displayNameOf(item.name);
  const kind = fileKindOf(name);
  const percent = item.size ? Math.round((item.loaded / item.size) * 100) : 0;
  const uploading = item.status === 'uploading' || item.status === 'checking';
  return (
    <li className="tc-pending__item" data-status={item.status} data-kind={kind}>
      {item.preview ? (
        // Decorative: the name follows as text.
        <img className="tc-pending__thumb" src={item.preview} alt="" />
      ) : (
        <span className="tc-pending__thumb" data-icon="">
          <FileIcon kind={kind} />
        </span>
      )}
      <span className="tc-pending__body">
        <span className="tc-pending__name" title={name}>
          <FileName name={name} />
          <bdi className="tc-visually-hidden">{name}</bdi>
        </span>
        <span className="tc-pending__meta">
          {formatFileSize(item.size, locale)}
          {item.status === 'done' && <span className="tc-visually-hidden">{` ${strings.uploaded}`}</span>}
          {item.status === 'checking' && ` · ${strings.checking}`}
        </span>
        {uploading && (
          // No value while nothing is known (the engine reports only start and end): indeterminate.
          <span
            className="tc-pending__bar"
            role="progressbar"
            aria-label={strings.uploading(name)}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent || undefined}
            data-indeterminate={percent === 0 || undefined}
          >
            <span
              className="tc-pending__bar-fill"
              style={percent ? { inlineSize: `${percent}%` } : undefined}
            />
          </span>
        )}
        {item.status === 'failed' && (
          <span className="tc-pending__error" role="alert">
            {strings.uploadFailed(detail)}{' '}
            <button
              type="button"
              className="tc-pending__retry"
              aria-label={strings.retryUpload(name)}
              onClick={() => store.retry(item.key)}
            >
              {strings.retry}
            </button>
          </span>
        )}
      </span>
      <button
        type="button"
        className="tc-pending__remove"
        aria-label={strings.removeFile(name)}
        title={strings.removeFile(name)}
        onClick={() => store.remove(item.key)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
        </svg>
      </button>
    </li>
  );
}

/**
 * The files above the message field: thumbnail or type icon, middle-truncated name, size, progress, remove,
 * and per-file failure with retry; then, as an alert, the files the limits refused.
 */
export function PendingAttachments({ snapshot, store, locale, kit, dropTarget }: PendingAttachmentsProps) {
  const strings = uploadStrings(locale);
  const { items, refusals } = snapshot;
  return (
    <div className="tc-pending">
      {snapshot.dragging &&
        dropTarget &&
        createPortal(
          <div className="tc-dropzone" aria-hidden="true">
            {strings.dropFiles}
          </div>,
          dropTarget,
        )}
      {refusals.length > 0 && (
        <div className="tc-pending__refusals" role="alert">
          {refusals.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one batch's refusals never reorder
            <p key={i}>{refusalText(r, strings, locale, kit.displayNameOf)}</p>
          ))}
        </div>
      )}
      {items.length > 0 && (
        <ul className="tc-pending__list" aria-label={strings.attachmentsLabel}>
          {items.map((item) => (
            <Item key={item.key} item={item} store={store} strings={strings} locale={locale} kit={kit} />
          ))}
        </ul>
      )}
    </div>
  );
}
