import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Composer } from '../src/components/Composer/Composer.tsx';
import { inBox } from './inBox.tsx';

const meta = {
  title: 'Components/Composer',
  component: Composer,
  parameters: {
    docs: {
      description: {
        component:
          'Message field and send button: Enter sends, Shift+Enter adds a line, an IME confirmation never sends; a counter near the limit; when it cannot send, the button says why.',
      },
    },
  },
  args: { onSend: fn() },
  decorators: [inBox({ maxInlineSize: 640 })],
} satisfies Meta<typeof Composer>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Enter sends the trimmed text and clears the field; Shift+Enter adds a line. */
export const Default: Story = {
  args: { locale: 'en-US' },
  play: async ({ args, canvasElement }) => {
    const field = within(canvasElement).getByRole('textbox', { name: 'Message' });
    await userEvent.type(field, '  First line{Shift>}{Enter}{/Shift}second line  {Enter}');
    await expect(args.onSend).toHaveBeenCalledWith('First line\nsecond line');
    await expect(field).toHaveValue('');
  },
};

/** Near the limit a counter shows; over it the send button explains instead of sending. */
export const NearTheLimit: Story = {
  args: { maxLength: 60, counterThreshold: 20, locale: 'en-US' },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox'), 'x'.repeat(65));
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(args.onSend).not.toHaveBeenCalled();
    await expect(canvas.getByRole('button', { name: 'Send' })).toHaveAccessibleDescription(
      'The message is over the 60-character limit. Shorten it to send.',
    );
  },
};

/** Cannot send: field and button stay focusable (read-only, aria-disabled) and are described by the reason. */
export const ClosedTicket: Story = {
  args: {
    disabled: true,
    disabledReason: "This ticket is closed, so new messages can't be sent.",
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByRole('textbox');
    await expect(field).toHaveAttribute('aria-disabled', 'true');
    await expect(field).toHaveAccessibleDescription(args.disabledReason ?? '');
    await userEvent.click(field);
    await expect(field).toHaveFocus();
    await userEvent.keyboard('x{Enter}');
    await expect(args.onSend).not.toHaveBeenCalled();
  },
};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };
