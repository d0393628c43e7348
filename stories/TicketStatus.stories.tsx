import type { Meta, StoryObj } from '@storybook/react-vite';
import { TICKET_STATUSES } from '../src/components/TicketStatus/ticketStatusCodes.ts';
import { TicketStatus } from '../src/index.ts';

const meta = {
  title: 'Components/TicketStatus',
  component: TicketStatus,
  parameters: {
    docs: {
      description: {
        component:
          'Ticket status pill: text plus, for each documented code, a tone colour and an icon of its own (never colour alone); anything else reads "Unknown status" in an outlined pill with a question mark.',
      },
    },
  },
  args: { status: 1 },
} satisfies Meta<typeof TicketStatus>;
export default meta;
type Story = StoryObj<typeof meta>;

export const PendingAcceptance: Story = { args: { status: 0 } };
export const InProgress: Story = { args: { status: 1 } };
export const AwaitingConfirmation: Story = { args: { status: 2 } };
export const Completed: Story = { args: { status: 3 } };
export const Withdrawn: Story = { args: { status: 4 } };
export const Invalid: Story = { args: { status: 12 } };
export const AwaitingFeedback: Story = { args: { status: 17 } };
export const UnknownCode: Story = { args: { status: 99 } };
export const Missing: Story = { args: { status: null } };

/** Every documented code side by side (plus unknown). */
export const All: Story = {
  render: (args) => (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
      {[...Object.keys(TICKET_STATUSES).map(Number), 99].map((code) => (
        <TicketStatus key={code} {...args} status={code} />
      ))}
    </div>
  ),
};
export const AllChinese: Story = { ...All, args: { locale: 'zh-CN' } };
