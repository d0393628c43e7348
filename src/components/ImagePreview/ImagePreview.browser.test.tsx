/**
 * Image attachments in the thread, in a real browser: thumbnails from the signed URL (or a Blob fetched with
 * the token when the service gives none), the lightbox (Esc closes, arrows move, focus returns, alt text is the
 * file name), and other files as chips.
 */
import '../../styles.css';
import { page, userEvent } from 'vitest/browser';
import { TEST_TOKEN } from '../../../simulator/index.ts';
import { CASE_ID, installAttachmentHarness, pngFile } from '../../../test/attachmentsHarness.tsx';

const { state, mount } = installAttachmentHarness();

async function seedImages() {
  const bytes = new Uint8Array(await pngFile().arrayBuffer());
  for (const [id, name] of [
    ['img-1', 'before.png'],
    ['img-2', 'after.png'],
  ] as const)
    state.sim.accessories.set(id, { id, name, bytes });
  state.sim.accessories.set('log-1', { id: 'log-1', name: 'trace.log', bytes: new Uint8Array([65]) });
  state.sim.post(CASE_ID, {
    content: 'Two screenshots and the trace',
    replierType: 0,
    replierName: 'Li Wei',
    attachments: [
      { id: 'img-1', name: 'before.png' },
      { id: 'img-2', name: 'after.png' },
      { id: 'log-1', name: 'trace.log' },
    ],
  });
}

// A first poll, the thread's chunk, then an access URL and a download per image: seconds on a busy machine
// (WebKit under CI load took 1.5 s), not the one second vi.waitFor allows by default.
const chain = { timeout: 5000 };

const thumbnails = (host: HTMLElement) => [...host.querySelectorAll<HTMLButtonElement>('button.tc-thumb')];

describe('image attachments in the thread', () => {
  test('images are thumbnails from the signed URL, alt text the file name; other files stay chips', async () => {
    await seedImages();
    const host = mount();
    await expect.element(page.getByRole('button', { name: 'View image before.png' })).toBeVisible();
    await vi.waitFor(() => expect(host.querySelectorAll('button.tc-thumb img')).toHaveLength(2), chain);
    const img = host.querySelector<HTMLImageElement>('button.tc-thumb img');
    expect(img?.alt).toBe('before.png');
    expect(img?.src).toMatch(/\/osm\/sim-signed-files\/img-1\?/);
    await vi.waitFor(() => expect(img?.complete && img.naturalWidth).toBe(2), chain);
    await expect.element(page.getByRole('button', { name: 'Download trace.log' })).toBeVisible();
    // The token is in no URL and nowhere in the DOM.
    expect(host.innerHTML).not.toContain(TEST_TOKEN);
  });

  test('a thumbnail is its fixed box before and after its image arrives (a click lands where it was aimed)', async () => {
    await seedImages();
    const host = mount();
    await expect.element(page.getByRole('button', { name: 'View image after.png' })).toBeVisible();
    // Firefox and WebKit once sized it from a cyclic percentage: 2 px wide, growing as the image came in.
    const boxes = () => thumbnails(host).map((b) => [b.offsetWidth, b.offsetHeight]);
    expect(boxes()).toEqual([
      [160, 120],
      [160, 120],
    ]);
    await vi.waitFor(() => expect(host.querySelectorAll('button.tc-thumb img')).toHaveLength(2), chain);
    expect(boxes()).toEqual([
      [160, 120],
      [160, 120],
    ]);
  });

  test('without a signed URL the image is fetched with the token and shown from an object URL', async () => {
    await seedImages();
    state.sim.injectFault({ kind: 'http', status: 500 }, { endpoint: 'accessUrl', times: 10 });
    const host = mount();
    await vi.waitFor(() => expect(host.querySelectorAll('button.tc-thumb img')).toHaveLength(2), chain);
    const img = host.querySelector<HTMLImageElement>('button.tc-thumb img');
    expect(img?.src).toMatch(/^blob:/);
    const downloads = state.sim.requests.filter((r) => r.endpoint === 'download');
    expect(downloads.every((r) => r.hadToken)).toBe(true);
    await vi.waitFor(() => expect(img?.naturalWidth).toBe(2), chain);
  });

  test('the lightbox: opens on click, arrows move, Esc closes and focus returns to the thumbnail', async () => {
    await seedImages();
    const host = mount();
    const first = page.getByRole('button', { name: 'View image before.png' });
    await expect.element(first).toBeVisible();
    await userEvent.click(first);
    const dialog = page.getByRole('dialog', { name: 'before.png' });
    await expect.element(dialog).toBeVisible();
    await expect.element(page.getByRole('img', { name: 'before.png' }).last()).toBeVisible();
    expect(dialog.element().textContent).toContain('1 of 2');
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(page.getByRole('dialog', { name: 'after.png' })).toBeVisible();
    expect(page.getByRole('dialog').element().textContent).toContain('2 of 2');
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(page.getByRole('dialog', { name: 'before.png' })).toBeVisible();
    await userEvent.keyboard('{ArrowLeft}');
    await expect.element(page.getByRole('dialog', { name: 'after.png' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(host.querySelector('dialog')).toBeNull());
    expect(document.activeElement).toBe(thumbnails(host)[0]);
  });

  test('the close button closes it too and returns focus', async () => {
    await seedImages();
    const host = mount();
    const second = page.getByRole('button', { name: 'View image after.png' });
    await expect.element(second).toBeVisible();
    await userEvent.click(second);
    await userEvent.click(page.getByRole('button', { name: 'Close' }));
    await vi.waitFor(() => expect(host.querySelector('dialog')).toBeNull());
    expect(document.activeElement).toBe(thumbnails(host)[1]);
  });

  test('an uploaded screenshot shows as a thumbnail once the server copy arrives in a poll', async () => {
    const host = mount();
    const input = host.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, pngFile('crash.png'));
    // An upload, a send and the poll that brings the server copy.
    await vi.waitFor(() => expect(host.querySelector('[data-status="done"]')).not.toBeNull(), chain);
    await userEvent.type(page.getByRole('textbox', { name: 'Message' }), 'It crashes here{Enter}');
    await vi.waitFor(
      () => expect(host.querySelector('.tc-msg:not([data-delivery]) button.tc-thumb img')).not.toBeNull(),
      chain,
    );
    const img = host.querySelector<HTMLImageElement>('.tc-msg button.tc-thumb img');
    expect(img?.alt).toBe('crash.png');
  });
});
