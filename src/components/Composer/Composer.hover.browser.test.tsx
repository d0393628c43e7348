/** The Send button under the pointer, in Chromium: a disabled Send keeps its disabled look. */
import '../../styles.css';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { page, userEvent } from 'vitest/browser';
import { Composer } from './Composer.tsx';

let root: Root | undefined;
afterEach(() => {
  root?.unmount();
  root = undefined;
  document.body.replaceChildren();
});

const send = () => page.getByRole('button', { name: 'Send' });
/** The button's background once its colour transition has finished. */
async function background() {
  const button = send().element() as HTMLElement;
  await Promise.all(button.getAnimations().map((a) => a.finished));
  return getComputedStyle(button).backgroundColor;
}

test('hovering a disabled Send (nothing typed, or just after a send) leaves it looking disabled', async () => {
  const host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  flushSync(() => root?.render(<Composer onSend={() => {}} locale="en-US" />));
  const idle = await background();
  await userEvent.hover(send());
  expect(await background()).toBe(idle);
  // Enabled, the hover darkens it.
  await userEvent.type(page.getByRole('textbox', { name: 'Message' }), 'hello');
  await userEvent.unhover(send());
  const enabled = await background();
  await userEvent.hover(send());
  expect(await background()).not.toBe(enabled);
  // Sent with the pointer resting on it: disabled again, and it looks so.
  await userEvent.click(send());
  expect(await background()).toBe(idle);
});
