import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TicketChatError } from '../client/errors.ts';
import type { Attachment } from '../client/types.ts';
import { ticketChatKeys } from './keys.ts';
import {
  addLocalMessage,
  discardLocal,
  LOCAL_KEY_PREFIX,
  markLocalAccepted,
  setLocalDelivery,
  type ThreadEntry,
} from './mergeThread.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import type { ThreadMessage } from './types.ts';

export interface UseSendMessageOptions {
  groupId?: string | undefined;
}

export interface SendMessageVariables {
  content: string;
  /** Uploaded attachments (their ids are sent; names show in the pending message). */
  attachments?: Attachment[] | undefined;
  /** Internal: the local message being retried. */
  localKey?: string | undefined;
}

/** The send mutation (status, error of the last send) plus the message-level actions. */
export type UseSendMessageResult = UseMutationResult<
  void,
  TicketChatError,
  SendMessageVariables,
  { localKey: string }
> & {
  /** Shows the message at once as 'sending' and sends it. */
  send: (content: string, attachments?: Attachment[]) => void;
  /** Sends a failed local message again (its key is `ThreadMessage.key`). */
  retry: (localKey: string) => void;
  /** Drops a failed local message the user gave up on. */
  discard: (localKey: string) => void;
};

let localCounter = 0;
/** Local keys must not collide with another tab's (the cache is shared across tabs). */
const TAB_TAG = Math.random().toString(36).slice(2, 8);

/**
 * Sends a message. It appears in the thread at once as a local message (`delivery: 'sending'`,
 * key `local:<n>.<tab>`); a failed send stays, marked `'failed'`, and `retry(key)` sends it again. A successful
 * send stays 'sending' until the server's copy arrives in a poll and replaces it (an immediate poll is
 * triggered), so the thread never shows it twice.
 */
export function useSendMessage(caseId: string, options: UseSendMessageOptions = {}): UseSendMessageResult {
  const { groupId } = options;
  const { client } = useTicketChatContext();
  const queryClient = useQueryClient();
  const threadKey = ticketChatKeys.thread(caseId, groupId);

  const mutation = useMutation<void, TicketChatError, SendMessageVariables, { localKey: string }>({
    mutationFn: ({ content, attachments }) =>
      client.sendMessage({
        caseId,
        content,
        ...(attachments?.length ? { attachmentIds: attachments.map((a) => a.id) } : {}),
        ...(groupId !== undefined ? { groupId } : {}),
      }),
    onMutate: ({ content, attachments = [], localKey }) => {
      if (localKey) {
        queryClient.setQueryData<ThreadEntry>(threadKey, (e) => setLocalDelivery(e, localKey, 'sending'));
        return { localKey };
      }
      const key = `${LOCAL_KEY_PREFIX}${++localCounter}.${TAB_TAG}`;
      const now = new Date();
      const local: ThreadMessage = {
        key,
        caseId,
        content,
        createdAt: now,
        createTime: '',
        replier: '',
        replierName: '',
        replierType: 0,
        type: 0,
        fromSupport: false,
        isFirstMessage: false,
        attachments,
        delivery: 'sending',
      };
      queryClient.setQueryData<ThreadEntry>(threadKey, (e) => addLocalMessage(e, local));
      return { localKey: key };
    },
    onError: (_error, _vars, context) => {
      if (context)
        queryClient.setQueryData<ThreadEntry>(threadKey, (e) =>
          setLocalDelivery(e, context.localKey, 'failed'),
        );
    },
    onSuccess: (_data, _vars, context) => {
      queryClient.setQueryData<ThreadEntry>(threadKey, (e) => markLocalAccepted(e, context.localKey));
      // Poll now so the server's copy replaces the local one quickly (cancels a poll already in flight,
      // which may have started before the message existed on the server).
      void queryClient.invalidateQueries({ queryKey: threadKey, exact: true });
    },
  });

  const { mutate } = mutation;
  const send = useCallback(
    (content: string, attachments?: Attachment[]) =>
      mutate(attachments ? { content, attachments } : { content }),
    [mutate],
  );
  const retry = useCallback(
    (localKey: string) => {
      const entry = queryClient.getQueryData<ThreadEntry>(threadKey);
      const failed = entry?.messages.find((m) => m.key === localKey && m.delivery === 'failed');
      if (!failed) return;
      mutate({ content: failed.content, attachments: failed.attachments, localKey });
    },
    [mutate, queryClient, threadKey],
  );
  /** Drops a failed local message the user gave up on. */
  const discard = useCallback(
    (localKey: string) => {
      queryClient.setQueryData<ThreadEntry>(threadKey, (e) => discardLocal(e, localKey));
    },
    [queryClient, threadKey],
  );
  return { ...mutation, send, retry, discard };
}
