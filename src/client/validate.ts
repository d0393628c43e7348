/** Argument checks that run before any request: a failure is a programming error, named precisely. */
import { TicketChatError } from './errors.ts';

export const MAX_ID = 64;
export const MAX_CONTENT = 2000;

export function inputError(message: string): TicketChatError {
  return new TicketChatError('input', message);
}

/** A string of min..max characters. */
export function checkString(value: unknown, name: string, min: number, max: number): string {
  if (typeof value !== 'string') throw inputError(`${name} must be a string`);
  if (value.length < min || value.length > max) {
    throw inputError(
      min > 0 && value.length === 0
        ? `${name} must not be empty`
        : `${name} must be ${min}..${max} characters`,
    );
  }
  return value;
}

/** An optional string of 0..max characters; "" counts as absent. */
export function checkOptional(value: unknown, name: string, max = MAX_ID): string | undefined {
  if (value === undefined || value === null) return undefined;
  return checkString(value, name, 0, max) || undefined;
}

/** A non-empty list of 1..64-character ids, de-duplicated (order kept). Over 100 is fine: we split. */
export function checkCaseIds(value: unknown): string[] {
  if (!Array.isArray(value)) throw inputError('caseIds must be an array of case ids');
  if (value.length === 0) throw inputError('caseIds must not be empty');
  value.forEach((id, i) => {
    checkString(id, `caseIds[${i}]`, 1, MAX_ID);
  });
  return [...new Set(value as string[])];
}

/**
 * An id that goes into a URL path. "." and ".." are refused: URL parsing collapses them (even encoded
 * as %2E), so the request would reach a different resource.
 */
export function checkPathId(value: unknown, name: string): string {
  const id = checkString(value, name, 1, MAX_ID);
  if (id === '.' || id === '..') throw inputError(`${name} must not be "." or ".."`);
  return id;
}

export function checkLimit(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
    throw inputError('limit must be an integer in 1..100');
  }
  return value;
}
