import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  MessageThread,
  type MessageThreadProps,
  preloadTicketChat,
  type ThreadMessage,
} from '../src/index.ts';
import * as fx from './fixtures.ts';
import { inBox } from './inBox.tsx';

const meta = {
  title: 'Components/MessageThread',
  component: MessageThread,
  parameters: {
    docs: {
      description: {
        component:
          'The message list of one ticket (presentational): day and unread separators in the viewer’s zone, sender groups, links, attachments, delivery states, virtualized long threads, and scrolling that keeps the reader’s place.',
      },
    },
  },
  args: {
    messages: fx.shortThread,
    now: fx.NOW,
    timeZone: fx.TIME_ZONE,
    onAttachmentClick: fn(),
    onRetry: fn(),
  },
  decorators: [inBox({ blockSize: 480, maxInlineSize: 720 })],
  // The package's MessageThread loads its chunk at mount: loaded first, a story shows the thread at once.
  loaders: [
    async () => {
      await preloadTicketChat();
    },
  ],
} satisfies Meta<typeof MessageThread>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = { args: { messages: [] } };
export const Short: Story = {};
export const AcrossDays: Story = { args: { messages: fx.acrossDays } };
export const MixedRepliers: Story = { args: { messages: fx.mixedRepliers } };
export const UnreadSeparator: Story = {
  args: { messages: fx.unreadThread.messages, unreadFromKey: fx.unreadThread.unreadFromKey },
};
export const LongWordsAndFileNames: Story = { args: { messages: fx.longContent } };
export const Chinese: Story = { args: { messages: fx.zhThread, locale: 'zh-CN' } };
export const English: Story = { args: { messages: fx.acrossDays, locale: 'en-US' } };
export const Light: Story = { args: { messages: fx.mixedRepliers }, globals: { theme: 'light' } };
export const Dark: Story = { args: { messages: fx.withAttachments }, globals: { theme: 'dark' } };
export const DarkChinese: Story = {
  args: { messages: fx.sendingAndFailed, locale: 'zh-CN' },
  globals: { theme: 'dark' },
};

/** Clicking a chip calls `onAttachmentClick` with the attachment and its message. */
export const Attachments: Story = {
  args: { messages: fx.withAttachments, locale: 'en-US', busyAttachmentIds: ['acc-zip'] },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Download invoice-2025-03.pdf' }));
    await expect(args.onAttachmentClick).toHaveBeenCalledWith(
      fx.attachments.pdf,
      expect.objectContaining({ key: fx.withAttachments[2]?.key }),
    );
  },
};

/** Local messages: one still sending, one failed with a retry button. */
export const SendingAndFailed: Story = {
  args: { messages: fx.sendingAndFailed, locale: 'en-US' },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Sending…')).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await expect(args.onRetry).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'local:2', delivery: 'failed' }),
    );
  },
};

/** Failed sends say why, each with Retry and Discard (a dashed red bubble and a "!" : not colour alone). */
export const FailedWithReason: Story = {
  args: {
    messages: [
      ...fx.shortThread,
      ...fx.sendingAndFailed.slice(-1).map((m) => ({ ...m, failure: { reason: 'busy' as const } })),
      {
        ...fx.sendingAndFailed.at(-1),
        key: 'local:3',
        content: 'Here is the log.',
        failure: { reason: 'refused' as const, detail: 'Attachments of this type are not allowed.' },
      } as ThreadMessage,
    ],
    locale: 'en-US',
    onDiscard: fn(),
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('The service is busy.')).toBeInTheDocument();
    await expect(canvas.getByText('Attachments of this type are not allowed.')).toBeInTheDocument();
    const discards = canvas.getAllByRole('button', { name: 'Discard' });
    await expect(discards).toHaveLength(2);
    await userEvent.click(discards[1] as HTMLElement);
    await expect(args.onDiscard).toHaveBeenCalledWith(expect.objectContaining({ key: 'local:3' }));
  },
};
export const FailedWithReasonDark: Story = {
  ...FailedWithReason,
  play: undefined,
  globals: { theme: 'dark' },
};

const tenThousand = fx.generateThread(10_000);
/** 10,000 deterministic messages: virtualized, opens at the newest. */
export const TenThousandMessages: Story = {
  args: { messages: tenThousand, locale: 'en-US' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const wait = { timeout: 10_000 };
    await waitFor(
      () => expect(canvasElement.querySelector('.tc-thread')).toHaveAttribute('data-mode', 'virtual'),
      wait,
    );
    await expect(await canvas.findByText(/^#10000 /, {}, wait)).toBeInTheDocument();
    await expect(canvasElement.querySelectorAll('[data-message-key]').length).toBeLessThan(200);
  },
};

/** A thread that receives a reply when the button is pressed (for the scroll rules). */
function ThreadWithIncoming(props: MessageThreadProps) {
  const [messages, setMessages] = useState(props.messages);
  const addReply = () =>
    setMessages((list) => [
      ...list,
      fx.msg(fx.support, `Reply number ${list.length + 1} from support.`, 0, {
        key: `incoming-${list.length}#0`,
      }),
    ]);
  return (
    <div style={{ display: 'grid', gridTemplateRows: 'auto 1fr', blockSize: '100%', gap: 8 }}>
      <button type="button" onClick={addReply} style={{ justifySelf: 'start' }}>
        Simulate a reply
      </button>
      <MessageThread {...props} messages={messages} />
    </div>
  );
}

/** Scrolled up, a new reply shows "1 new message"; pressing it jumps to the newest. */
export const JumpToLatest: Story = {
  args: { messages: fx.generateThread(60), locale: 'en-US' },
  render: (args) => <ThreadWithIncoming {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const log = canvas.getByRole('log');
    const atBottom = () => log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    await waitFor(() => expect(atBottom()).toBe(true));
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(log.scrollTop).toBe(0));
    await userEvent.click(canvas.getByRole('button', { name: 'Simulate a reply' }));
    const jump = await canvas.findByRole('button', { name: '1 new message' });
    await expect(atBottom()).toBe(false);
    await userEvent.click(jump);
    await waitFor(() => expect(atBottom()).toBe(true));
    await waitFor(() => expect(canvas.queryByRole('button', { name: '1 new message' })).toBeNull());
  },
};

const threeDays = fx.generateThread(1_200); // a message every 3 minutes: about two and a half days
/** Long thread: while scrolling, the day of the top row stays pinned at the top ("Today", "Yesterday", a date). */
export const StickyDayWhileScrolling: Story = {
  args: { messages: threeDays, locale: 'en-US' },
  play: async ({ canvasElement }) => {
    const sticky = () => canvasElement.querySelector('.tc-thread__sticky-day');
    await waitFor(() => expect(sticky()).toHaveTextContent(/^Today$/), { timeout: 10_000 });
  },
};

/**
 * A message that cannot be rendered (here: untyped data whose text throws when read) replaces the thread
 * with an alert and a Retry; the error goes to `onError`, the page around it stays.
 */
export const RenderErrorStaysInside: Story = {
  args: { messages: fx.shortThread, locale: 'en-US', onError: fn() },
  render: (args) => {
    const broken = { ...fx.shortThread[0], key: 'broken#0' } as ThreadMessage;
    Object.defineProperty(broken, 'content', {
      get() {
        throw new TypeError('content is not readable');
      },
    });
    return <MessageThread {...args} messages={[...args.messages, broken]} />;
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent("Couldn't show the conversation.");
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    await expect(args.onError).toHaveBeenCalledWith(expect.any(TypeError), expect.anything());
  },
};
