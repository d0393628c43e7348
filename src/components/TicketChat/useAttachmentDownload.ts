import { useCallback, useEffect, useRef, useState } from 'react';
import type { TicketChatError } from '../../client/errors.ts';
import type { Attachment } from '../../client/types.ts';
import { useTicketChatClient } from '../../query/TicketChatProvider.tsx';

/** How long the object URL outlives the click: the browser reads it asynchronously to start the download. */
const REVOKE_AFTER_MS = 1000;

export interface AttachmentDownloadState {
  /** Ids of attachments being fetched. */
  busyIds: readonly string[];
  /** The last failed download (cleared by the next attempt or `dismiss`). */
  failure: { attachment: Attachment; error: unknown } | null;
  download: (attachment: Attachment) => void;
  dismiss: () => void;
}

/**
 * Downloads an attachment WITH the auth token (a plain link could not send the header): fetch as a Blob,
 * hand it to a temporary `<a download>` through an object URL, then revoke the URL.
 */
export function useAttachmentDownload(groupId?: string): AttachmentDownloadState {
  const client = useTicketChatClient();
  const [busyIds, setBusyIds] = useState<readonly string[]>([]);
  const [failure, setFailure] = useState<AttachmentDownloadState['failure']>(null);
  const controllers = useRef(new Set<AbortController>());
  const inProgress = useRef(new Set<string>());

  useEffect(() => {
    const live = controllers.current;
    return () => {
      for (const c of live) c.abort();
      live.clear();
    };
  }, []);

  const download = useCallback(
    (attachment: Attachment) => {
      // A second click while the first download runs does nothing.
      if (inProgress.current.has(attachment.id)) return;
      inProgress.current.add(attachment.id);
      setBusyIds([...inProgress.current]);
      setFailure(null);
      const controller = new AbortController();
      controllers.current.add(controller);
      client
        .downloadAttachment({
          attachmentId: attachment.id,
          ...(groupId !== undefined ? { groupId } : {}),
          signal: controller.signal,
        })
        .then((blob) => {
          if (controller.signal.aborted) return;
          saveBlob(blob, attachment.name);
        })
        .catch((error: TicketChatError | unknown) => {
          if (!controller.signal.aborted) setFailure({ attachment, error });
        })
        .finally(() => {
          controllers.current.delete(controller);
          inProgress.current.delete(attachment.id);
          if (!controller.signal.aborted) setBusyIds([...inProgress.current]);
        });
    },
    [client, groupId],
  );
  const dismiss = useCallback(() => setFailure(null), []);
  return { busyIds, failure, download, dismiss };
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
