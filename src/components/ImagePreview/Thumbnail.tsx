import { type ComponentType, type ReactNode, useRef, useState } from 'react';
import type { Attachment } from '../../client/types.ts';
import type { ThreadMessage } from '../../query/types.ts';
import type { ImagePreviews } from './ImageAttachment.tsx';
import { useImageSource } from './imageSource.ts';
import type { LightboxProps } from './Lightbox.tsx';
import { previewStrings } from './previewStrings.ts';

// The lightbox loads on the first open.
let lightbox: Promise<ComponentType<LightboxProps>> | undefined;

/** A fixed-size thumbnail (the row never changes height as it loads) that opens the message's images. */
export default function Thumbnail({
  attachment,
  message,
  chip,
  previews,
}: {
  attachment: Attachment;
  message: ThreadMessage;
  chip: ReactNode;
  previews: ImagePreviews;
}) {
  const { kit } = previews;
  const strings = previewStrings(previews.locale);
  const name = kit.displayNameOf(attachment.name);
  const { src, failed, onBroken } = useImageSource(previews, attachment, message.caseId);
  const [Lightbox, setLightbox] = useState<ComponentType<LightboxProps> | null>(null);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement | null>(null);
  if (failed) return chip;
  const images = message.attachments.filter((a) => kit.fileKindOf(kit.displayNameOf(a.name)) === 'image');
  const show = () => {
    lightbox ??= import('./Lightbox.tsx').then((m) => m.Lightbox);
    lightbox.then(
      (component) => {
        setLightbox(() => component);
        setOpen(true);
      },
      () => {
        lightbox = undefined;
      },
    );
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="tc-thumb"
        data-loading={src ? undefined : ''}
        aria-label={strings.openImage(name)}
        title={name}
        onClick={show}
      >
        {src && (
          // biome-ignore lint/a11y/noNoninteractiveElementInteractions: onError is no interaction (a broken signed URL)
          <img src={src} alt={name} onError={onBroken} decoding="async" />
        )}
      </button>
      {open && Lightbox && (
        <Lightbox
          images={images}
          start={Math.max(0, images.indexOf(attachment))}
          caseId={message.caseId}
          previews={previews}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </>
  );
}
