import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ThreadAlert } from '../src/components/MessageThread/ThreadAlert.tsx';

const meta = {
  title: 'Components/ThreadAlert',
  component: ThreadAlert,
  parameters: {
    docs: {
      description: { component: 'An error announced at once (role="alert"), with an optional retry button.' },
    },
  },
  args: { message: 'Messages could not be loaded. Check your connection.', onRetry: fn() },
} satisfies Meta<typeof ThreadAlert>;
export default meta;
type Story = StoryObj<typeof meta>;

export const WithRetry: Story = {
  args: { locale: 'en-US' },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Retry' }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
};
/** Retry and a "Dismiss" button (named for screen readers), e.g. a failed download. */
export const Dismissible: Story = {
  args: { locale: 'en-US', message: "Couldn't download invoice-2025-03.pdf.", onDismiss: fn() },
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Dismiss' }));
    await expect(args.onDismiss).toHaveBeenCalledOnce();
  },
};
export const DismissibleDark: Story = { ...Dismissible, play: undefined, globals: { theme: 'dark' } };
export const WithoutRetry: Story = { args: { onRetry: undefined, message: 'Your session has expired.' } };
export const Chinese: Story = { args: { message: '消息加载失败，请检查网络连接。', locale: 'zh-CN' } };
export const Dark: Story = { args: { locale: 'en-US' }, globals: { theme: 'dark' } };
