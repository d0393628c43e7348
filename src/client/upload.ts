/**
 * The attachment methods: download (the timeout bounds a stall, not a long file), upload (multipart, with
 * progress), the upload limits (asked once per client) and the signed access URL. Loaded on first use: the
 * first render never needs them.
 */
// Code the first load already has (errors, argument checks) comes in through `attachmentMethods`' arguments,
// imported here as types only, so the first load is not split into extra shared chunks (each costs gzip context).
import type { detached } from './createClient.ts';
import type { TicketChatError as TicketChatErrorClass } from './errors.ts';
import type { BodyMaker, FileReader, Query, TextAnswer } from './request.ts';
import type {
  Attachment,
  AttachmentLimits,
  AttachmentLimitsRequest,
  AttachmentUrlRequest,
  DownloadAttachmentRequest,
  UploadAttachmentRequest,
} from './types.ts';
import type { checkOptional, checkPathId, checkString, groupQuery } from './validate.ts';

/** What this module shares with the client's first load, passed in by `createTicketChatClient`. */
export interface AttachmentKit {
  TicketChatError: typeof TicketChatErrorClass;
  checkString: typeof checkString;
  checkOptional: typeof checkOptional;
  checkPathId: typeof checkPathId;
  detached: typeof detached;
  groupQuery: typeof groupQuery;
}

type Request = (
  method: 'GET' | 'POST',
  path: string,
  query: Query,
  signal: AbortSignal | undefined,
  expect: 'json' | 'text' | FileReader,
  body?: unknown,
) => Promise<unknown>;

/**
 * The whole file, the timeout restarted each time another MIN_PROGRESS bytes have arrived: it bounds a stall
 * and a trickle (1 byte a second would otherwise hold a download open for ever), not a long file. An abort
 * cancels the read, also where a fetch does not end its body at an abort (a portal's own fetch, a mock):
 * never a cut file.
 */
const readFile: FileReader = async (response, restartTimer, signal) => {
  const reader = response.body?.getReader();
  if (!reader) return response.blob();
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop);
  try {
    const parts: Uint8Array[] = [];
    let progress = 0;
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      parts.push(part.value);
      progress += part.value.byteLength;
      if (progress < MIN_PROGRESS) continue;
      progress = 0;
      restartTimer();
    }
    if (signal.aborted) throw signal.reason;
    return new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? '' });
  } finally {
    signal.removeEventListener('abort', stop);
  }
};

/** Bytes a download must receive within each `timeoutMs` (so at least 4 KiB in 15 s by default). */
const MIN_PROGRESS = 4096;

/** `file_actual_name` is 0..256 characters on the wire. */
export const MAX_FILE_NAME_LENGTH = 256;
const MB = 1024 * 1024;
/** Bytes read per pull of a streaming upload body. */
const SLICE = 64 * 1024;

/**
 * Whether this engine sends a `ReadableStream` request body (Chromium 105+, Node 18+; not Firefox or Safari
 * today). An engine that does not know `duplex` never reads it and turns the stream into text.
 */
export function canStreamRequestBodies(): boolean {
  try {
    let readDuplex = false;
    const typed = new Request('http://localhost/', {
      method: 'POST',
      body: new ReadableStream(),
      get duplex() {
        readDuplex = true;
        return 'half';
      },
    } as RequestInit).headers.has('Content-Type');
    return readDuplex && !typed;
  } catch {
    return false;
  }
}

