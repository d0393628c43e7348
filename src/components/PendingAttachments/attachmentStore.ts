/**
 * The files one composer is about to send: limits checked first, then uploaded one request each, with
 * progress, remove (aborts) and retry. UI state of one composer, like a `useReducer`, but in the lazy chunk
 * the upload UI lives in; the composer reads it with `useSyncExternalStore`. Framework-free and tested alone.
 */
import type { Attachment, AttachmentLimits } from '../../client/types.ts';
import type {
  AttachmentUploader,
  PendingAttachment,
  PendingSnapshot,
  Refusal,
  SharedKit,
} from '../Composer/attachmentTypes.ts';

/** A file the service's type list allows: by extension ("png") or media type ("image/png", "image/*"). */
export function typeAllowed(file: { name: string; type: string }, types: readonly string[]): boolean {
  if (types.length === 0) return true;
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const media = file.type.toLowerCase();
  return types.some((t) =>
    t.includes('/') ? (t.endsWith('/*') ? media.startsWith(t.slice(0, -1)) : media === t) : t === ext,
  );
}

/**
 * Splits new files into accepted ones and refusals, in the order given: empty, wrong type and too large
 * files are refused by themselves; after that, files past the count limit (counting `already`).
 */
export function checkLimits(
  files: readonly File[],
  limits: AttachmentLimits,
  already: number,
): { accepted: File[]; refused: Refusal[] } {
  const accepted: File[] = [];
  const refused: Refusal[] = [];
  for (const file of files) {
    const { name } = file;
    if (file.size === 0) refused.push({ kind: 'empty', name });
    else if (!typeAllowed(file, limits.fileTypes))
      refused.push({ kind: 'type', name, types: limits.fileTypes });
    else if (file.size > limits.maxSizeBytes)
      refused.push({ kind: 'size', name, maxBytes: limits.maxSizeBytes });
    else if (already + accepted.length >= limits.maxCount)
      refused.push({ kind: 'count', name, max: limits.maxCount });
    else accepted.push(file);
  }
  return { accepted, refused };
}

export interface AttachmentStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): PendingSnapshot;
  /** Checks the limits, then uploads what passes. */
  add(files: readonly File[]): void;
  /** Drops a file (aborting its upload). */
  remove(key: string): void;
  /** Uploads a failed file again. */
  retry(key: string): void;
  /**
   * Sends the message now, or once the uploads are done (with `text()` as it is then): `deliver` gets the
   * text (possibly empty: the send adds the attachments' stand-in) and the attachments, and the list empties. If an upload fails meanwhile, nothing is sent.
   */
  send(text: () => string, deliver: (content: string, attachments?: Attachment[]) => void): void;
  /** A drag event over the drop target (`dragend`: forget the drag); `files` are those of a drop. */
  drag(type: string, files: readonly File[]): void;
  /** Drops every file. */
  clear(): void;
  /** Unmount: aborts every upload and revokes every preview URL. */
  dispose(): void;
}

interface Entry extends PendingAttachment {
  controller?: AbortController | undefined;
}

