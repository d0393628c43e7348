/**
 * Hostile content in real Chromium: an XSS / layout-breaking corpus in message content, replier names, file
 * names and attachment ids, rendered by MessageThread directly and by TicketChat fed by the simulator through
 * MSW's service worker. No payload runs, no element is injected, links are http(s) only with
 * rel="noopener noreferrer", and the layout does not break. Screenshots go to /work/main/screenshots.
 */
import '../../src/styles.css';
import { setupWorker } from 'msw/browser';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { page } from 'vitest/browser';
import { createHandlers, createServiceModel, TEST_TOKEN } from '../../simulator/index.ts';
import { createTicketChatClient } from '../../src/client/index.ts';
import { MessageThread, preloadTicketChat, TicketChat } from '../../src/components/index.ts';
import { TicketChatProvider } from '../../src/query/index.ts';
import { createTicketChatQueryClient } from '../../src/query/TicketChatProvider.tsx';
import type { ThreadMessage } from '../../src/query/types.ts';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const X = 'window.__xss=1';
/** Every entry that can execute sets window.__xss. */
const CORPUS: string[] = [
  `<script>${X}</script>`,
  `<img src=x onerror="${X}">`,
  `<svg onload="${X}">`,
  `<svg><script>${X}</script></svg>`,
  `<iframe src="javascript:${X}"></iframe>`,
  `<iframe srcdoc="<script>parent.${X}</script>"></iframe>`,
  `javascript:${X}`,
  `JaVaScRiPt:${X}`,
  ` javascript:${X}`,
  `java\u200Bscript:${X}`,
  `data:text/html,<script>${X}</script>`,
  `data:image/svg+xml,<svg onload="${X}"/>`,
  `vbscript:msgbox("${X}")`,
  `<a href="javascript:${X}">click me</a>`,
  `[click me](javascript:${X})`,
  `[docs](https://example.com/" onmouseover="${X})`,
  `<body onload=${X}>`,
  `<details open ontoggle=${X}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${X}>`,
  `"><img src=x onerror=${X}>`,
  `'--><script>${X}</script>`,
  `&lt;script&gt;${X}&lt;/script&gt; &amp; &#60;img src=x onerror=${X}&#62;`,
  `<<script>script>${X}<</script>/script>`,
  `<img src="x`,
  `<style>*{display:none!important}</style>`,
  `<object data="javascript:${X}"></object>`,
  `<embed src="data:image/svg+xml,<svg onload=${X}>">`,
  `<input autofocus onfocus=${X}>`,
  `<video><source onerror=${X}></video>`,
  `<base href="javascript:${X}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${X}">`,
  `<form action="javascript:${X}"><button>go</button></form>`,
  `{{constructor.constructor('${X}')()}} \${${X}}`,
  `http://example.com" onclick="${X}`,
  `https://example.com/?q=<script>${X}</script>`,
  `https://example.com/\u202Egpj.exe`,
  `invoice\u202Efdp.exe`,
  `abc\u202Edef\u202Cghi \u2067isolate\u2069 \u200F\u200E`,
  `zero\u200Bwidth\u200Cjoin\u200Dchars\uFEFFhere`,
  'W'.repeat(400),
  '长'.repeat(400),
  `https://example.com/${'a'.repeat(380)}`,
  `see https://example.com/${'p/'.repeat(150)}end and ${'x'.repeat(200)}`,
];

/**
 * Formerly known layout bugs, now fixed (set false to feed plain names instead of the payloads that triggered them):
 * - a long unbreakable replier name overflowed the thread (.tc-msg__sender did not wrap);
 * - a file name whose "extension" is long (text after the last ".") overflowed the chip (the tail never shrank).
 */
