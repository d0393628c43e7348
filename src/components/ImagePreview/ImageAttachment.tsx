import { createContext, lazy, type ReactNode, Suspense, useContext, useState } from 'react';
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

type ThumbnailComponent = typeof import('./Thumbnail.tsx').default;
// The thumbnail (and behind it the lightbox) loads with the first image a thread shows, or on a server with
// the chat's chunk (preloadThumbnail): renderToString cannot wait for a lazy component.
let loadedThumbnail: ThumbnailComponent | undefined;
let loadingThumbnail: Promise<{ default: ThumbnailComponent }> | undefined;
/** Loads the thumbnail's chunk (at once when loaded); a failed load may be tried again. */
export function preloadThumbnail(): Promise<{ default: ThumbnailComponent }> {
  loadingThumbnail ??= import('./Thumbnail.tsx').then(
    (module) => {
      loadedThumbnail = module.default;
      return module;
    },
    (error: unknown) => {
      loadingThumbnail = undefined;
      throw error;
    },
  );
  return loadingThumbnail;
}
const LazyThumbnail = lazy(preloadThumbnail);

/**
 * An image attachment (by its file type) as a thumbnail that opens a lightbox, where previews are provided;
 * anything else, or an image that cannot be loaded, as `chip`.
 */
export function ImageAttachment(props: { attachment: Attachment; message: ThreadMessage; chip: ReactNode }) {
  const previews = useContext(ImagePreviewContext);
  // Chosen once per image: the loaded component renders synchronously (a server's HTML holds it), the
  // lazy one suspends until its chunk is there (hydration keeps the server's HTML meanwhile).
  const [Thumbnail] = useState(() => loadedThumbnail ?? LazyThumbnail);
  const { name } = props.attachment;
  if (!previews || SHARED_KIT.fileKindOf(SHARED_KIT.displayNameOf(name)) !== 'image') return props.chip;
  return (
    <Suspense fallback={<span className="tc-thumb" data-loading="" />}>
      <Thumbnail {...props} previews={previews} />
    </Suspense>
  );
}
