/** The composer's pending files without React: limits, uploads, remove, retry, the send that waits. */
import type { Attachment, AttachmentLimits } from '../../client/types.ts';
import type { AttachmentUploader } from '../Composer/attachmentTypes.ts';
import { SHARED_KIT } from '../shared/kit.ts';
import { checkLimits, createAttachmentStore, typeAllowed } from './attachmentStore.ts';

const LIMITS: AttachmentLimits = { maxCount: 2, maxSizeBytes: 100, fileTypes: ['png', 'txt'] };
const file = (name: string, size = 10, type = '') => new File([new Uint8Array(size)], name, { type });

/** Uploads that settle when the test says so. */
function manualUploader() {
  const calls: {
    name: string;
    signal: AbortSignal;
    resolve: (a: Attachment) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const uploader: AttachmentUploader = {
    limits: () => Promise.resolve(LIMITS),
    upload: ({ fileName, signal }) =>
      new Promise((resolve, reject) => calls.push({ name: fileName, signal, resolve, reject })),
  };
  return { uploader, calls };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('checkLimits', () => {
  it('refuses empty, wrong-type and too-large files, then what passes the count', () => {
    const { accepted, refused } = checkLimits(
      [
        file('a.png'),
        file('empty.txt', 0),
        file('x.exe'),
        file('big.png', 101),
        file('b.txt'),
        file('c.txt'),
      ],
      LIMITS,
      0,
    );
    expect(accepted.map((f) => f.name)).toEqual(['a.png', 'b.txt']);
    expect(refused.map((r) => [r.kind, r.name])).toEqual([
      ['empty', 'empty.txt'],
      ['type', 'x.exe'],
      ['size', 'big.png'],
      ['count', 'c.txt'],
    ]);
  });

  it('matches types by extension or media type, any case', () => {
    expect(typeAllowed({ name: 'A.PNG', type: '' }, ['png'])).toBe(true);
    expect(typeAllowed({ name: 'shot', type: 'image/png' }, ['image/*'])).toBe(true);
    expect(typeAllowed({ name: 'shot', type: 'image/png' }, ['image/jpeg'])).toBe(false);
    expect(typeAllowed({ name: 'x.exe', type: '' }, [])).toBe(true);
  });
});

describe('createAttachmentStore', () => {
  beforeAll(() => {
    URL.createObjectURL ??= () => 'blob:test';
    URL.revokeObjectURL ??= () => {};
  });

  it('a send while uploading waits, then delivers the text typed by then with the attachments', async () => {
    const { uploader, calls } = manualUploader();
    const store = createAttachmentStore(() => uploader, SHARED_KIT);
    store.add([file('a.txt')]);
    await flush();
    expect(store.getSnapshot().busy).toBe(true);
    const deliver = vi.fn();
    let text = 'first';
    store.send(() => text, deliver);
    expect(store.getSnapshot().waiting).toBe(true);
    text = 'edited while waiting';
    calls[0]?.resolve({ id: 'u1', name: 'a.txt' });
    await flush();
    expect(deliver).toHaveBeenCalledWith('edited while waiting', [{ id: 'u1', name: 'a.txt' }]);
    expect(store.getSnapshot().items).toEqual([]);
  });

  it('a send before the limits of just-added files are known waits for those files', async () => {
    const { uploader, calls } = manualUploader();
    const store = createAttachmentStore(() => uploader, SHARED_KIT);
    store.add([file('a.txt')]);
    const deliver = vi.fn();
    store.send(() => 'see file', deliver);
    await flush();
    expect(deliver).not.toHaveBeenCalled();
    calls[0]?.resolve({ id: 'u1', name: 'a.txt' });
    await flush();
    expect(deliver).toHaveBeenCalledWith('see file', [{ id: 'u1', name: 'a.txt' }]);
  });

  it('a send waiting for a file the limits then refuse sends nothing', async () => {
    const { uploader } = manualUploader();
    const store = createAttachmentStore(() => uploader, SHARED_KIT);
    store.add([file('x.exe')]);
    const deliver = vi.fn();
    store.send(() => 'see file', deliver);
    await flush();
    expect(deliver).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toMatchObject({
      waiting: false,
      refusals: [{ kind: 'type', name: 'x.exe' }],
    });
  });

  it('attachments and no text: the text is empty (the send adds their stand-in)', async () => {
    const { uploader, calls } = manualUploader();
    const store = createAttachmentStore(() => uploader, SHARED_KIT);
    store.add([file('a.txt'), file('b.png')]);
    await flush();
    calls[0]?.resolve({ id: 'u1', name: 'a.txt' });
    calls[1]?.resolve({ id: 'u2', name: 'b.png' });
    await flush();
    const deliver = vi.fn();
    store.send(() => '', deliver);
    expect(deliver).toHaveBeenCalledWith('', [
      { id: 'u1', name: 'a.txt' },
      { id: 'u2', name: 'b.png' },
    ]);
  });

  it('a failure while waiting holds the message; retry uploads again', async () => {
    const { uploader, calls } = manualUploader();
    const store = createAttachmentStore(() => uploader, SHARED_KIT);
    store.add([file('a.txt')]);
    await flush();
    const deliver = vi.fn();
    store.send(() => 'hello', deliver);
    calls[0]?.reject(new Error('boom'));
    await flush();
    expect(deliver).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toMatchObject({ failed: true, waiting: false });
    const key = store.getSnapshot().items[0]?.key ?? '';
    store.retry(key);
    await flush();
    expect(calls).toHaveLength(2);
    expect(store.getSnapshot().items[0]?.status).toBe('uploading');
  });

  it('remove and dispose abort uploads in flight', async () => {
    const { uploader, calls } = manualUploader();
    const store = createAttachmentStore(() => uploader, SHARED_KIT);
    store.add([file('a.txt'), file('b.txt')]);
    await flush();
    store.remove(store.getSnapshot().items[0]?.key ?? '');
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(calls[1]?.signal.aborted).toBe(false);
    store.dispose();
    expect(calls[1]?.signal.aborted).toBe(true);
  });

  it('counts drag enters and leaves across children; a drop adds the files', async () => {
    const { uploader, calls } = manualUploader();
    const store = createAttachmentStore(() => uploader, SHARED_KIT);
    store.drag('dragenter', []);
    store.drag('dragenter', []);
    store.drag('dragleave', []);
    expect(store.getSnapshot().dragging).toBe(true);
    store.drag('drop', [file('a.png')]);
    expect(store.getSnapshot().dragging).toBe(false);
    await flush();
    expect(calls.map((c) => c.name)).toEqual(['a.png']);
  });
});
