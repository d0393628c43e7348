/**
 * Query-key factory. Every key starts with 'ticket-chat' so `invalidateQueries({ queryKey: ticketChatKeys.all })`
 * reaches everything; `groupId` is normalised to null so "no group" has exactly one key.
 */
export const ticketChatKeys = {
  all: ['ticket-chat'] as const,
  threads: () => [...ticketChatKeys.all, 'thread'] as const,
  thread: (caseId: string, groupId?: string) =>
    [...ticketChatKeys.threads(), caseId, groupId ?? null] as const,
  unreads: (groupId?: string) => [...ticketChatKeys.all, 'unread', groupId ?? null] as const,
  unread: (caseId: string, groupId?: string) => [...ticketChatKeys.unreads(groupId), caseId] as const,
  /** The group's batch query (the one unread request per interval). */
  unreadBatch: (groupId?: string) => [...ticketChatKeys.all, 'unread-batch', groupId ?? null] as const,
};

/** Whether a query key is one of ticket-chat's (a portal may share its QueryClient with the provider). */
export const isTicketChatKey = (queryKey: readonly unknown[]): boolean =>
  queryKey[0] === ticketChatKeys.all[0];

/** Whether a query key is a thread's. */
export const isThreadKey = (queryKey: readonly unknown[]): boolean =>
  isTicketChatKey(queryKey) && queryKey[1] === ticketChatKeys.threads()[1];

export type ThreadQueryKey = ReturnType<typeof ticketChatKeys.thread>;
export type UnreadQueryKey = ReturnType<typeof ticketChatKeys.unread>;
