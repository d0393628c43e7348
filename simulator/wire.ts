/** Request validation and the wire form of messages, shared by the handlers. */
import { HttpResponse } from 'msw';
import { errorBody } from './faults.ts';
import { formatWallClock, parseTimeZone, type TimeZoneSpec } from './timeZone.ts';
import type { ServiceModel, SimMessage } from './types.ts';

export const DEFAULT_TIME_ZONE = 'GMT+8';
export const MAX_CASE_IDS = 100;
export const MAX_ID_LENGTH = 64;
export const MAX_CONTENT_LENGTH = 2000;

/** Thrown by validators; the route answers 400 OSM.0001 with this message. */
export class BadRequest extends Error {}

export function badRequest(message: string): Response {
  return HttpResponse.json(errorBody('OSM.0001', message), { status: 400 });
}

/** 401 for a missing, unknown or expired token. The message never contains the token. */
export function checkToken(model: ServiceModel, request: Request): Response | undefined {
  const token = request.headers.get('x-auth-token');
  if (token === null || token === '') {
    return HttpResponse.json(errorBody('OSM.0002', 'The X-Auth-Token header is missing'), { status: 401 });
  }
  if (token.length > 5000 || !model.tokens.has(token)) {
    return HttpResponse.json(errorBody('OSM.0002', 'The token is invalid or has expired'), { status: 401 });
  }
  return undefined;
}

/** Validates X-Language and X-Time-Zone; returns the zone for `create_time`. */
export function readHeaders(request: Request): TimeZoneSpec {
  const language = request.headers.get('x-language');
  if (language !== null && (language.length < 1 || language.length > 32)) {
    throw new BadRequest('X-Language must be 1..32 characters');
  }
  const zoneText = request.headers.get('x-time-zone');
  if (zoneText !== null && (zoneText.length < 1 || zoneText.length > 32)) {
    throw new BadRequest('X-Time-Zone must be 1..32 characters');
  }
  const zone = parseTimeZone(zoneText ?? DEFAULT_TIME_ZONE);
  if (!zone) throw new BadRequest('X-Time-Zone is not a known time zone');
  return zone;
}

export function readId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_ID_LENGTH) {
    throw new BadRequest(`${what} must be 1..${MAX_ID_LENGTH} characters`);
  }
  return value;
}

/** `case_ids` as repeated query keys only (a comma-joined value is taken as one id). */
export function readCaseIds(url: URL): string[] {
  const ids = url.searchParams.getAll('case_ids');
  if (ids.length === 0) throw new BadRequest('case_ids is required');
  if (ids.length > MAX_CASE_IDS) throw new BadRequest(`case_ids allows at most ${MAX_CASE_IDS} ids`);
  for (const id of ids) readId(id, 'each case id');
  return [...new Set(ids)];
}

export function readOptionalString(url: URL, name: string, max: number): string | undefined {
  const value = url.searchParams.get(name);
  if (value !== null && value.length > max) throw new BadRequest(`${name} must be 0..${max} characters`);
  return value ?? undefined;
}

export function readGroupId(url: URL): void {
  readOptionalString(url, 'group_id', MAX_ID_LENGTH);
}

/** A decimal integer query parameter in [min, max]; `fallback` when absent (undefined = required). */
export function readInt(url: URL, name: string, min: number, max: number, fallback?: number): number {
  const text = url.searchParams.get(name);
  if (text === null) {
    if (fallback === undefined) throw new BadRequest(`${name} is required`);
    return fallback;
  }
  if (!/^\d{1,6}$/.test(text)) throw new BadRequest(`${name} must be an integer`);
  const value = Number(text);
  if (value < min || value > max) throw new BadRequest(`${name} must be ${min}..${max}`);
  return value;
}

/** The JSON body of a POST, `{}` when empty (if allowed). */
export async function readJsonBody(request: Request, required: boolean): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') {
    if (required) throw new BadRequest('A JSON body is required');
    return {};
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequest('The body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequest('The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

export function readBodyGroupId(body: Record<string, unknown>): void {
  const groupId = body.group_id;
  if (groupId === undefined || groupId === null) return;
  if (typeof groupId !== 'string' || groupId.length > MAX_ID_LENGTH) {
    throw new BadRequest(`group_id must be a string of 0..${MAX_ID_LENGTH} characters`);
  }
}

export type WireMessage = Record<string, unknown>;

/** QueryMessageInfoV2. Quirks mode drops `replier_type`, as in the documented example. */
export function toWire(message: SimMessage, zone: TimeZoneSpec, quirks: boolean): WireMessage {
  const wire: WireMessage = { type: message.type };
  if (!quirks) wire.replier_type = message.replierType;
  Object.assign(wire, {
    replier: message.replier,
    content: message.content,
    create_time: formatWallClock(message.at, zone),
    replier_name: message.replierName,
    is_first_message: message.isFirst ? 1 : 0,
    iam_user_type: 0,
    accessory_list: message.attachments.map((a) => ({ accessory_id: a.id, file_actual_name: a.name })),
  });
  return wire;
}

/** Success answer of the POST endpoints; quirks mode sends the error fields as nulls. */
export function okBody(quirks: boolean): Record<string, null> {
  return quirks ? { error_code: null, error_msg: null } : {};
}
