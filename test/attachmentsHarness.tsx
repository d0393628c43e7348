/**
 * Browser set-up for the attachment suites: the simulator behind MSW's service worker, a real client (its
 * `fetch` option records each request's signal, nothing is stubbed) and `<TicketChat>`; plus a gate that holds
 * uploads until the test lets them through, and file/DataTransfer helpers that work in every engine.
 */
import { HttpResponse, http } from 'msw';
import { setupWorker } from 'msw/browser';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { page } from 'vitest/browser';
import { createHandlers, createServiceModel, TEST_TOKEN } from '../simulator/index.ts';
import { createTicketChatClient } from '../src/client/index.ts';
import { TicketChat, type TicketChatProps } from '../src/components/TicketChat/TicketChat.tsx';
import { TicketChatProvider } from '../src/query/index.ts';
import { createTicketChatQueryClient } from '../src/query/TicketChatProvider.tsx';

export const BASE = '/osm';
export const CASE_ID = 'CS20260301000042';
const UPLOAD_PATH = `${BASE}/v2/servicerequest/accessorys`;

export function installAttachmentHarness() {
  const worker = setupWorker();
  const state = {
    sim: createServiceModel(),
    root: null as Root | null,
    host: null as HTMLDivElement | null,
    /** Signals of the upload requests the client made, in order. */
    uploadSignals: [] as AbortSignal[],
    /** Uploads `holdUploads` is holding: they have reached the service (MSW's handler). */
    heldUploads: 0,
  };
  beforeAll(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  afterAll(() => worker.stop());
  beforeEach(async () => {
    await page.viewport(520, 760);
    state.sim = createServiceModel();
    state.uploadSignals = [];
    state.heldUploads = 0;
    state.sim.addTicket({ id: CASE_ID, status: 1, chatStatus: 1 });
    serveNormally();
  });
  afterEach(() => {
    state.root?.unmount();
    state.host?.remove();
    state.root = null;
    state.host = null;
  });

  /**
   * Holds every upload until `release()`; the simulator then answers it (the handler falls through). A test
   * that aborts a held upload waits for `heldUploads` first: a request the page aborts still reaches the
   * service worker, and one arriving after the test would be answered by the next test's simulator.
   */
  function holdUploads() {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    worker.use(
      http.post(UPLOAD_PATH, async () => {
        state.heldUploads += 1;
        await gate;
        return undefined;
      }),
    );
    return release;
  }

  /** Every upload fails with a 500 from here on (until `resetHandlers`). */
  function failUploads() {
    worker.use(
      http.post(UPLOAD_PATH, () =>
        HttpResponse.json({ error_code: 'OSM.0004', error_msg: 'Storage unavailable' }, { status: 500 }),
      ),
    );
  }

  function mount(props: Partial<TicketChatProps> = {}, theme: 'light' | 'dark' = 'light', width = 440) {
    const client = createTicketChatClient({
      endpoint: BASE,
      token: TEST_TOKEN,
      language: 'en-us',
      fetch: (input, init) => {
        if (init?.method === 'POST' && String(input).includes('/accessorys') && init.signal)
          state.uploadSignals.push(init.signal);
        return fetch(input, init);
      },
    });
    const host = document.createElement('div');
    host.dataset.theme = theme;
    host.style.cssText = `block-size: 640px; inline-size: ${width}px; padding: 16px; box-sizing: border-box;
      background: ${theme === 'dark' ? '#0b0d10' : '#e9edf2'};`;
    document.body.append(host);
    const root = createRoot(host);
    state.host = host;
    state.root = root;
    flushSync(() =>
      root.render(
        <TicketChatProvider client={client} queryClient={createTicketChatQueryClient()} crossTab={false}>
          <TicketChat caseId={CASE_ID} timeZone="Asia/Shanghai" intervalMs={500} {...props} />
        </TicketChatProvider>,
      ),
    );
    return host;
  }

  /** Drops the test's overrides: the simulator alone answers again. */
  function serveNormally() {
    worker.resetHandlers(...createHandlers(state.sim, { baseUrl: BASE }));
  }

  return { worker, state, holdUploads, failUploads, serveNormally, mount };
}

// A valid 2x2 PNG (checksums right: Firefox 140 refuses one with a bad IDAT CRC, which the others decode), so
// thumbnails really decode.
const PNG_2X2 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEUlEQVR42mNQTX79H4QZYAwAUe4JyQPp1FkAAAAASUVORK5CYII=';

export function pngFile(name = 'screenshot.png'): File {
  const bytes = Uint8Array.from(atob(PNG_2X2), (c) => c.charCodeAt(0));
  return new File([bytes], name, { type: 'image/png' });
}

export function textFile(name: string, size: number, type = 'text/plain'): File {
  return new File([new Uint8Array(size).fill(65)], name, { type });
}

export function dataTransferOf(files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  return data;
}

/** Drags `files` over `target` (enter + over) and, unless `drop` is false, drops them. */
export function dragFiles(target: Element, files: File[], { drop = true } = {}) {
  const dataTransfer = dataTransferOf(files);
  const fire = (type: string) =>
    target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
  fire('dragenter');
  fire('dragover');
  if (drop) fire('drop');
  return { leave: () => fire('dragleave'), drop: () => fire('drop') };
}

export function pasteFiles(target: Element, files: File[]) {
  const event = new ClipboardEvent('paste', {
    bubbles: true,
    cancelable: true,
    clipboardData: dataTransferOf(files),
  });
  target.dispatchEvent(event);
  return event;
}
