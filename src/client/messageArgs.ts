/**
 * Each message method's arguments, checked and read by the method (in the lazily loaded message code: the
 * client's first load stays small; while that code cannot load, a call fails with `CODE_LOAD_FAILED`).
 */
import { MAX_SEND_CONTENT_LENGTH } from './model.ts';
import type { LoadOlderRequest, MarkReadRequest, PollMessagesRequest, SendMessageRequest } from './types.ts';
import {
  checkCaseIds,
  checkIds,
  checkLimit,
  checkPathId,
  checkString,
  groupOf,
  groupQuery,
} from './validate.ts';

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
