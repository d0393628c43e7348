/** `createTicketChatClient`: validated arguments in, decoded data or a `TicketChatError` out. */
import { decode, olderBody, pollBody, unreadBody } from './decode.ts';
import { TicketChatError } from './errors.ts';
import { finishMessages, toMessage } from './messages.ts';
import { createRequester, type RequestSpec } from './request.ts';
import { type ResolvedTimeZone, resolveTimeZone } from './timeZone.ts';
import type {
  ChatStatus,
  Message,
  PollResult,
  TicketChatClient,
  TicketChatClientOptions,
  UnreadCount,
} from './types.ts';
import {
  checkCaseIds,
  checkLimit,
  checkOptional,
  checkPathId,
  checkString,
  inputError,
  MAX_CONTENT,
  MAX_ID,
} from './validate.ts';

/** The service accepts at most this many case ids per request. */
const CHUNK = 100;
const BASE = '/v2/servicerequest';

const seg = encodeURIComponent;

function chunks(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

/** The single id asked, if exactly one: the only honest owner of an answer entry whose incident_id is null. */
const soleId = (ids: string[]): string | undefined => (ids.length === 1 ? ids[0] : undefined);

/**
 * Cursor of an answer split over several requests: the OLDEST of the returned cursors, so no chunk skips a
 * message (the overlap it re-fetches is absorbed by key de-duplication). If any cursor is missing or is not
 * a decimal integer (so cannot be ordered), the request's own cursor is kept: safe, just not advanced.
 */
export function mergeCursors(cursors: (string | null)[], sent: string | null): string | null {
  if (cursors.length === 1) return cursors[0] ?? null;
  let oldest: bigint | undefined;
  for (const cursor of cursors) {
    if (cursor === null || !/^\d{1,64}$/.test(cursor)) return sent;
    const value = BigInt(cursor);
    if (oldest === undefined || value < oldest) oldest = value;
  }
  return oldest === undefined ? sent : String(oldest);
}

export function createTicketChatClient(options: TicketChatClientOptions): TicketChatClient {
  if (typeof options !== 'object' || options === null) throw inputError('options must be an object');
  const endpoint = checkString(options.endpoint, 'endpoint', 1, Number.POSITIVE_INFINITY);
  try {
    new URL(endpoint, (globalThis as { location?: { href: string } }).location?.href);
  } catch {
    throw inputError('endpoint must be an absolute URL, or a path when the page has a location');
  }
  const { token } = options;
  if (typeof token !== 'function') checkString(token, 'token', 1, 5000);
  const language = checkString(options.language ?? 'zh-cn', 'language', 1, 32);
  const timeZone = checkString(options.timeZone ?? 'GMT+8', 'timeZone', 1, 32);
  const resolved = resolveTimeZone(timeZone);
  if (!resolved) throw inputError(`timeZone "${timeZone}" is not a known time zone`);
  const zone: ResolvedTimeZone = resolved;
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0))
    throw inputError('timeoutMs must be a positive number');
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw inputError('fetch must be a function');

  const request = createRequester({ endpoint, token, language, timeZone, timeoutMs, fetch: options.fetch });

  const withGroup = (query: [string, string][], groupId: string | undefined): [string, string][] =>
    groupId === undefined ? query : [...query, ['group_id', groupId]];
  const idsQuery = (ids: string[]) => ids.map((id): [string, string] => ['case_ids', id]);
  const get = (path: string, query: [string, string][], signal: AbortSignal | undefined) =>
    request({ method: 'GET', path, query, signal, expect: 'json' } satisfies RequestSpec);

  async function listUnread(req: Parameters<TicketChatClient['listUnread']>[0]): Promise<UnreadCount[]> {
    const caseIds = checkCaseIds(req?.caseIds);
    const groupId = checkOptional(req.groupId, 'groupId');
    const answers = await Promise.all(
      chunks(caseIds).map(async (ids) => {
        const body = decode(
          unreadBody,
          await get(`${BASE}/cases/instant-messages/unread`, withGroup(idsQuery(ids), groupId), req.signal),
          'unread',
        );
        const counts: UnreadCount[] = [];
        for (const entry of body.imunread ?? []) {
          const caseId = entry.incident_id || soleId(ids);
          // Unattributable entry: nothing to show it on, so it is skipped (it cannot be guessed).
          if (caseId) counts.push({ caseId, unread: entry.unread_num ?? 0, status: entry.status ?? null });
        }
        return counts;
      }),
    );
    return answers.flat();
  }

  async function pollMessages(req: Parameters<TicketChatClient['pollMessages']>[0]): Promise<PollResult> {
    const caseIds = checkCaseIds(req?.caseIds);
    const cursor = checkOptional(req.cursor, 'cursor');
    const groupId = checkOptional(req.groupId, 'groupId');
    const answers = await Promise.all(
      chunks(caseIds).map(async (ids) => {
        const query = idsQuery(ids);
        if (cursor !== undefined) query.push(['last_message_time_id', cursor]);
        const body = decode(
          pollBody,
          await get(`${BASE}/cases/instant-messages`, withGroup(query, groupId), req.signal),
          'poll',
        );
        const statuses: ChatStatus[] = [];
        for (const entry of body.imstatus ?? []) {
          const caseId = entry.incident_id || soleId(ids);
          if (caseId) statuses.push({ caseId, status: entry.status ?? null });
        }
        const messages: Omit<Message, 'key'>[] = [];
        for (const group of body.immsg ?? []) {
          const list = group.message_list ?? [];
          const caseId = group.incident_id || soleId(ids);
          if (list.length === 0) continue;
          // Messages we cannot attribute would be lost silently: refuse the answer instead.
          if (!caseId)
            throw new TicketChatError('decode', 'Messages without a case id in a multi-case answer');
          for (const wire of list) messages.push(toMessage(wire, caseId, zone));
        }
        const next = body.last_message_time_id;
        return { statuses, messages, cursor: next === null || next === undefined ? null : String(next) };
      }),
    );
    return {
      statuses: answers.flatMap((a) => a.statuses),
      messages: finishMessages(answers.flatMap((a) => a.messages)),
      cursor: mergeCursors(
        answers.map((a) => a.cursor),
        cursor ?? null,
      ),
    };
  }

  return {
    language,
    timeZone,
    listUnread,
    pollMessages,

    async sendMessage(req) {
      const caseId = checkPathId(req?.caseId, 'caseId');
      const content = checkString(req.content, 'content', 1, MAX_CONTENT);
      const groupId = checkOptional(req.groupId, 'groupId');
      let ids: string[] | undefined;
      if (req.attachmentIds !== undefined) {
        if (!Array.isArray(req.attachmentIds)) throw inputError('attachmentIds must be an array');
        ids = req.attachmentIds.map((id, i) => checkString(id, `attachmentIds[${i}]`, 1, MAX_ID));
      }
      const message = ids?.length ? { content, accessory_ids: ids } : { content };
      const json = groupId === undefined ? { message } : { message, group_id: groupId };
      await request({
        method: 'POST',
        path: `${BASE}/cases/${seg(caseId)}/message`,
        json,
        signal: req.signal,
        expect: 'void',
      });
    },

    async markRead(req) {
      const caseId = checkPathId(req?.caseId, 'caseId');
      const groupId = checkOptional(req.groupId, 'groupId');
      const json = groupId === undefined ? {} : { group_id: groupId };
      const path = `${BASE}/cases/${seg(caseId)}/instant-messages/unread`;
      await request({ method: 'POST', path, json, signal: req.signal, expect: 'void' });
    },

    async downloadAttachment(req) {
      const id = checkPathId(req?.attachmentId, 'attachmentId');
      const groupId = checkOptional(req.groupId, 'groupId');
      const path = `${BASE}/accessorys/${seg(id)}`;
      return (await request({
        method: 'GET',
        path,
        query: withGroup([], groupId),
        signal: req.signal,
        expect: 'blob',
      })) as Blob;
    },

    async loadOlderMessages(req) {
      const caseId = checkPathId(req?.caseId, 'caseId');
      const createTime = checkString(req.before?.createTime, 'before.createTime', 1, MAX_ID);
      const limit = checkLimit(req.limit, 50);
      const groupId = checkOptional(req.groupId, 'groupId');
      // `type` is required by the server; a message that arrived without one is sent as 0 (customer).
      const type = req.before.type === 1 ? '1' : '0';
      const query: [string, string][] = [
        ['create_time', createTime],
        ['type', type],
        ['limit', String(limit)],
      ];
      const path = `${BASE}/cases/${seg(caseId)}/instant-messages/more`;
      const body = decode(
        olderBody,
        await get(path, withGroup(query, groupId), req.signal),
        'older messages',
      );
      return {
        messages: finishMessages((body.message_list ?? []).map((wire) => toMessage(wire, caseId, zone))),
        count: body.count ?? null,
      };
    },
  };
}
