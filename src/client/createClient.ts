/** `createTicketChatClient`: validated arguments in, decoded data or a `TicketChatError` out. */
import {
  type Decoder,
  decode,
  olderBody,
  pollBody,
  topLevelNumberText,
  unreadBody,
  type WireMessage,
} from './decode.ts';
import { TicketChatError } from './errors.ts';
import { finishMessages, toMessage } from './messages.ts';
import { MAX_SEND_CONTENT_LENGTH } from './model.ts';
import { createRequester, type Query } from './request.ts';
import { resolveTimeZone } from './timeZone.ts';
import type { ChatStatus, Message, TicketChatClient, TicketChatClientOptions, UnreadCount } from './types.ts';
import type { attachmentMethods } from './upload.ts';
import {
  checkCaseIds,
  checkIds,
  checkLimit,
  checkOptional,
  checkPathId,
  checkString,
  inputError,
} from './validate.ts';

/**
 * Polling more than 100 tickets takes one request per 100 ids, and each answer has its own cursor. Merging
 * them into one would re-deliver (the oldest) or skip (the newest) messages, so the cursor of a split poll
 * carries every chunk's cursor, in chunk order: `CHUNKED_CURSOR` + a JSON array. Pass it back with the same
 * case ids and each chunk continues exactly where its own answer ended.
 */
export const CHUNKED_CURSOR = 'ticket-chat/chunks:';

export function joinCursors(cursors: (string | null)[]): string | null {
  if (cursors.length === 1) return cursors[0] ?? null;
  return cursors.every((c) => c === null) ? null : CHUNKED_CURSOR + JSON.stringify(cursors);
}

/**
 * The cursor each of `chunks` requests sends. A chunked cursor that does not fit the chunks (the case ids
 * changed) falls back to none for every chunk: messages may come again, none is skipped. A cursor is the
 * service's own text and goes back exactly, whatever its length: only its type is checked.
 */
export function splitCursor(cursor: string | undefined, chunks: number): (string | undefined)[] {
  if (cursor === undefined || typeof cursor !== 'string' || !cursor.startsWith(CHUNKED_CURSOR)) {
    if (cursor !== undefined) checkCursor(cursor, 'cursor');
    return Array.from({ length: chunks }, () => cursor);
  }
  let parts: unknown;
  try {
    parts = JSON.parse(cursor.slice(CHUNKED_CURSOR.length));
  } catch {
    throw inputError('cursor', 'not a cursor this client returned');
  }
  if (!Array.isArray(parts) || parts.length !== chunks)
    return Array.from({ length: chunks }, () => undefined);
  return parts.map((part, i) =>
    part == null || part === '' ? undefined : checkCursor(part, `cursor[${i}]`),
  );
}

const checkCursor = (value: unknown, name: string) => checkString(value, name, Number.POSITIVE_INFINITY);

/** The service's limit of case ids per request. */
const chunksOf = (caseIds: string[]): string[][] => {
  const chunks: string[][] = [];
  for (let i = 0; i < caseIds.length; i += 100) chunks.push(caseIds.slice(i, i + 100));
  return chunks;
};

const groupOf = (req: { groupId?: string | undefined }): string | undefined =>
  checkOptional(req.groupId, 'groupId');
const groupQuery = (req: { groupId?: string | undefined }): Query => {
  const groupId = groupOf(req);
  return groupId === undefined ? [] : [['group_id', groupId]];
};
/** The path below /v2/servicerequest of one case, its id encoded. */
const casePath = (caseId: string, rest: string): string => `/cases/${encodeURIComponent(caseId)}/${rest}`;

export function createTicketChatClient(options: TicketChatClientOptions): TicketChatClient {
  if (typeof options !== 'object' || options === null) throw inputError('options', 'not an object');
  const endpoint = checkString(options.endpoint, 'endpoint', Number.POSITIVE_INFINITY);
  // A relative endpoint ("/osm") resolves against the page only when a request is made: on a server (SSR of a
  // 'use client' module) there is no page yet, so only what no base could make a URL is refused here.
  try {
    new URL(endpoint, 'http://base.invalid');
  } catch {
    throw inputError('endpoint', 'not a URL');
  }
  const { token, fetch } = options;
  if (typeof token !== 'function') checkString(token, 'token', 5000);
  const language = checkString(options.language ?? 'zh-cn', 'language', 32);
  const timeZone = checkString(options.timeZone ?? 'GMT+8', 'timeZone', 32);
  const zone = resolveTimeZone(timeZone);
  if (!zone) throw inputError('timeZone', `unknown zone "${timeZone}"`);
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0))
    throw inputError('timeoutMs', 'not a positive number');
  if (fetch !== undefined && typeof fetch !== 'function') throw inputError('fetch', 'not a function');

  const request = createRequester(endpoint, token, language, timeZone, timeoutMs, fetch);

  /**
   * GETs `path` once per 100 case ids (the service's limit) and reads each answer. `sole` is the single id
   * asked, if exactly one: the only honest owner of an answer entry whose incident_id is null.
   */
  async function perChunk<B, T>(
    caseIds: string[],
    path: string,
    query: (chunk: number) => Query,
    signal: AbortSignal | undefined,
    decoder: Decoder<B>,
    read: (body: B, sole: string | undefined, text: string) => T,
  ): Promise<T[]> {
    return Promise.all(
      chunksOf(caseIds).map(async (ids, chunk) => {
        const idsQuery = ids.map((id): [string, string] => ['case_ids', id]);
        const answer = await request('GET', path, [...idsQuery, ...query(chunk)], signal, 'text');
        const { body, text } = answer as { body: unknown; text: string };
        return read(decode(decoder, body), ids.length === 1 ? ids[0] : undefined, text);
      }),
    );
  }

  // Upload, limits and signed URLs load on first use; the limits answer is kept in this client's copy.
  let attachments: Promise<ReturnType<typeof attachmentMethods>> | undefined;
  const attachmentMethodsOnce = () =>
    (attachments ??= import('./upload.ts').then(
      (m) => m.attachmentMethods(request, { TicketChatError, checkString, checkOptional, checkPathId }),
      (cause: unknown) => {
        attachments = undefined;
        throw new TicketChatError('network', 'Could not load the attachment code', { cause });
      },
    ));

  const toMessages = (wires: WireMessage[], caseId: string) =>
    wires.map((wire) => toMessage(wire, caseId, zone));

  return {
    language,
    timeZone,

    async listUnread(req) {
      const caseIds = checkCaseIds(req?.caseIds);
      const query = groupQuery(req);
      const answers = await perChunk(
        caseIds,
        '/cases/instant-messages/unread',
        () => query,
        req.signal,
        unreadBody,
        (body, sole) => {
          const counts: UnreadCount[] = [];
          for (const { incident_id, unread_num: unread, status } of body.imunread) {
            const caseId = incident_id || sole;
            // Unattributable entry: nothing to show it on, so it is skipped (it cannot be guessed).
            if (caseId) counts.push({ caseId, unread, status });
          }
          return counts;
        },
      );
      return answers.flat();
    },

    async pollMessages(req) {
      const caseIds = checkCaseIds(req?.caseIds);
      const cursors = splitCursor(
        req.cursor == null || req.cursor === '' ? undefined : req.cursor,
        chunksOf(caseIds).length,
      );
      const group = groupQuery(req);
      const answers = await perChunk(
        caseIds,
        '/cases/instant-messages',
        (chunk) => {
          const cursor = cursors[chunk];
          return cursor === undefined ? group : [['last_message_time_id', cursor], ...group];
        },
        req.signal,
        pollBody,
        (body, sole, text) => {
          const statuses: ChatStatus[] = [];
          for (const { incident_id, status } of body.imstatus) {
            const caseId = incident_id || sole;
            if (caseId) statuses.push({ caseId, status });
          }
          const messages: Omit<Message, 'key'>[] = [];
          for (const { incident_id, message_list: wires } of body.immsg) {
            const caseId = incident_id || sole;
            if (!wires.length) continue;
            // Messages we cannot attribute would be lost silently: refuse the answer instead.
            if (!caseId) throw new TicketChatError('decode', 'Messages without a case id');
            messages.push(...toMessages(wires, caseId));
          }
          const next = body.last_message_time_id;
          // A number is sent back as its source text: JSON.parse rounds integers above 2^53.
          const cursor =
            typeof next === 'number'
              ? (topLevelNumberText(text, 'last_message_time_id') ?? String(next))
              : (next ?? null);
          return { statuses, messages, cursor };
        },
      );
      return {
        statuses: answers.flatMap((a) => a.statuses),
        messages: finishMessages(answers.flatMap((a) => a.messages)),
        // A chunk whose answer carried no cursor keeps the one it sent.
        cursor:
          answers.length === 1
            ? (answers[0]?.cursor ?? null)
            : joinCursors(answers.map((a, chunk) => a.cursor ?? cursors[chunk] ?? null)),
      };
    },

    async sendMessage(req) {
      const caseId = checkPathId(req?.caseId, 'caseId');
      const content = checkString(req.content, 'content', MAX_SEND_CONTENT_LENGTH);
      const groupId = groupOf(req);
      const ids = req.attachmentIds === undefined ? undefined : checkIds(req.attachmentIds, 'attachmentIds');
      // Undefined fields are left out by JSON.stringify.
      const message = { content, accessory_ids: ids?.length ? ids : undefined };
      const path = casePath(caseId, 'message');
      await request('POST', path, [], req.signal, 'void', { message, group_id: groupId });
    },

    async markRead(req) {
      const caseId = checkPathId(req?.caseId, 'caseId');
      const groupId = groupOf(req);
      const path = casePath(caseId, 'instant-messages/unread');
      await request('POST', path, [], req.signal, 'void', { group_id: groupId });
    },

    async downloadAttachment(req) {
      const id = checkPathId(req?.attachmentId, 'attachmentId');
      const query = groupQuery(req);
      return (await request(
        'GET',
        `/accessorys/${encodeURIComponent(id)}`,
        query,
        req.signal,
        'blob',
      )) as Blob;
    },

    uploadAttachment: (req) => attachmentMethodsOnce().then((m) => m.uploadAttachment(req)),
    attachmentLimits: (req) => attachmentMethodsOnce().then((m) => m.attachmentLimits(req)),
    attachmentUrl: (req) => attachmentMethodsOnce().then((m) => m.attachmentUrl(req)),

    async loadOlderMessages(req) {
      const caseId = checkPathId(req?.caseId, 'caseId');
      const createTime = checkString(req.before?.createTime, 'before.createTime');
      const limit = checkLimit(req.limit);
      const group = groupQuery(req);
      // `type` is required by the server; a message that arrived without one is sent as 0 (customer).
      const query: Query = [
        ['create_time', createTime],
        ['type', req.before.type === 1 ? '1' : '0'],
        ['limit', String(limit)],
        ...group,
      ];
      const path = casePath(caseId, 'instant-messages/more');
      const body = decode(olderBody, await request('GET', path, query, req.signal, 'json'));
      return { messages: finishMessages(toMessages(body.message_list, caseId)), count: body.count };
    },
  };
}
