import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { ServiceModel } from '../simulator/index.ts';
import { TicketChat, type TicketChatProps } from '../src/index.ts';
import { TIME_ZONE } from './fixtures.ts';
import { inBox } from './inBox.tsx';
import {
  isolatedDocs,
  type SimulatorParameters,
  simulatorOf,
  startSimulator,
  TICKETS,
  withSimulator,
} from './simulator.tsx';

const meta = {
  title: 'Connected/TicketChat',
  component: TicketChat,
  parameters: {
    ...isolatedDocs,
    docs: {
      ...isolatedDocs.docs,
      description: {
        component:
          'The whole conversation of one ticket inside `TicketChatProvider`: header, live thread, composer, error and session states. These stories run on the simulated ticket API (MSW), one fresh backend per story.',
      },
    },
  },
  beforeEach: startSimulator,
  decorators: [withSimulator, inBox({ blockSize: 560, display: 'grid' })],
  args: { caseId: TICKETS.rdsInProgress, intervalMs: 1000, timeZone: TIME_ZONE },
} satisfies Meta<typeof TicketChat>;
export default meta;
type Story = StoryObj<typeof meta>;
const simulate = (setup: (model: ServiceModel) => void): { simulator: SimulatorParameters } => ({
  simulator: { setup },
});

const WAIT = { timeout: 10_000 };
const log = (canvasElement: HTMLElement) => within(canvasElement).findByRole('log', {}, WAIT);
/** Resolves once the server's copy of a message we sent has replaced the local one. */
const delivered = (canvasElement: HTMLElement, text: string) =>
  waitFor(() => {
    const rows = [...canvasElement.querySelectorAll('[data-message-key]')].filter((el) =>
      el.textContent?.includes(text),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).not.toHaveAttribute('data-delivery');
  }, WAIT);

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect(
      await within(await log(canvasElement)).findByText('DBA 专家已加入会话。', {}, WAIT),
    ).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: simulate((m) => m.injectFault({ kind: 'latency', ms: 3_600_000 }, { times: 1000 })),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading messages…')).toBeInTheDocument();
  },
};

/** Agents reply every 2 seconds while the story is open (the interval stops on unmount). */
function WithAgentReplies({ model, ...props }: TicketChatProps & { model: ServiceModel }) {
  useEffect(() => {
    let n = 0;
    const timer = setInterval(() => {
      n += 1;
      model.post(props.caseId, {
        content: `Live update #${n}: still investigating.`,
        replierName: 'Chen Jing (Support)',
      });
    }, 2000);
    return () => clearInterval(timer);
  }, [model, props.caseId]);
  return <TicketChat {...props} />;
}
export const LivePolling: Story = {
  render: (args, context) => <WithAgentReplies {...args} model={simulatorOf(context).model} />,
  play: async ({ canvasElement }) => {
    await expect(
      await within(await log(canvasElement)).findByText(/^Live update #1:/, {}, WAIT),
    ).toBeVisible();
  },
};

/** An error inside an HTTP 200 shows an alert; Retry polls again. */
export const ErrorWithRetry: Story = {
  args: { intervalMs: 60_000 },
  parameters: simulate((m) =>
    m.injectFault(
      { kind: 'apiErrorIn200', code: 'OSM.0500', message: 'Service busy' },
      { endpoint: 'poll', times: 1 },
    ),
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, WAIT);
    await userEvent.click(within(alert).getByRole('button', { name: /Retry|重试/ }));
    await expect(
      await within(await log(canvasElement)).findByText('DBA 专家已加入会话。', {}, WAIT),
    ).toBeVisible();
    await waitFor(() => expect(canvas.queryByRole('alert')).toBeNull(), WAIT);
  },
};

/** HTTP 500 three times: "reconnecting" with back-off, then the thread. */
export const ServerErrors: Story = {
  parameters: simulate((m) => m.injectFault({ kind: 'http', status: 500 }, { endpoint: 'poll', times: 3 })),
};

/** Every token expired: polling stops; "Sign in" gets a new token and the thread loads. */
export const AuthError: Story = {
  parameters: simulate((m) => m.expireAllTokens()),
  render: (args, context) => <TicketChat {...args} onSignIn={simulatorOf(context).signIn} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, WAIT);
    await userEvent.click(within(alert).getByRole('button', { name: /^(Sign in|登录)/ }));
    await expect(
      await within(await log(canvasElement)).findByText('DBA 专家已加入会话。', {}, WAIT),
    ).toBeVisible();
  },
};

export const ClosedTicket: Story = {
  args: { caseId: TICKETS.cdnCompleted },
  play: async ({ canvasElement }) => {
    await waitFor(
      () => expect(within(canvasElement).getByRole('textbox')).toHaveAttribute('aria-disabled', 'true'),
      WAIT,
    );
  },
};

export const EmptyThread: Story = {
  args: { caseId: 'CS20250316000001' },
  parameters: simulate((m) => m.addTicket({ id: 'CS20250316000001', status: 0, chatStatus: 1 })),
};

export const LongHistory: Story = { args: { caseId: TICKETS.sshLongHistory } };

/** Typing and sending: the message shows at once, then the server's copy replaces it. */
export const SendMessage: Story = {
  args: { locale: 'en-US' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await log(canvasElement);
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'Message' }),
      'Index added, CPU is back to 30%.',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await delivered(canvasElement, 'Index added, CPU is back to 30%.');
  },
};

/** The send endpoint answers slowly: the message stays "Sending…". */
export const Sending: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) =>
    m.injectFault({ kind: 'latency', ms: 3_600_000 }, { endpoint: 'send', times: 10 }),
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await log(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Is anyone there?{Enter}');
    await expect(await canvas.findByText('Sending…')).toBeInTheDocument();
  },
};

/** The first send fails (HTTP 500): the message is marked not sent; Retry delivers it. */
export const FailedSendAndRetry: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => m.injectFault({ kind: 'http', status: 500 }, { endpoint: 'send', times: 1 })),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await log(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Please escalate.{Enter}');
    await expect(await canvas.findByText('Not sent.', {}, WAIT)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await delivered(canvasElement, 'Please escalate.');
  },
};

export const Chinese: Story = { globals: { locale: 'zh-CN' } };
export const Dark: Story = { args: { caseId: TICKETS.billingAwaiting }, globals: { theme: 'dark' } };
