import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { UnreadBadge } from '../src/index.ts';

const meta = {
  title: 'Components/UnreadBadge',
  component: UnreadBadge,
  parameters: {
    docs: {
      description: {
        component:
          'Unread count for nav links. Renders nothing at 0, caps the visible text at `max` ("99+"), and keeps the full count in the accessible name.',
      },
    },
  },
  args: { count: 1 },
} satisfies Meta<typeof UnreadBadge>;
export default meta;
type Story = StoryObj<typeof meta>;

export const One: Story = { args: { count: 1 } };
export const NinetyNine: Story = { args: { count: 99 } };
export const OverMax: Story = {
  args: { count: 120, locale: 'en-US' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('99+')).toBeVisible();
    await expect(canvas.getByText('120 unread messages')).toBeInTheDocument();
  },
};
export const CustomMax: Story = { args: { count: 12, max: 9 } };
/** At 0 nothing renders: this preview stays empty on purpose. */
export const Zero: Story = {
  args: { count: 0 },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.tc-unread-badge')).toBeNull();
  },
};
export const Chinese: Story = { args: { count: 100, locale: 'zh-CN' } };

/** In a nav link the link's accessible name carries the full count. */
export const InNavLink: Story = {
  args: { count: 3 },
  render: (args) => (
    <a
      href="#ticket"
      style={{ display: 'inline-flex', gap: '0.5rem', alignItems: 'center', color: 'inherit' }}
    >
      CS20250315000333 <UnreadBadge {...args} />
    </a>
  ),
};
export const Dark: Story = { args: { count: 7 }, globals: { theme: 'dark' } };
