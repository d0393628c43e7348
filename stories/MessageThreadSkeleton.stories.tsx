import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { MessageThreadSkeleton } from '../src/components/MessageThread/MessageThreadSkeleton.tsx';
import { inBox } from './inBox.tsx';

const meta = {
  title: 'Components/MessageThreadSkeleton',
  component: MessageThreadSkeleton,
  parameters: {
    docs: {
      description: {
        component: 'Placeholder bubbles while the first page of a thread loads (aria-busy, one status line).',
      },
    },
  },
  decorators: [inBox({ blockSize: 360 })],
} satisfies Meta<typeof MessageThreadSkeleton>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  args: { locale: 'en-US' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading messages…');
  },
};
export const Chinese: Story = { args: { locale: 'zh-CN' } };
export const Dark: Story = { globals: { theme: 'dark' } };
