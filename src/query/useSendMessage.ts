import { hashKey, type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { CODE_LOAD_FAILED, type TicketChatError } from '../client/errors.ts';
import { sendContent } from '../client/model.ts';
import type { Attachment } from '../client/types.ts';
import { ticketChatKeys } from './keys.ts';
import { useTicketChatContext } from './TicketChatProvider.tsx';
import {
  emptyThread,
  LOCAL_KEY_PREFIX,
  type LocalMessage,
  type SendFailure,
  type ThreadEntry,
} from './threadEntry.ts';

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
  /**
   * Shows the message at once as 'sending' and sends it. With attachments and no text, the content is their
   * names (`📎 a.png, b.log`, the service requires content).
   */
  send: (content: string, attachments?: Attachment[]) => void;
  /** Sends a failed local message again (its key is `ThreadMessage.key`). */
  retry: (localKey: string) => void;
  /** Drops a failed local message the user gave up on. */
  discard: (localKey: string) => void;
};

// The reducers of this browser's own sends on a thread entry (threadEntry.ts has the entry and the poll and
// older-page merges). Here, beside their one user, so a page's first load, which merges polls, does not
// carry them. Each returns the SAME entry when nothing changed.

/**
 * A new local message, shown at once as sending (it goes last: it was written just now). The messages
 * written before it are never sent again by themselves: that would put them after it.
 */
export function addLocal(entry: ThreadEntry | undefined, message: LocalMessage): ThreadEntry {
  const prev = entry ?? emptyThread();
  return {
    ...prev,
    local: prev.local.map((p): LocalMessage => ({ ...p, autoResent: true })).concat(message),
  };
}

/**
 * Sets the state of local message `key` (`null` drops it); the same entry when the key is gone (its
 * server copy settled it) or nothing changes.
 */
export function setLocalState(
  entry: ThreadEntry | undefined,
  key: string,
  state: LocalMessage['state'] | null,
  now: number,
  failure?: SendFailure,
): ThreadEntry | undefined {
  const current = entry?.local.find((p) => p.key === key);
  if (!entry || !current || (current.state === state && failure === undefined)) return entry;
  return {
    ...entry,
    local:
      state === null
        ? entry.local.filter((p) => p !== current)
        : entry.local.map((p) =>
            p === current
              ? // A new attempt forgets the last failure; a failure (or a check) records it.
                {
                  ...p,
                  state,
                  since: now,
                  misses: 0,
                  failure: state === 'sending' ? undefined : (failure ?? p.failure),
                }
              : p,
          ),
  };
}

/**
 * The failed message safe to send again by itself at `now`, if any: the newest (addLocal marks the ones
 * before a new message), its answer proved it not stored and the service's Retry-After has passed. Marked
 * as resent in the entry returned (so no other caller, and no later poll, resends it again); resending is
 * the caller's.
 */
export function takeAutoResend(
  entry: ThreadEntry | undefined,
  now: number,
): { entry: ThreadEntry | undefined; resend?: LocalMessage } {
  const last = entry?.local[entry.local.length - 1];
  return entry &&
    last?.state === 'failed' &&
    last.failure?.resendable &&
    !last.autoResent &&
    now >= last.since + (last.failure.retryAfterMs ?? 0)
    ? {
        entry: { ...entry, local: entry.local.map((p) => (p === last ? { ...p, autoResent: true } : p)) },
        resend: last,
      }
    : { entry };
}

let localCounter = 0;
/** Local keys must not collide with another tab's. */
const TAB_TAG = Math.random().toString(36).slice(2, 8);

/** What the user is told about a failed send: the service's own words only for an `api` answer. */
export function sendFailureOf(error: TicketChatError): SendFailure {
  // Network or timeout: it may have reached the service, the next poll decides. Unless the library's code
  // did not load: nothing left this page, so it is safe to send again by itself.
  if (error.kind === 'network' || error.kind === 'timeout')
    return { reason: 'offline', resendable: error.code === CODE_LOAD_FAILED || undefined };
  // A 429/503 or a throttling answer is a refusal before storing; another 5xx may have stored it.
  const refusedBusy =
    error.status === 429 || error.status === 503 || (error.kind === 'api' && error.retryable);
  if (refusedBusy) return { reason: 'busy', resendable: true, retryAfterMs: error.retryAfterMs };
  if (error.retryable) return { reason: 'busy' };
  return error.kind === 'api' ? { reason: 'refused', detail: error.message } : { reason: 'refused' };
}

