/**
 * Enter on a touch screen, in Chromium. The coarse pointer is Chromium's own touch emulation (DevTools
 * protocol `Emulation.setTouchEmulationEnabled`, as in device mode), not a stubbed `matchMedia`: the
 * media query, its change event and the real key events are the browser's.
 */
import '../../styles.css';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { cdp, page, userEvent } from 'vitest/browser';
import { Composer } from './Composer.tsx';

const touchScreen = (enabled: boolean) =>
  cdp().send('Emulation.setTouchEmulationEnabled', enabled ? { enabled, maxTouchPoints: 5 } : { enabled });
const coarse = () => matchMedia('(pointer: coarse)').matches;

let root: Root | undefined;
afterEach(async () => {
  root?.unmount();
  root = undefined;
  document.body.replaceChildren();
  await touchScreen(false);
});

function mount(onSend: (text: string) => void) {
  const host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  flushSync(() => root?.render(<Composer onSend={onSend} locale="en-US" />));
}
const field = () => page.getByRole('textbox', { name: 'Message' });

describe('Composer on a touch screen', () => {
  test('Enter adds a line, the Send button sends, and the hint and the Enter key label say so', async () => {
    await touchScreen(true);
    expect(coarse()).toBe(true);
    const onSend = vi.fn();
    mount(onSend);
    await userEvent.click(field());
    await userEvent.keyboard('first line{Enter}second line');
    expect(onSend).not.toHaveBeenCalled();
    await expect.element(field()).toHaveValue('first line\nsecond line');
    await expect.element(field()).toHaveAttribute('enterkeyhint', 'enter');
    await expect.element(field()).toHaveAccessibleDescription('Tap Send to send; Return adds a new line');
    await userEvent.click(page.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('first line\nsecond line');
    await expect.element(field()).toHaveValue('');
  });

  test('follows the pointer as it changes: Enter sends again once the pointer is fine', async () => {
    await touchScreen(true);
    const onSend = vi.fn();
    mount(onSend);
    await expect.element(field()).toHaveAttribute('enterkeyhint', 'enter');
    await touchScreen(false);
    // The browser's own state first (Chromium re-evaluates the query on a later rendering update).
    await expect.poll(coarse, { timeout: 5000 }).toBe(false);
    // By the change event, or at the latest when the reader presses the field.
    await userEvent.click(field());
    await expect.element(field()).toHaveAttribute('enterkeyhint', 'send');
    await expect.element(field()).toHaveAccessibleDescription('Enter to send, Shift+Enter for a new line');
    await userEvent.keyboard('hello{Enter}');
    expect(onSend).toHaveBeenCalledWith('hello');
  });
});
