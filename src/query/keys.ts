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
};

export type ThreadQueryKey = ReturnType<typeof ticketChatKeys.thread>;
export type UnreadQueryKey = ReturnType<typeof ticketChatKeys.unread>;