/** A header parameter value as browsers encode it in multipart/form-data: quotes and line breaks escaped. */
const quoted = (value: string) =>
  `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/**
 * The multipart body as a Blob: the file is referenced, not copied, and the size is known up front.
 * Returns the body and the byte offset where the file starts (progress is reported in file bytes).
 */
export function multipartBody(file: Blob, fileName: string, formData: string) {
  const boundary = `----ticket-chat-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="form_data"\r\n\r\n${formData}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(fileName)}\r\n` +
    `Content-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`;
  const headBytes = new TextEncoder().encode(head);
  return {
    body: new Blob([headBytes, file, `\r\n--${boundary}--\r\n`]),
    type: `multipart/form-data; boundary=${boundary}`,
    fileStart: headBytes.byteLength,
  };
}

/**
 * A limit the wire sends as a string ("5", "10", " 20 MB"). "0" is a limit of nothing (the contract gives 0
 * no other meaning, and reading it as "unlimited" would upload what the service said it takes none of);
 * missing, unreadable or negative: not stated, so no limit. A fraction rounds down: at most what was stated.
 */
function readLimit(value: unknown, scale = 1): number {
  const n = typeof value === 'number' ? value : Number.parseFloat(String(value ?? ''));
  return n >= 0 ? Math.floor(n * scale) : Number.POSITIVE_INFINITY;
}

/**
 * The allowed types however the service spells them ("jpg,png", ".JPG; .PNG", "jpg|png", '["jpg"]',
 * "image/png"): lower case, no leading "*." or ".", no duplicates. Empty: any type.
 */
export function readFileTypes(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  const types = text
    .toLowerCase()
    .split(/[\s,;|"'[\]]+/)
    .map((t) => t.replace(/^\*?\./, ''))
    .filter((t) => t !== '' && t !== '*');
  return [...new Set(types)];
}

/** The limits answer; null when it has no `accessory_limit` object. */
export function decodeLimits(body: unknown): AttachmentLimits | null {
  const limit = (body as { accessory_limit?: unknown } | null)?.accessory_limit;
  if (typeof limit !== 'object' || limit === null) return null;
  const { limit_count, limit_size, limit_file_type } = limit as Record<string, unknown>;
  return {
    maxCount: readLimit(limit_count),
    maxSizeBytes: readLimit(limit_size, MB),
    fileTypes: readFileTypes(limit_file_type),
  };
}

/** The three methods, bound to one client's requester; the limits answer is kept for the client's life. */
export function attachmentMethods(request: Request, kit: AttachmentKit) {
  const { TicketChatError, checkString, checkOptional, checkPathId, detached, groupQuery } = kit;
  const decodeError = (field: string) => new TicketChatError('decode', `Bad ${field} in the response`);
  let limits: Promise<AttachmentLimits> | undefined;
  // Learned per client: whether streaming bodies reach the service (Chromium refuses them over HTTP/1.1).
  let streams: boolean | undefined = canStreamRequestBodies() ? undefined : false;

  async function uploadAttachment(req: UploadAttachmentRequest): Promise<Attachment> {
    const file = req?.file;
    // Duck-typed: a Blob from another realm (an iframe, a test DOM) fails instanceof.
    if (typeof file?.size !== 'number' || typeof file.arrayBuffer !== 'function')
      throw new TicketChatError('input', 'file: not a Blob');
    const name = checkString(req.fileName ?? (file as Partial<File>).name, 'fileName', MAX_FILE_NAME_LENGTH);
    const query = groupQuery(req);
    const formData = JSON.stringify({ fileName: name, accessoryFrom: 'message', uploadType: 0 });
    const { body, type, fileStart } = multipartBody(file, name, formData);
    const { onProgress, signal } = req;
    const report = (sent: number) =>
      onProgress?.(Math.min(file.size, Math.max(0, sent - fileStart)), file.size);

    // Read in slices as the engine pulls (no queue ahead of it): what was pulled is what it has taken.
    const streamed: BodyMaker = (restartTimer) => {
      let offset = 0;
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            restartTimer();
            report(offset);
            if (offset >= body.size) return controller.close();
            const slice = body.slice(offset, offset + SLICE);
            controller.enqueue(new Uint8Array(await slice.arrayBuffer()));
            offset += slice.size;
          },
        },
        { highWaterMark: 0 },
      );
      return { body: stream, type, streaming: true };
    };
    // A Blob with no stream() (jsdom's) goes as bytes: this fetch may not take another realm's Blob.
    const bytes = typeof file.stream === 'function' ? body : await body.arrayBuffer();
    const whole: BodyMaker = () => ({ body: bytes, type, untimed: true });

    report(0);
    let answer: unknown;
    if (streams !== false && bytes === body) {
      try {
        answer = await request('POST', '/accessorys', query, signal, 'text', streamed);
        streams = true;
      } catch (error) {
        // A streaming body the connection refused looks like a network error: once streaming has worked on
        // this client, a network error is one; before that, send the body whole (a second copy of the file on
        // the service, at worst, that no message refers to).
        if (streams || !(error instanceof TicketChatError) || error.kind !== 'network') throw error;
        streams = false;
      }
    }
    if (!streams) answer = await request('POST', '/accessorys', query, signal, 'text', whole);
    const { body: parsed, text } = answer as TextAnswer;
    type Answer = { accessory_id?: unknown };
    let wireId = (parsed as Answer).accessory_id;
    // Above 2^53 JSON.parse rounded it: read the digits sent, with the message code (a chat has it loaded; a
    // static import would make a chunk of its own that the first poll would wait for, one request more).
    if (typeof wireId === 'number' && !Number.isSafeInteger(wireId))
      wireId = (await import('./messageMethods.ts')).readExact(
        (exact) => (exact as Answer).accessory_id,
        parsed,
        text,
      );
    // The id goes back in a send's `accessory_ids` and in download paths: it must pass the checks those make.
    let id: string;
    try {
      id = checkPathId(typeof wireId === 'number' ? String(wireId) : wireId, 'accessory_id');
    } catch {
      throw decodeError('accessory_id');
    }
    report(body.size);
    return { id, name };
  }

  function attachmentLimits(req?: AttachmentLimitsRequest): Promise<AttachmentLimits> {
    // Shared by every caller: one caller's abort detaches only that caller. A failure is not kept.
    limits ??= request('GET', '/accessorys/limits', [], undefined, 'json')
      .then((body) => {
        const decoded = decodeLimits(body);
        if (!decoded) throw decodeError('accessory_limit');
        return decoded;
      })
      .catch((error: unknown) => {
        limits = undefined;
        throw error;
      });
    return detached(limits, req?.signal);
  }

  async function attachmentUrl(req: AttachmentUrlRequest): Promise<string> {
    const id = checkPathId(req?.attachmentId, 'attachmentId');
    const caseId = checkOptional(req.caseId, 'caseId');
    const query: Query = caseId === undefined ? [] : [['incident_id', caseId]];
    const path = `/accessorys/${encodeURIComponent(id)}/access-url`;
    const body = (await request('GET', path, query, req.signal, 'json')) as { accessory_url?: unknown };
    let url: URL | undefined;
    try {
      url = new URL(String(body.accessory_url));
    } catch {
      // falls through to the error below
    }
    // Only a web address: the answer ends up in an <img src>.
    if (!url || !/^https?:$/.test(url.protocol)) throw decodeError('accessory_url');
    return url.href;
  }

  function downloadAttachment(req: DownloadAttachmentRequest): Promise<Blob> {
    const path = `/accessorys/${encodeURIComponent(checkPathId(req?.attachmentId, 'attachmentId'))}`;
    return request('GET', path, groupQuery(req), req.signal, readFile) as Promise<Blob>;
  }

  return { downloadAttachment, uploadAttachment, attachmentLimits, attachmentUrl };
}
