import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../client/types.ts';
import { useTicketChatClient } from '../../query/TicketChatProvider.tsx';

export interface AttachmentDownloadState {
  /** Ids of attachments being fetched. */
  busyIds: readonly string[];
  /** The attachment of the last failed download (cleared by the next attempt). */
  failed: Attachment | null;
  /** The attachment last handed to the browser (for a polite "Downloaded …"); cleared by the next attempt. */
  done: Attachment | null;
  /** Hides the failed-download alert. */
  dismissFailed: () => void;
  download: (attachment: Attachment) => void;
}

/**
 * Downloads an attachment WITH the auth token (a plain link could not send the header): fetch as a Blob,
 * hand it to a temporary `<a download>` through an object URL, then revoke the URL.
 */
export function useAttachmentDownload(groupId?: string): AttachmentDownloadState {
  const client = useTicketChatClient();
  const [busyIds, setBusyIds] = useState<readonly string[]>([]);
  const [failed, setFailed] = useState<Attachment | null>(null);
  const [done, setDone] = useState<Attachment | null>(null);
  const dismissFailed = useCallback(() => setFailed(null), []);
  // Downloads in flight by attachment id; all aborted on unmount.
  const running = useRef(new Map<string, AbortController>()).current;
  useEffect(
    () => () => {
      for (const c of running.values()) c.abort();
      running.clear();
    },
    [running],
  );

  const download = useCallback(
    (attachment: Attachment) => {
      const { id, name } = attachment;
      // A second click while the first download runs does nothing.
      if (running.has(id)) return;
      const controller = new AbortController();
      const { signal } = controller;
      running.set(id, controller);
      setBusyIds([...running.keys()]);
      setFailed(null);
      setDone(null);
      client
        .downloadAttachment({ attachmentId: id, groupId, signal })
        .then((blob) => {
          if (signal.aborted) return;
          const url = URL.createObjectURL(blob);
          const link = document.createElement('a');
          link.href = url;
          link.download = name;
          link.rel = 'noopener';
          link.hidden = true;
          document.body.append(link);
          try {
            link.click();
            setDone(attachment);
          } finally {
            link.remove();
            // The browser reads the URL asynchronously to start the download.
            setTimeout(() => URL.revokeObjectURL(url), 1000);
          }
        })
        .catch(() => signal.aborted || setFailed(attachment))
        .finally(() => {
          running.delete(id);
          if (!signal.aborted) setBusyIds([...running.keys()]);
        });
    },
    [client, groupId, running],
  );

  return { busyIds, failed, done, dismissFailed, download };
}
