/**
 * Each message method's arguments, checked and read: called by the client before the method's code loads
 * (bad input is an `input` error even when that code cannot load) and by the method itself.
 */
import { MAX_SEND_CONTENT_LENGTH } from './model.ts';
import type { Query } from './request.ts';
import type { LoadOlderRequest, MarkReadRequest, PollMessagesRequest, SendMessageRequest } from './types.ts';
import { checkCaseIds, checkIds, checkLimit, checkOptional, checkPathId, checkString } from './validate.ts';

export const groupOf = (req: { groupId?: string | undefined }): string | undefined =>
  checkOptional(req.groupId, 'groupId');

export const groupQuery = (req: { groupId?: string | undefined }): Query => {
  const groupId = groupOf(req);
  return groupId === undefined ? [] : [['group_id', groupId]];
};

// The cursor is read with the polling code (splitCursor): it is only ever what a poll returned.
export const pollArgs = (req: PollMessagesRequest) => ({
  caseIds: checkCaseIds(req?.caseIds),
  group: groupQuery(req),
});

export const olderArgs = (req: LoadOlderRequest) => ({
  caseId: checkPathId(req?.caseId, 'caseId'),
  createTime: checkString(req.before?.createTime, 'before.createTime'),
  limit: checkLimit(req.limit),
  group: groupQuery(req),
});

export const sendArgs = (req: SendMessageRequest) => ({
  caseId: checkPathId(req?.caseId, 'caseId'),
  content: checkString(req.content, 'content', MAX_SEND_CONTENT_LENGTH),
  groupId: groupOf(req),
  ids: req.attachmentIds === undefined ? undefined : checkIds(req.attachmentIds, 'attachmentIds'),
});

export const markReadArgs = (req: MarkReadRequest) => ({
  caseId: checkPathId(req?.caseId, 'caseId'),
  groupId: groupOf(req),
});