const NAME_LAYOUT_FIXED = true;
const BAD_NAMES = new Set([
  CORPUS.findIndex((p) => p.startsWith('https://example.com/aaa')), // long unbreakable (support side)
  CORPUS.indexOf('W'.repeat(400)), // long unbreakable (customer side: overflows to the left)
  CORPUS.findIndex((p) => p.startsWith('see https://')), // long pseudo-extension
]);
const nameOf = (payload: string, i: number, max: number) =>
  !NAME_LAYOUT_FIXED && BAD_NAMES.has(i) ? `plain name ${i}.txt` : payload.slice(0, max);

const base: Omit<ThreadMessage, 'key' | 'content'> = {
  caseId: 'case-x',
  createdAt: null,
  createTime: '',
  replier: '',
  replierName: '',
  replierType: 1,
  type: 1,
  fromSupport: true,
  isFirstMessage: false,
  attachments: [],
};

function hostileThread(): ThreadMessage[] {
  const t0 = Date.UTC(2024, 2, 10, 1, 0, 0);
  return CORPUS.map((payload, i) => {
    const support = i % 3 !== 0;
    const at = new Date(t0 + i * 7 * 60_000);
    return {
      ...base,
      key: `h${i}#0`,
      content: payload,
      createdAt: at,
      createTime: at.toISOString(),
      replier: `r${i % 4}`,
      replierName: nameOf(payload, i, 256),
      replierType: support ? 1 : 0,
      type: support ? 1 : 0,
      fromSupport: support,
      attachments: i % 2 === 0 ? [{ id: `${i}:${payload}`.slice(0, 64), name: nameOf(payload, i, 256) }] : [],
    };
  });
}

const FORBIDDEN =
  'script, iframe, frame, frameset, object, embed, img, video, audio, source, style, link, meta, base, form, ' +
  'input, textarea, select, math, details, body, template, marquee, foreignObject';
const SVG_PARTS = new Set(['svg', 'path', 'rect', 'circle', 'g', 'line', 'polyline', 'polygon', 'ellipse']);
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster'];

/** Everything wrong with the DOM under `root`, as readable lines. The composer's own form is allowed. */
function domProblems(root: HTMLElement): string[] {
  const problems: string[] = [];
  for (const el of root.querySelectorAll(FORBIDDEN)) {
    const ownComposer =
      (el.localName === 'form' && el.classList.contains('tc-composer')) ||
      (el.localName === 'textarea' && el.classList.contains('tc-composer__field')) ||
      (el.localName === 'input' && el.classList.contains('tc-composer__files'));
    if (!ownComposer) problems.push(`injected <${el.localName}${el.className ? `.${el.className}` : ''}>`);
  }
  for (const svg of root.querySelectorAll('svg')) {
    if (svg.getAttribute('aria-hidden') !== 'true') problems.push('an svg that is not a decorative icon');
    for (const part of svg.querySelectorAll('*'))
      if (!SVG_PARTS.has(part.localName)) problems.push(`<${part.localName}> inside an svg`);
  }
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`<${el.localName} ${attr.name}>`);
      if (URL_ATTRS.includes(attr.name.toLowerCase()) && el.localName !== 'a')
        problems.push(`<${el.localName} ${attr.name}>`);
    }
  }
  for (const a of root.querySelectorAll('a')) {
    let protocol = '';
    try {
      protocol = new URL(a.getAttribute('href') ?? '').protocol;
    } catch {
      protocol = 'unparseable';
    }
    if (protocol !== 'http:' && protocol !== 'https:')
      problems.push(`link to ${protocol} ${a.getAttribute('href')}`);
    const rel = (a.getAttribute('rel') ?? '').split(/\s+/);
    if (!rel.includes('noopener') || !rel.includes('noreferrer'))
      problems.push(`link rel="${a.getAttribute('rel')}"`);
  }
  return problems;
}

