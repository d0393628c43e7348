import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../client/types.ts';
import type { ImagePreviews } from './ImageAttachment.tsx';
import { useImageSource } from './imageSource.ts';
import { previewStrings } from './previewStrings.ts';

export interface LightboxProps {
  /** The message's images, in order. */
  images: readonly Attachment[];
  start: number;
  caseId: string;
  previews: ImagePreviews;
  /** Closed by Esc, the close button or a click outside the image; the opener takes focus back. */
  onClose: () => void;
}

function Picture({
  attachment,
  caseId,
  previews,
}: Omit<LightboxProps, 'images' | 'start' | 'onClose'> & {
  attachment: Attachment;
}) {
  const name = previews.kit.displayNameOf(attachment.name);
  const { src, failed, onBroken } = useImageSource(previews, attachment, caseId);
  if (failed) return <p className="tc-lightbox__failed">{previewStrings(previews.locale).loadFailed}</p>;
  return src ? (
    // biome-ignore lint/a11y/noNoninteractiveElementInteractions: onError is no interaction (a broken signed URL)
    <img className="tc-lightbox__image" src={src} alt={name} onError={onBroken} />
  ) : (
    <span className="tc-lightbox__image" data-loading="" />
  );
}

/**
 * A modal `<dialog>` (the browser traps focus and makes the page inert): the image at full size, its name,
 * "2 of 3", previous/next (also ←/→), close (also Esc).
 */
export function Lightbox({ images, start, caseId, previews, onClose }: LightboxProps) {
  const strings = previewStrings(previews.locale);
  const [index, setIndex] = useState(start);
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  // Closed before the owner is told, so focus can go back to the opener (the page is inert while it is open).
  const close = () => {
    dialogRef.current?.close();
    onClose();
  };
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Esc: the dialog's own cancel; closing it is left to the owner, which unmounts it and restores focus.
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
    };
  }, []);
  const count = images.length;
  const move = (step: number) => setIndex((i) => (i + step + count) % count);
  const onKeyDown = (event: KeyboardEvent) => {
    if (count < 2 || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
    event.preventDefault();
    // In a right-to-left page the left arrow points forward.
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    move((event.key === 'ArrowRight') !== rtl ? 1 : -1);
  };
  const attachment = images[index] ?? images[0];
  if (!attachment) return null;
  const name = previews.kit.displayNameOf(attachment.name);
  return (
    <dialog
      ref={dialogRef}
      className="tc-lightbox"
      aria-label={name}
      onKeyDown={onKeyDown}
      onClick={(event) => event.target === event.currentTarget && close()}
    >
      <div className="tc-lightbox__bar">
        <bdi className="tc-lightbox__name">{name}</bdi>
        {count > 1 && <span className="tc-lightbox__position">{strings.position(index + 1, count)}</span>}
        <button type="button" className="tc-lightbox__button" onClick={close}>
          {strings.close}
        </button>
      </div>
      <div className="tc-lightbox__stage">
        <Picture key={attachment.id + index} attachment={attachment} caseId={caseId} previews={previews} />
      </div>
      {count > 1 && (
        <div className="tc-lightbox__nav">
          <button type="button" className="tc-lightbox__button" onClick={() => move(-1)}>
            {strings.previous}
          </button>
          <button type="button" className="tc-lightbox__button" onClick={() => move(1)}>
            {strings.next}
          </button>
        </div>
      )}
    </dialog>
  );
}