/** `uploader()` is read at each upload, so a changed group id applies to the next one. */
export function createAttachmentStore(
  uploader: () => AttachmentUploader | undefined,
  { fileKindOf }: Pick<SharedKit, 'fileKindOf'>,
): AttachmentStore {
  const isImage = (file: File) => file.type.startsWith('image/') || fileKindOf(file.name) === 'image';
  let entries: Entry[] = [];
  let refusals: Refusal[] = [];
  let waiting: { text: () => string; deliver: (content: string, attachments?: Attachment[]) => void } | null =
    null;
  // Enter/leave fire for every child crossed: counted (relatedTarget is not reliable in every engine).
  let dragDepth = 0;
  let snapshot: PendingSnapshot = {
    items: [],
    busy: false,
    failed: false,
    waiting: false,
    dragging: false,
    attachments: [],
    refusals,
  };
  const listeners = new Set<() => void>();
  let counter = 0;
  let disposed = false;
  // Files given to `add` whose limits are still being fetched: a send waits for them too.
  let adding = 0;

  function publish(): void {
    const items = entries.map(({ controller: _, ...item }) => item);
    const busy = adding > 0 || items.some((i) => i.status === 'checking' || i.status === 'uploading');
    const failed = items.some((i) => i.status === 'failed');
    if (waiting && (failed || !busy)) {
      const held = waiting;
      waiting = null;
      if (!failed) {
        deliver(held.text(), held.deliver);
        return;
      }
    }
    snapshot = {
      items,
      busy,
      failed,
      waiting: waiting !== null,
      dragging: dragDepth > 0,
      attachments: items.flatMap((i) => (i.attachment ? [i.attachment] : [])),
      refusals,
    };
    for (const listener of listeners) listener();
  }

  function deliver(text: string, to: (content: string, attachments?: Attachment[]) => void): void {
    const attachments = entries.flatMap((e) => (e.attachment ? [e.attachment] : []));
    if (!text && !attachments.length) {
      publish();
      return;
    }
    drop(() => false);
    refusals = [];
    publish();
    if (attachments.length) to(text, attachments);
    else to(text);
  }

  function update(key: string, change: Partial<Entry>) {
    entries = entries.map((e) => (e.key === key ? { ...e, ...change } : e));
    publish();
  }

  const live = (key: string) => !disposed && entries.some((e) => e.key === key);

  async function upload(key: string, limits: AttachmentLimits | null) {
    const entry = entries.find((e) => e.key === key);
    const api = uploader();
    if (!entry || !api) return;
    const controller = new AbortController();
    update(key, { status: limits ? 'uploading' : 'checking', loaded: 0, error: undefined, controller });
    try {
      if (!limits) {
        const known = await api.limits();
        if (!live(key)) return;
        const { refused } = checkLimits([entry.file], known, 0);
        if (refused.length) {
          // Only reachable when the limits were unknown at add time (their request had failed).
          entries = entries.filter((e) => e.key !== key);
          refusals = refused;
          waiting = null;
          publish();
          return;
        }
        update(key, { status: 'uploading' });
      }
      let last = -1;
      const attachment: Attachment = await api.upload({
        file: entry.file,
        fileName: entry.name,
        signal: controller.signal,
        onProgress: (loaded) => {
          // One update per percent is plenty for a progress bar.
          const step = Math.floor((loaded / Math.max(1, entry.size)) * 100);
          if (step !== last && live(key)) {
            last = step;
            update(key, { loaded });
          }
        },
      });
      if (live(key)) update(key, { status: 'done', loaded: entry.size, attachment, controller: undefined });
    } catch (error) {
      if (controller.signal.aborted || !live(key)) return;
      update(key, { status: 'failed', error, controller: undefined });
    }
  }

  async function add(files: readonly File[]) {
    if (disposed || files.length === 0) return;
    const api = uploader();
    if (!api) return;
    let limits: AttachmentLimits | null = null;
    adding += 1;
    try {
      limits = await api.limits();
    } catch {
      // Unknown limits: each file asks again when it uploads (a failure there shows with a retry).
    } finally {
      adding -= 1;
    }
    if (disposed) return;
    let accepted: readonly File[] = files;
    if (limits) {
      const checked = checkLimits(files, limits, entries.length);
      accepted = checked.accepted;
      refusals = checked.refused;
      // A file refused after Send was pressed: nothing goes without it (the text stays, the refusal shows).
      if (refusals.length) waiting = null;
    } else refusals = [];
    const added: Entry[] = accepted.map((file) => ({
      key: `f${++counter}`,
      file,
      name: file.name,
      size: file.size,
      status: 'checking',
      loaded: 0,
      preview: isImage(file) ? URL.createObjectURL(file) : undefined,
    }));
    entries = [...entries, ...added];
    publish();
    for (const entry of added) void upload(entry.key, limits);
  }

  function drop(filter: (e: Entry) => boolean) {
    for (const e of entries) {
      if (filter(e)) continue;
      e.controller?.abort();
      if (e.preview) URL.revokeObjectURL(e.preview);
    }
    entries = entries.filter(filter);
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    add(files) {
      void add(files);
    },
    remove(key) {
      drop((e) => e.key !== key);
      refusals = [];
      publish();
    },
    retry(key) {
      if (entries.some((e) => e.key === key && e.status === 'failed')) void upload(key, null);
    },
    send(text, to) {
      waiting = { text, deliver: to };
      publish();
    },
    drag(type, files) {
      dragDepth =
        type === 'dragenter'
          ? dragDepth + 1
          : type === 'dragleave'
            ? Math.max(0, dragDepth - 1)
            : type === 'dragover'
              ? Math.max(1, dragDepth)
              : 0;
      if (type === 'drop') void add(files);
      if (dragDepth > 0 !== snapshot.dragging) publish();
    },
    clear() {
      drop(() => false);
      refusals = [];
      publish();
    },
    dispose() {
      disposed = true;
      drop(() => false);
      listeners.clear();
    },
  };
}