/** Layout: nothing wider than the thread; the thread as wide as its host. */
function layoutProblems(root: HTMLElement, expectedWidth: number): string[] {
  const problems: string[] = [];
  const thread = root.querySelector<HTMLElement>('.tc-thread');
  const viewport = root.querySelector<HTMLElement>('.tc-thread__viewport');
  if (!thread || !viewport) return ['no thread rendered'];
  const width = thread.getBoundingClientRect().width;
  if (Math.abs(width - expectedWidth) > 1) problems.push(`thread width ${width}, expected ${expectedWidth}`);
  if (viewport.scrollWidth > viewport.clientWidth + 1)
    problems.push(`horizontal overflow ${viewport.scrollWidth} > ${viewport.clientWidth}`);
  const { left, right } = viewport.getBoundingClientRect();
  for (const row of viewport.querySelectorAll<HTMLElement>('[data-message-key]')) {
    for (const el of [row, ...row.querySelectorAll<HTMLElement>('*')]) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('.tc-visually-hidden')) continue;
      if (r.right > right + 1 || r.left < left - 1)
        problems.push(`${row.dataset.messageKey} <${el.localName}.${el.className}> sticks out of the thread`);
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push('the page scrolls sideways');
  return problems;
}

const frames = (n = 3) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: Root | null = null;
let host: HTMLDivElement | null = null;
function mountHost(width: number, height: number) {
  host = document.createElement('div');
  host.style.cssText = `width: ${width}px; height: ${height}px; display: flex; flex-direction: column;`;
  document.body.append(host);
  root = createRoot(host);
  return { host, root };
}

beforeEach(async () => {
  await page.viewport(560, 900);
  window.__xss = undefined;
});
afterEach(() => {
  root?.unmount();
  host?.remove();
  root = null;
  host = null;
});

