import { createContext, lazy, type ReactNode, Suspense, useContext } from 'react';
import type { Attachment, TicketChatClient } from '../../client/types.ts';
import type { ThreadMessage } from '../../query/types.ts';
import type { TicketChatLocale } from '../i18n/locale.ts';
import { SHARED_KIT, type SharedKit } from '../shared/kit.ts';

/** What image previews fetch with; provided by `TicketChat`. Without it images show as file chips. */
export interface ImagePreviews {
  client: Pick<TicketChatClient, 'attachmentUrl' | 'downloadAttachment'>;
  groupId?: string | undefined;
  kit: SharedKit;
  locale: TicketChatLocale;
}

export const ImagePreviewContext = createContext<ImagePreviews | null>(null);

/** The previews value for a client: memoize it (a new object re-renders every thumbnail). */
export const imagePreviews = (
  client: ImagePreviews['client'],
  groupId: string | undefined,
  locale: TicketChatLocale,
): ImagePreviews => ({ client, groupId, kit: SHARED_KIT, locale });

// The thumbnail (and behind it the lightbox) loads with the first image a thread shows.
const Thumbnail = lazy(() => import('./Thumbnail.tsx'));

/**
 * An image attachment (by its file type) as a thumbnail that opens a lightbox, where previews are provided;
 * anything else, or an image that cannot be loaded, as `chip`.
 */
export function ImageAttachment(props: { attachment: Attachment; message: ThreadMessage; chip: ReactNode }) {
  const previews = useContext(ImagePreviewContext);
  const { name } = props.attachment;
  if (!previews || SHARED_KIT.fileKindOf(SHARED_KIT.displayNameOf(name)) !== 'image') return props.chip;
  return (
    <Suspense fallback={<span className="tc-thumb" data-loading="" />}>
      <Thumbnail {...props} previews={previews} />
    </Suspense>
  );
}
