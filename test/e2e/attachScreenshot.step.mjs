// A step for test/e2e/portal.e2e.mjs (the e2e drivers are being reworked elsewhere; the lead adds it there):
//
//   import { attachScreenshotStep } from './attachScreenshot.step.mjs';
//   ...inside run(async (step) => { ... }), after "a sent message appears and is delivered":
//   await attachScreenshotStep(step, page, chat);
//
// Attaches a real PNG through the composer's "Attach files" picker (Playwright fills the hidden
// <input type="file" multiple>), waits for the upload, sends, and waits for the thumbnail of the SERVER's copy
// (a row without data-delivery, so it came back in a poll) with the file name as its alt text.

/** A valid 2x2 PNG (the one the attachment browser tests decode), in memory: no fixture file to keep. */
const SCREENSHOT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mNk+M9Qz0AEYBxVSF+FAP5FDvcfRYWgAAAAAElFTkSuQmCC',
  'base64',
);

export async function attachScreenshotStep(step, page, chat) {
  await step('attaching a screenshot shows its thumbnail after the next poll', async () => {
    const name = 'billing-page-screenshot.png';
    await chat.getByRole('button', { name: 'Attach files' }).waitFor();
    await chat
      .locator('input[type="file"]')
      .setInputFiles({ name, mimeType: 'image/png', buffer: SCREENSHOT_PNG });
    await chat.locator('.tc-pending__item[data-status="done"]').waitFor();
    await chat.getByRole('textbox', { name: 'Message' }).fill('Here is what the billing page shows.');
    await chat.getByRole('button', { name: 'Send' }).click();
    // The server's copy (no data-delivery) carries the attachment: its thumbnail is an image named by the file.
    await chat
      .locator(`[data-message-key]:not([data-delivery]) button.tc-thumb img[alt="${name}"]`)
      .waitFor();
    const loaded = await page.waitForFunction((alt) => {
      const img = document.querySelector(`button.tc-thumb img[alt="${alt}"]`);
      return img?.complete && img.naturalWidth > 0;
    }, name);
    await loaded.dispose();
  });
}
