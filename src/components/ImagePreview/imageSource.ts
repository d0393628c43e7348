import { useEffect, useState } from 'react';
import type { Attachment } from '../../client/types.ts';
import type { ImagePreviews } from './ImageAttachment.tsx';

/**
 * The `src` of an image attachment: the service's signed URL when it gives one, else the file fetched with
 * the token as a Blob behind an object URL (revoked when the image goes). The token never lands in a URL or
 * the DOM. `onBroken`: the signed URL did not load as an image (expired, blocked); the Blob is tried instead.
 */
export function useImageSource(
  previews: ImagePreviews,
  attachment: Attachment,
  caseId: string,
): { src: string | null; failed: boolean; onBroken: () => void } {
  const [src, setSrc] = useState<string | null>(null);
  const [blobOnly, setBlobOnly] = useState(false);
  const [failed, setFailed] = useState(false);
  const { client, groupId } = previews;
  const { id } = attachment;
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let objectUrl: string | undefined;
    const blob = () =>
      client.downloadAttachment({ attachmentId: id, groupId, signal }).then((file) => {
        objectUrl = URL.createObjectURL(file);
        return objectUrl;
      });
    (blobOnly ? blob() : client.attachmentUrl({ attachmentId: id, caseId, signal }).catch(blob)).then(
      (url) => signal.aborted || setSrc(url),
      () => signal.aborted || setFailed(true),
    );
    return () => {
      controller.abort();
      // A download that finished as the image went still gets its URL revoked.
      queueMicrotask(() => objectUrl && URL.revokeObjectURL(objectUrl));
    };
  }, [client, groupId, id, caseId, blobOnly]);
  const onBroken = () => {
    if (blobOnly || src?.startsWith('blob:')) setFailed(true);
    else {
      setSrc(null);
      setBlobOnly(true);
    }
  };
  return { src, failed, onBroken };
}
