/**
 * The composer by keyboard alone, in Chromium, Firefox and WebKit with each engine's own key events: Tab
 * reaches the field, Shift+Enter adds a line, Enter sends, and focus stays in the field for the next message.
 */
import '../../styles.css';
import { page, userEvent } from 'vitest/browser';
import { CASE_ID, installAttachmentHarness } from '../../../test/attachmentsHarness.tsx';

const { state, mount } = installAttachmentHarness();

const sent = () => state.sim.ticket(CASE_ID)?.messages ?? [];

describe('the composer by keyboard', () => {
  test('Tab reaches the field; Shift+Enter adds a line, Enter sends both lines; focus stays', async () => {
    mount();
    const field = page.getByRole('textbox', { name: 'Message' });
    await expect.element(field).toBeVisible();
    const element = field.element() as HTMLTextAreaElement;
    for (let i = 0; i < 12 && document.activeElement !== element; i++) await userEvent.tab();
    expect(document.activeElement).toBe(element);
    await userEvent.keyboard('first line{Shift>}{Enter}{/Shift}second line');
    expect(element.value).toBe('first line\nsecond line');
    expect(sent()).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(sent()).toHaveLength(1));
    expect(sent()[0]?.content).toBe('first line\nsecond line');
    await expect.element(field).toHaveValue('');
    expect(document.activeElement).toBe(element);
    await expect.element(page.getByText('second line')).toBeVisible();
  });
});
