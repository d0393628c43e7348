/** `createTicketChatClient`: validated arguments in, decoded data or a `TicketChatError` out. */
import { decode, unreadBody } from './decode.ts';
import { codeLoadFailed, TicketChatError } from './errors.ts';
import type { messageMethods } from './messageMethods.ts';
import { createRequester, MAX_TIMER, type Query, type TextAnswer } from './request.ts';
import type { TicketChatClient, TicketChatClientOptions, UnreadCount } from './types.ts';
import type { attachmentMethods } from './upload.ts';
import { checkCaseIds, checkOptional, checkPathId, checkString, groupQuery, inputError } from './validate.ts';
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
 * `promise` as one caller's wait (others may share it, so it is never cancelled): rejects at once when
 * `signal` aborts, and with `late()` after `ms` when given.
 */
export function detached<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  ms?: number,
  late?: () => TicketChatError,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(TicketChatError.aborted(signal as AbortSignal));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    // A bound only from a positive `ms` up to MAX_TIMER: none for undefined, or for a custom client's
    // timeoutMs of null, 0 or -1 (which would fail every wait at once).
    const timer =
      (ms as number) > 0 && (ms as number) <= MAX_TIMER ? setTimeout(() => reject(late?.()), ms) : undefined;
    promise.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

/**
 * The import of the polling, older-page, sending and mark-read code: the client's first use of one of those
 * methods awaits it, and `preloadTicketChat()` starts it with the chat's chunk (the first messages need it).
 * One function for both, so a bundler makes one chunk of it and a page fetches it once. Never static: a page
 * of unread badges does not load it.
 */
export const loadMessageCode = () => import('./messageMethods.ts');

/**
 * Code loaded on first use, once per client. Waiting for it is part of the call: the caller's abort ends the
 * wait at once, and so does `timeoutMs`, as for a request. A failed or late load is a `CODE_LOAD_FAILED`
 * error (nothing was sent); the next call loads again after a failure, and a late load still completes.
 */
function loadOnce<T>(
  load: () => Promise<T>,
  what: string,
  timeoutMs: number,
): (signal: AbortSignal | undefined) => Promise<T> {
  let loaded: Promise<T> | undefined;
  const failed = (problem: string, cause?: unknown) => codeLoadFailed(what, problem, cause);
  return (signal) => {
    // An abort before the call: no download.
    if (!signal?.aborted)
      loaded ??= load().catch((cause: unknown) => {
        loaded = undefined;
        throw failed('could not load', cause);
      });
    return detached(loaded as Promise<T>, signal, timeoutMs, () =>
      failed(`did not load within ${timeoutMs} ms`),
    );
  };
}

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
        const { body, text } = answer as TextAnswer;
        return read(body, ids.length === 1 ? ids[0] : undefined, text);
      }),
    );
  };

  // Download, upload, limits and signed URLs, polling, older pages, sending and mark-read load on first use (a page of
  // unread badges needs none of them); the limits answer is kept in this client's copy.
  const attachmentMethodsOnce: (
    signal: AbortSignal | undefined,
  ) => Promise<ReturnType<typeof attachmentMethods>> = loadOnce(
    () =>
      import('./upload.ts').then((m) =>
        m.attachmentMethods(request, {
          TicketChatError,
          checkString,
          checkOptional,
          checkPathId,
          detached,
          groupQuery,
        }),
      ),
    'attachment',
    timeoutMs,
  );
  const messageMethodsOnce: (signal: AbortSignal | undefined) => Promise<ReturnType<typeof messageMethods>> =
    loadOnce(
      () => loadMessageCode().then((m) => m.messageMethods({ request, perChunk, zone })),
      'message',
      timeoutMs,
    );

  return {
    language,
    timeZone,
    timeoutMs,

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

    // Arguments are checked by the loaded code (messageArgs.ts), which the first load does not carry.
    pollMessages: (req) => messageMethodsOnce(req?.signal).then((m) => m.pollMessages(req)),
    loadOlderMessages: (req) => messageMethodsOnce(req?.signal).then((m) => m.loadOlderMessages(req)),

    sendMessage: (req) => messageMethodsOnce(req?.signal).then((m) => m.sendMessage(req)),
    markRead: (req) => messageMethodsOnce(req?.signal).then((m) => m.markRead(req)),

    downloadAttachment: (req) => attachmentMethodsOnce(req?.signal).then((m) => m.downloadAttachment(req)),
    uploadAttachment: (req) => attachmentMethodsOnce(req?.signal).then((m) => m.uploadAttachment(req)),
    attachmentLimits: (req) => attachmentMethodsOnce(req?.signal).then((m) => m.attachmentLimits(req)),
    attachmentUrl: (req) => attachmentMethodsOnce(req?.signal).then((m) => m.attachmentUrl(req)),
  };
}