/**
 * Sends a message. It appears in the thread at once (`delivery: 'sending'`, key `local:<n>.<tab>`). An
 * accepted POST shows it as sent until the server's copy replaces it (a poll is triggered at once; a copy
 * the service changed still settles it, see threadEntry.ts). A failure whose outcome is unknown (network,
 * timeout) shows 'checking' until the next poll says whether it arrived; a failure known not to have
 * arrived (or a check that found nothing) is 'failed', and `retry(key)` sends it again.
 */
export function useSendMessage(caseId: string, options: UseSendMessageOptions = {}): UseSendMessageResult {
  const { groupId } = options;
  const { client } = useTicketChatContext();
  const queryClient = useQueryClient();
  const threadKey = ticketChatKeys.thread(caseId, groupId);
  const setState = useCallback(
    (key: string, state: Parameters<typeof setLocalState>[2], failure?: SendFailure) =>
      queryClient.setQueryData<ThreadEntry>(threadKey, (e) =>
        setLocalState(e, key, state, Date.now(), failure),
      ),
    [queryClient, threadKey],
  );
  // A poll that starts now (one in flight may have left before the message existed: it is cancelled).
  const pollNow = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: threadKey, exact: true }),
    [queryClient, threadKey],
  );

  const mutation = useMutation<void, TicketChatError, SendMessageVariables, { localKey: string }>({
    mutationFn: ({ content, attachments }) =>
      client.sendMessage({
        caseId,
        content,
        ...(attachments?.length ? { attachmentIds: attachments.map((a) => a.id) } : {}),
        groupId,
      }),
    onMutate: ({ content, attachments = [], localKey }) => {
      if (localKey) {
        setState(localKey, 'sending');
        return { localKey };
      }
      const key = `${LOCAL_KEY_PREFIX}${++localCounter}.${TAB_TAG}`;
      const now = Date.now();
      queryClient.setQueryData<ThreadEntry>(threadKey, (e) =>
        addLocal(e, {
          key,
          caseId,
          content,
          attachments,
          sentAt: now,
          state: 'sending',
          since: now,
          misses: 0,
        }),
      );
      return { localKey: key };
    },
    onError: (error, _vars, context) => {
      if (!context) return;
      // Kept through 'checking': a check that finds nothing still says why.
      const failure = sendFailureOf(error);
      // Outcome unknown: 'checking' until the next poll says whether it arrived.
      if (failure.reason === 'offline' && !failure.resendable) {
        setState(context.localKey, 'checking', failure);
        pollNow();
      } else setState(context.localKey, 'failed', failure);
    },
    onSuccess: (_data, _vars, context) => {
      setState(context.localKey, 'accepted');
      pollNow();
    },
  });

  const { mutate } = mutation;
  // Once a poll succeeds again, a failed send whose answer proved it was not stored is sent again, once,
  // after the service's Retry-After and only while nothing was written after it.
  // Taking it from the entry marks it in the same update, so a second hook on the thread skips it.
  const threadHash = hashKey(threadKey);
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        // A poll's answer, not a setQueryData (those are `manual`: the send's own state changes).
        if (event.type !== 'updated' || event.action.type !== 'success' || event.action.manual) return;
        if (event.query.queryHash !== threadHash) return;
        const key = event.query.queryKey;
        const { entry, resend } = takeAutoResend(queryClient.getQueryData<ThreadEntry>(key), Date.now());
        if (!resend) return;
        queryClient.setQueryData(key, entry);
        mutate({ content: resend.content, attachments: resend.attachments, localKey: resend.key });
      }),
    [queryClient, threadHash, mutate],
  );
  const send = useCallback(
    (content: string, attachments?: Attachment[]) =>
      mutate(attachments ? { content: sendContent(content, attachments), attachments } : { content }),
    [mutate],
  );
  const retry = useCallback(
    (localKey: string) => {
      const entry = queryClient.getQueryData<ThreadEntry>(threadKey);
      const failed = entry?.local.find((m) => m.key === localKey && m.state === 'failed');
      if (!failed) return;
      mutate({ content: failed.content, attachments: failed.attachments, localKey });
    },
    [mutate, queryClient, threadKey],
  );
  const discard = useCallback(
    (localKey: string) => {
      queryClient.setQueryData<ThreadEntry>(threadKey, (e) =>
        e?.local.some((m) => m.key === localKey && m.state === 'failed')
          ? setLocalState(e, localKey, null, Date.now())
          : e,
      );
    },
    [queryClient, threadKey],
  );
  return { ...mutation, send, retry, discard };
}
