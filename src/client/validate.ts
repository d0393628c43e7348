/**
 * Argument checks that run before any request: a failure is a programming error, so the message names the
 * argument ("caseIds[2]: longer than 64 characters").
 */
import { TicketChatError } from './errors.ts';
import type { Query } from './request.ts';

export const inputError = (name: string, problem: string): TicketChatError =>
  new TicketChatError('input', `${name}: ${problem}`);

/** A non-empty string of at most `max` characters (ids by default). */
export function checkString(value: unknown, name: string, max = 64): string {
  if (typeof value !== 'string') throw inputError(name, 'not a string');
  if (value === '') throw inputError(name, 'empty');
  if (value.length > max) throw inputError(name, `longer than ${max} characters`);
  return value;
}

/** An optional id; "" counts as absent. */
export const checkOptional = (value: unknown, name: string): string | undefined =>
  value == null || value === '' ? undefined : checkString(value, name);

/** A list of ids, each checked and named by index. */
export function checkIds(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) throw inputError(name, 'not an array');
  return value.map((id, i) => checkString(id, `${name}[${i}]`));
}

/** A non-empty list of case ids, de-duplicated (order kept). Over 100 is fine: we split. */
export function checkCaseIds(value: unknown): string[] {
  const ids = checkIds(value, 'caseIds');
  if (ids.length === 0) throw inputError('caseIds', 'empty');
  return [...new Set(ids)];
}

/**
 * An id that goes into a URL path. "." and ".." are refused: URL parsing collapses them (even
 * encoded as %2E), so the request would reach a different resource.
 */
export function checkPathId(value: unknown, name: string): string {
  const id = checkString(value, name);
  if (id === '.' || id === '..') throw inputError(name, '"." or ".."');
  return id;
}

/** The case id's problem as an `input` error, or null: the checks the client runs, without throwing. */
export function caseIdProblem(caseId: unknown): TicketChatError | null {
  try {
    checkPathId(caseId, 'caseId');
    return null;
  } catch (e) {
    return e as TicketChatError;
  }
}

/** 1..100, default 50. */
export function checkLimit(value: unknown): number {
  if (value === undefined) return 50;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 100) return value;
  throw inputError('limit', 'not an integer in 1..100');
}

export const groupOf = (req: { groupId?: string | undefined }): string | undefined =>
  checkOptional(req.groupId, 'groupId');

export const groupQuery = (req: { groupId?: string | undefined }): Query => {
  const groupId = groupOf(req);
  return groupId === undefined ? [] : [['group_id', groupId]];
};
