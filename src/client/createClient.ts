/** `createTicketChatClient`: validated arguments in, decoded data or a `TicketChatError` out. */
import { decode, unreadBody } from './decode.ts';
import { TicketChatError } from './errors.ts';
import type { messageMethods } from './messageMethods.ts';
import { createRequester, type Query } from './request.ts';
import type { TicketChatClient, TicketChatClientOptions, UnreadCount } from './types.ts';
import type { attachmentMethods } from './upload.ts';
import { checkCaseIds, checkOptional, checkPathId, checkString, inputError } from './validate.ts';
import { resolveTimeZone } from './zone.ts';

export type Request = ReturnType<typeof createRequester>;

/**
 * GETs `path` once per 100 case ids (the service's limit) and reads each answer. `sole` is the single id
 * asked, if exactly one: the only honest owner of an answer entry whose incident_id is null.
 */
export type PerChunk = <T>(
  caseIds: string[],
  path: string,
  query: (chunk: number) => Query,
  signal: AbortSignal | undefined,
  read: (body: unknown, sole: string | undefined, text: string) => T,
) => Promise<T[]>;

/**
 * Code loaded on first use, once per client; a failed load is a retryable `network` error and the next call
 * loads it again.
 */
function loadOnce<T>(load: () => Promise<T>, what: string): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((cause: unknown) => {
      loaded = undefined;
      throw new TicketChatError('network', `Could not load the ${what} code`, { cause });
    }));
}

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

  const perChunk: PerChunk = (caseIds, path, query, signal, read) => {
    const chunks: string[][] = [];
    for (let i = 0; i < caseIds.length; i += 100) chunks.push(caseIds.slice(i, i + 100));
    return Promise.all(
      chunks.map(async (ids, chunk) => {
        const idsQuery = ids.map((id): [string, string] => ['case_ids', id]);
        const answer = await request('GET', path, [...idsQuery, ...query(chunk)], signal, 'text');
        const { body, text } = answer as { body: unknown; text: string };
        return read(body, ids.length === 1 ? ids[0] : undefined, text);
      }),
    );
  };

  // Upload, limits and signed URLs, polling, older pages, sending and mark-read load on first use (a page of
  // unread badges needs none of them); the limits answer is kept in this client's copy.
  const attachmentMethodsOnce: () => Promise<ReturnType<typeof attachmentMethods>> = loadOnce(
    () =>
      import('./upload.ts').then((m) =>
        m.attachmentMethods(request, { TicketChatError, checkString, checkOptional, checkPathId }),
      ),
    'attachment',
  );
  const messageMethodsOnce: () => Promise<ReturnType<typeof messageMethods>> = loadOnce(
    () =>
      import('./messageMethods.ts').then((m) =>
        m.messageMethods({ request, perChunk, zone, groupOf, groupQuery, casePath }),
      ),
    'message',
  );

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
        (body, sole) => {
          const counts: UnreadCount[] = [];
          for (const { incident_id, unread_num: unread, status } of decode(unreadBody, body).imunread) {
            const caseId = incident_id || sole;
            // Unattributable entry: nothing to show it on, so it is skipped (it cannot be guessed).
            if (caseId) counts.push({ caseId, unread, status });
          }
          return counts;
        },
      );
      return answers.flat();
    },

    pollMessages: (req) => messageMethodsOnce().then((m) => m.pollMessages(req)),
    loadOlderMessages: (req) => messageMethodsOnce().then((m) => m.loadOlderMessages(req)),

    sendMessage: (req) => messageMethodsOnce().then((m) => m.sendMessage(req)),
    markRead: (req) => messageMethodsOnce().then((m) => m.markRead(req)),

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
  };
}
