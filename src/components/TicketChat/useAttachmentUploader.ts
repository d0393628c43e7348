import { useMemo } from 'react';
import { useTicketChatClient } from '../../query/TicketChatProvider.tsx';
import type { AttachmentUploader } from '../Composer/attachmentTypes.ts';
import { type ImagePreviews, imagePreviews } from '../ImagePreview/ImageAttachment.tsx';
import type { TicketChatLocale } from '../i18n/locale.ts';

/**
 * The chat's attachment plumbing from the provider's client: the composer's uploader and the thread's image
 * previews, both with the chat's group id.
 */
export function useAttachmentUploader(
  groupId: string | undefined,
  locale: TicketChatLocale,
): { uploader: AttachmentUploader; previews: ImagePreviews } {
  const client = useTicketChatClient();
  return useMemo(
    () => ({
      uploader: {
        upload: (req) => client.uploadAttachment({ ...req, groupId }),
        limits: () => client.attachmentLimits(),
      },
      previews: imagePreviews(client, groupId, locale),
    }),
    [client, groupId, locale],
  );
}