describe('hostile content', () => {
  // The package's MessageThread is lazy: loaded, it renders synchronously.
  beforeAll(() => preloadTicketChat());
  it('a long unbreakable replier name wraps inside the thread', async () => {
    const { host: h, root: r } = mountHost(420, 600);
    const name = `https://example.com/${'a'.repeat(236)}`;
    const at = new Date(Date.UTC(2024, 2, 10, 1));
    const messages: ThreadMessage[] = [
      { ...base, key: 's#0', content: 'support', replierName: name, createdAt: at },
      {
        ...base,
        key: 'c#0',
        content: 'customer',
        replierName: 'W'.repeat(300),
        replierType: 0,
        type: 0,
        fromSupport: false,
        createdAt: at,
      },
    ];
    flushSync(() => r.render(<MessageThread messages={messages} locale="en-US" timeZone="UTC" />));
    await frames();
    expect(layoutProblems(h, 420)).toEqual([]);
    // The whole name is still shown (wrapped), not cut.
    expect(h.querySelector('[data-message-key="s#0"] .tc-msg__sender')?.textContent).toBe(name);
  });

  it('a bidi override cannot disguise a file name or a link', async () => {
    const { host: h, root: r } = mountHost(420, 600);
    const messages: ThreadMessage[] = [
      {
        ...base,
        key: 'b#0',
        content: 'see https://example.com/\u202Egpj.exe',
        attachments: [{ id: 'a1', name: 'invoice\u202Efdp.exe' }],
      },
    ];
    flushSync(() =>
      r.render(
        <MessageThread messages={messages} locale="en-US" timeZone="UTC" onAttachmentClick={() => {}} />,
      ),
    );
    await frames();
    const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
    // The link ends before the override: its text and target are what they say.
    const link = h.querySelector('a') as HTMLAnchorElement;
    expect(link.textContent).toBe('https://example.com/');
    expect(link.getAttribute('href')).toBe('https://example.com/');
    // The chip shows, titles and announces the name without live bidi controls; the real type shows last.
    const chip = h.querySelector('.tc-attachment-chip') as HTMLElement;
    const shown = chip.querySelector('.tc-attachment-chip__name') as HTMLElement;
    expect(shown.textContent).not.toMatch(BIDI);
    expect(chip.title).not.toMatch(BIDI);
    expect(chip.getAttribute('aria-label')).not.toMatch(BIDI);
    expect(shown.textContent?.endsWith('fdp.exe')).toBe(true);
    // Visual order: the last character of the name (the "e" of .exe) is drawn rightmost.
    const tail = shown.querySelector('.tc-attachment-chip__tail')?.firstChild as Text;
    const charRect = (node: Text, i: number) => {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return range.getBoundingClientRect();
    };
    const last = charRect(tail, tail.length - 1);
    for (let i = 0; i < tail.length - 1; i++)
      expect(charRect(tail, i).right).toBeLessThanOrEqual(last.left + 0.5);
  });

  it('a file name with a long pseudo-extension stays inside its chip', async () => {
    const { host: h, root: r } = mountHost(420, 600);
    const name = `see https://example.com/${'p/'.repeat(150)}end and ${'x'.repeat(200)}`;
    const messages: ThreadMessage[] = [
      { ...base, key: 'f#0', content: 'file', attachments: [{ id: 'a1', name }] },
      {
        ...base,
        key: 'f#1',
        content: 'tarball',
        attachments: [{ id: 'a2', name: `${'logs-'.repeat(40)}.tar.gz` }],
      },
    ];
    flushSync(() =>
      r.render(
        <MessageThread messages={messages} locale="en-US" timeZone="UTC" onAttachmentClick={() => {}} />,
      ),
    );
    await frames();
    expect(layoutProblems(h, 420)).toEqual([]);
    const tails = [...h.querySelectorAll('.tc-attachment-chip__tail')].map((t) => t.textContent);
    expect(tails[0]?.length).toBeLessThanOrEqual(16);
    expect(tails[1]).toMatch(/\.tar\.gz$/);
  });

  it(`MessageThread renders a ${CORPUS.length}-entry XSS corpus as inert text without breaking layout`, async () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    const { host: h, root: r } = mountHost(420, 860);
    flushSync(() => r.render(<MessageThread messages={[]} locale="en-US" timeZone="UTC" />));
    await frames();
    const emptyWidth = (h.querySelector('.tc-thread') as HTMLElement).getBoundingClientRect().width;

    const messages = hostileThread();
    const clicked: string[] = [];
    flushSync(() =>
      r.render(
        <MessageThread
          messages={messages}
          locale="en-US"
          timeZone="UTC"
          onAttachmentClick={(a) => clicked.push(a.id)}
          virtualizeAfter={1000}
        />,
      ),
    );
    await frames(5);
    await sleep(300); // image errors, autofocus and toggle events fire asynchronously

    expect(window.__xss).toBeUndefined();
    expect(domProblems(h)).toEqual([]);
    expect(layoutProblems(h, emptyWidth)).toEqual([]);
    // Shown as text, not swallowed: every payload is in the thread verbatim.
    const text = h.textContent ?? '';
    const missing = CORPUS.filter((p) => !text.includes(p));
    expect(missing).toEqual([]);
    // Links exist (the corpus has http(s) URLs) and none came from javascript:/data:/markdown.
    const hrefs = [...h.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(0);
    // Attachment chips pass the hostile id through untouched.
    const chip = h.querySelector<HTMLButtonElement>('.tc-attachment-chip');
    chip?.click();
    expect(clicked[0]).toBe(`0:${CORPUS[0]}`.slice(0, 64));
    // Hovering and focusing everything runs nothing either.
    for (const el of h.querySelectorAll<HTMLElement>('a, button, [title]')) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      el.focus();
    }
    await sleep(100);
    expect(window.__xss).toBeUndefined();

    // Bidi overrides stay inside their own text: names and message text are isolated from what follows.
    const bidi = CORPUS.findIndex((p) => p.startsWith('invoice\u202E'));
    const bidiRow = h.querySelector<HTMLElement>(`[data-message-key="h${bidi}#0"]`) as HTMLElement;
    bidiRow.scrollIntoView({ block: 'center' });
    await frames(3);
    const isolation = [
      ...bidiRow.querySelectorAll<HTMLElement>('.tc-msg__sender, .tc-msg__text, .tc-attachment-chip__name'),
    ].map((el) => `${el.className}: ${el.localName === 'bdi' ? 'bdi' : getComputedStyle(el).unicodeBidi}`);
    // Sender and text are isolated, so an override cannot reorder the time or the next message.
    expect(isolation.filter((line) => !/chip/.test(line))).toEqual([
      'tc-msg__sender: isolate',
      'tc-msg__text: isolate',
    ]);
    await page.screenshot({ element: h, path: '../../screenshots/reliability-hostile-thread-bidi.png' });
    // Three views of the scroller (top, middle, bottom) for a human look.
    const viewport = h.querySelector('.tc-thread__viewport') as HTMLElement;
    for (const [name, top] of [
      ['top', 0],
      ['middle', (viewport.scrollHeight - viewport.clientHeight) / 2],
      ['bottom', viewport.scrollHeight],
    ] as const) {
      viewport.scrollTop = top;
      await frames(3);
      await page.screenshot({ element: h, path: `../../screenshots/reliability-hostile-thread-${name}.png` });
    }
    expect(window.__xss).toBeUndefined();
  });

  it('TicketChat fed by the simulator (service worker) renders the corpus inert', async () => {
    const worker = setupWorker();
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    try {
      const model = createServiceModel();
      worker.resetHandlers(...createHandlers(model, { baseUrl: '/osm' }));
      const t0 = Date.now() - 3 * 3_600_000;
      model.addTicket({
        id: 'CASE-XSS',
        status: 1,
        chatStatus: 1,
        messages: CORPUS.map((payload, i) => ({
          content: payload.slice(0, 400),
          replierName: nameOf(payload, i, 256),
          replier: `r${i % 3}`,
          replierType: i % 3 === 0 ? 0 : 1,
          at: t0 + i * 60_000,
          attachments: i % 2 === 0 ? [{ id: `att-${i}`, name: nameOf(payload, i, 256) }] : [],
        })),
      });
      const client = createTicketChatClient({ endpoint: '/osm', token: TEST_TOKEN, language: 'en-us' });
      const { host: h, root: r } = mountHost(480, 800);
      flushSync(() =>
        r.render(
          <TicketChatProvider client={client} queryClient={createTicketChatQueryClient()} crossTab={false}>
            <TicketChat caseId="CASE-XSS" timeZone="UTC" />
          </TicketChatProvider>,
        ),
      );
      await vi.waitFor(() => expect(h.querySelector('[data-message-key]')).not.toBeNull(), {
        timeout: 10_000,
      });
      // A thread this long is virtual: the reader's scrolling, half a view at a time from the end to the top,
      // brings every row into the DOM in turn, and each view is checked.
      const viewport = h.querySelector('.tc-thread__viewport') as HTMLElement;
      const seen = new Set<string>();
      for (let step = 0; step < 200 && seen.size < CORPUS.length; step++) {
        await frames(3);
        for (const el of h.querySelectorAll<HTMLElement>('[data-message-key]')) {
          seen.add(el.dataset.messageKey ?? '');
        }
        expect(domProblems(h)).toEqual([]);
        const half = viewport.clientHeight / 2;
        viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: -half, bubbles: true }));
        viewport.scrollTop = Math.max(0, viewport.scrollTop - half);
      }
      expect(seen.size).toBe(CORPUS.length);
      await frames(5);
      await sleep(300);
      expect(window.__xss).toBeUndefined();
      expect(domProblems(h)).toEqual([]);
      const chat = h.querySelector<HTMLElement>('.tc-chat');
      expect(chat?.getBoundingClientRect().width).toBe(480);
      expect(
        layoutProblems(h, (h.querySelector('.tc-thread') as HTMLElement).getBoundingClientRect().width),
      ).toEqual([]);
      // The composer is the only form control; attachments are buttons, no file inputs or iframes appeared.
      expect(h.querySelectorAll('iframe, object, embed').length).toBe(0);
      await page.screenshot({ element: h, path: '../../screenshots/reliability-hostile-ticketchat.png' });
    } finally {
      worker.stop();
    }
  });
});
