import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import type { ServiceModel } from '../simulator/index.ts';
import { CaseUnreadBadge, type CaseUnreadBadgeProps } from '../src/index.ts';
import { framedDocs, simulatorOf, startSimulator, TICKETS, withSimulator } from './simulator.tsx';

const meta = {
  title: 'Connected/CaseUnreadBadge',
  component: CaseUnreadBadge,
  parameters: {
    docs: {
      // One badge (a 20-px pill) per story; the nav bar story sets its own height.
      ...framedDocs('1.5rem').docs,
      description: {
        component:
          'A ticket’s unread count for nav bars (`useUnread` + `UnreadBadge`). All badges of a page share one unread request per interval. Runs on the simulated API.',
      },
    },
  },
  beforeEach: startSimulator,
  decorators: [withSimulator],
  args: { caseId: TICKETS.rdsInProgress, intervalMs: 1000 },
} satisfies Meta<typeof CaseUnreadBadge>;
export default meta;
type Story = StoryObj<typeof meta>;
const WAIT = { timeout: 10_000 };

export const Default: Story = {
  args: { locale: 'en-US' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('3 unread messages', {}, WAIT)).toBeInTheDocument();
  },
};

export const OverMax: Story = {
  parameters: {
    simulator: {
      setup: (m: ServiceModel) => {
        const ticket = m.ticket(TICKETS.rdsInProgress);
        if (ticket) ticket.unread = 120;
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('99+', {}, WAIT)).toBeVisible();
  },
};

/** Nothing unread: no badge (this preview stays empty on purpose). */
export const NothingUnread: Story = { args: { caseId: TICKETS.cdnCompleted } };

const NAV_LINK = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'space-between',
  gap: 8,
  minBlockSize: 44,
  paddingInline: 8,
  color: 'inherit',
} as const;
/** A nav bar: every badge shares one request; a reply arrives every 2 seconds on the first ticket. */
function NavWithReplies({ model, ...props }: CaseUnreadBadgeProps & { model: ServiceModel }) {
  useEffect(() => {
    const timer = setInterval(() => model.post(TICKETS.sshLongHistory, { content: 'Any update?' }), 2000);
    return () => clearInterval(timer);
  }, [model]);
  return (
    <nav aria-label="Tickets">
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 4, maxInlineSize: 320 }}>
        {Object.values(TICKETS).map((id) => (
          <li key={id}>
            {/* 44-px rows: big enough for a finger. */}
            <a href={`#${id}`} style={NAV_LINK}>
              {id} <CaseUnreadBadge {...props} caseId={id} />
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
export const LiveNavBar: Story = {
  args: { locale: 'en-US' },
  parameters: framedDocs('236px'),
  render: (args, context) => <NavWithReplies {...args} model={simulatorOf(context).model} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const link = await canvas.findByRole('link', { name: new RegExp(TICKETS.sshLongHistory) });
    // Seeded with 2 unread; the agent's replies raise it.
    await waitFor(() => expect(link).toHaveAccessibleName(/ ([3-9]|\d{2,}) unread messages$/), WAIT);
  },
};
export const Chinese: Story = { globals: { locale: 'zh-CN' } };
