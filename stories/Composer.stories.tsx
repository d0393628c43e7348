import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Composer, MAX_MESSAGE_LENGTH } from '../src/components/Composer/Composer.tsx';
import { storeDraft } from '../src/components/Composer/draftStorage.ts';
import { inBox } from './inBox.tsx';

const meta = {
  title: 'Components/Composer',
  component: Composer,
  parameters: {
    docs: {
      description: {
        component:
          'Message field and send button: Enter sends, Shift+Enter adds a line, an IME confirmation never sends; on a touch screen Enter adds a line and the button sends; a counter near the limit; drafts kept per ticket; when it cannot send, a notice says why.',
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

/** A ticket closed with nothing typed: a notice, no empty field and no Send. */
export const ClosedTicket: Story = {
  args: {
    locale: 'en-US',
    disabled: true,
    disabledReason: "This ticket is closed, so new messages can't be sent.",
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(args.disabledReason ?? '')).toBeVisible();
    await expect(canvas.queryByRole('textbox')).toBeNull();
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

const draft = (key: string, text: string) => () => {
  storeDraft(key, text);
  return () => {
    storeDraft(key, '');
  };
};
const LONG_DRAFT =
  "The export to CSV still stops at the first 500 rows after yesterday's update, on both accounts. ".repeat(
    20,
  );

/** A ticket closed after the customer began a reply: the draft stays, read-only, to select and copy. */
export const ClosedTicketWithDraft: Story = {
  args: {
    ...ClosedTicket.args,
    draftKey: 'story-closed-with-draft',
    persistDraft: true,
  },
  beforeEach: draft('story-closed-with-draft', 'Thanks! One more question about the invoice from March:'),
  play: async ({ canvasElement }) => {
    const field = within(canvasElement).getByRole('textbox', { name: 'Message' });
    await expect(field).toHaveValue('Thanks! One more question about the invoice from March:');
    await expect(field).toHaveAttribute('readonly');
    await expect(field).toHaveAccessibleDescription(
      "This ticket is closed, so new messages can't be sent. Your unsent message is kept above: select it to copy.",
    );
  },
};

/** Back on a ticket after a reload: the draft kept in storage for this ticket and user is there again. */
export const DraftRestored: Story = {
  args: { locale: 'en-US', draftKey: 'story-draft-restored', persistDraft: true },
  beforeEach: draft('story-draft-restored', 'I tried the steps you sent, and'),
  play: async ({ canvasElement }) => {
    const field = within(canvasElement).getByRole('textbox', { name: 'Message' });
    await expect(field).toHaveValue('I tried the steps you sent, and');
  },
};

/** Close to the service's 2000-character limit: the counter shows what is left. */
export const CounterNearTheLimit: Story = {
  args: { locale: 'en-US', draftKey: 'story-counter', persistDraft: true },
  beforeEach: draft('story-counter', LONG_DRAFT),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(`${MAX_MESSAGE_LENGTH - LONG_DRAFT.length} characters left`)).toBeVisible();
  },
};

/**
 * On a touch screen (coarse pointer) Enter adds a line and only the button sends; the hint says so and
 * the soft keyboard's Enter key is a plain return. The story stands in for a phone by answering
 * `(pointer: coarse)` itself (the real media query is tested in Chromium's touch emulation).
 */
export const TouchScreen: Story = {
  args: { locale: 'en-US' },
  beforeEach: () => {
    const real = window.matchMedia;
    window.matchMedia = (query: string) => {
      if (query !== '(pointer: coarse)') return real.call(window, query);
      const list: Pick<MediaQueryList, 'matches' | 'media' | 'addEventListener' | 'removeEventListener'> = {
        matches: true,
        media: query,
        addEventListener: () => {},
        removeEventListener: () => {},
      };
      return list as MediaQueryList;
    };
    return () => {
      window.matchMedia = real;
    };
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByRole('textbox', { name: 'Message' });
    await expect(canvas.getByText('Tap Send to send; Return adds a new line')).toBeVisible();
    await expect(field).toHaveAttribute('enterkeyhint', 'enter');
    await userEvent.type(field, 'First line{Enter}second line');
    await expect(args.onSend).not.toHaveBeenCalled();
    await expect(field).toHaveValue('First line\nsecond line');
  },
};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };
