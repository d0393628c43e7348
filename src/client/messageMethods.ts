/**
 * The message methods: polling (split per 100 case ids, cursors per chunk) and older pages, with the wire
 * messages turned into `Message`s, sending and mark-read. Loaded on first use: a page that only shows unread
 * badges never needs them.
 */

import type { PerChunk, Request } from './createClient.ts';
import { decode } from './decode.ts';
import { TicketChatError } from './errors.ts';
import { readExact } from './exactIntegers.ts';
import { markReadArgs, olderArgs, pollArgs, sendArgs } from './messageArgs.ts';
import { olderBody, pollBody, topLevelNumberText } from './messageBodies.ts';
import { finishMessages, toMessage } from './messages.ts';
import type { Query, TextAnswer } from './request.ts';
import type { ChatStatus, Message, TicketChatClient } from './types.ts';
import { checkString, inputError } from './validate.ts';
import type { ResolvedTimeZone } from './zone.ts';

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
 * changed) falls back to none for every chunk: messages may come again, none is skipped.
 */
/** A cursor is the service's own text and goes back exactly, whatever its length: only its type is checked. */
const checkCursor = (value: unknown, name: string) => checkString(value, name, Number.POSITIVE_INFINITY);

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

/** What the client's first load hands this module. */
export interface MessageKit {
  request: Request;
  perChunk: PerChunk;
  zone: ResolvedTimeZone;
}

// For upload, which imports it from here: one chunk with the message code, not a shared one of its own.
export { readExact };

/** The path below /v2/servicerequest of one case, its id encoded. */
const casePath = (caseId: string, rest: string): string => `/cases/${encodeURIComponent(caseId)}/${rest}`;

export function messageMethods({
  request,
  perChunk,
  zone,
}: MessageKit): Pick<TicketChatClient, 'pollMessages' | 'loadOlderMessages' | 'sendMessage' | 'markRead'> {
  const toMessages = (wires: ReturnType<typeof olderBody>['message_list'], caseId: string) =>
    wires.map((wire) => toMessage(wire, caseId, zone));

  return {
    async pollMessages(req) {
      const { caseIds, group } = pollArgs(req);
      const cursors = splitCursor(
        req.cursor == null || req.cursor === '' ? undefined : req.cursor,
        Math.ceil(caseIds.length / 100),
      );
      const answers = await perChunk(
        caseIds,
        '/cases/instant-messages',
        (chunk) => {
          const cursor = cursors[chunk];
          return cursor === undefined ? group : [['last_message_time_id', cursor], ...group];
        },
        req.signal,
        (body, sole, text) => {
          const {
            imstatus,
            immsg,
            last_message_time_id: next,
          } = readExact((exact) => decode(pollBody, exact), body, text);
          const statuses: ChatStatus[] = [];
          for (const { incident_id, status } of imstatus) {
            const caseId = incident_id || sole;
            if (caseId) statuses.push({ caseId, status });
          }
          const messages: Omit<Message, 'key'>[] = [];
          for (const { incident_id, message_list: wires } of immsg) {
            const caseId = incident_id || sole;
            if (!wires.length) continue;
            // Messages we cannot attribute would be lost silently: refuse the answer instead.
            if (!caseId) throw new TicketChatError('decode', 'Messages without a case id');
            // One push per message: a spread of 100,000+ arguments overflows the engine's stack.
            for (const m of toMessages(wires, caseId)) messages.push(m);
          }
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

    async loadOlderMessages(req) {
      const { caseId, createTime, limit, group } = olderArgs(req);
      // `type` is required by the server; a message that arrived without one is sent as 0 (customer).
      const query: Query = [
        ['create_time', createTime],
        ['type', req.before.type === 1 ? '1' : '0'],
        ['limit', String(limit)],
        ...group,
      ];
      const path = casePath(caseId, 'instant-messages/more');
      const answer = (await request('GET', path, query, req.signal, 'text')) as TextAnswer;
      const body = readExact((exact) => decode(olderBody, exact), answer.body, answer.text);
      return { messages: finishMessages(toMessages(body.message_list, caseId)), count: body.count };
    },

    async sendMessage(req) {
      const { caseId, content, groupId, ids } = sendArgs(req);
      // Undefined fields are left out by JSON.stringify.
      const message = { content, accessory_ids: ids?.length ? ids : undefined };
      const path = casePath(caseId, 'message');
      await request('POST', path, [], req.signal, 'void', { message, group_id: groupId });
    },

    async markRead(req) {
      const { caseId, groupId } = markReadArgs(req);
      const path = casePath(caseId, 'instant-messages/unread');
      await request('POST', path, [], req.signal, 'void', { group_id: groupId });
    },
  };
}
