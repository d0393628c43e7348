import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { type CSSProperties, useEffect } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { Fault, ServiceModel } from '../simulator/index.ts';
import { TicketChat, type TicketChatProps } from '../src/index.ts';
import { TIME_ZONE } from './fixtures.ts';
import {
  framedDocs,
  type SimulatorParameters,
  simulatorOf,
  startSimulator,
  TICKETS,
  withSimulator,
} from './simulator.tsx';

/**
 * Every state of the chat is its own story and stays in that state (faults that keep failing, a session
 * that stays expired). A recovery is a story of its own whose `play` presses the button and checks the
 * healthy thread that follows.
 */

/** The chat fills its container: a 560-px box, or the story's `parameters.chatBox`. */
const CHAT_BOX: CSSProperties = { display: 'grid', blockSize: 560 };
const chatBox: Decorator = (Story, { parameters }) => (
  <div style={{ ...CHAT_BOX, ...(parameters.chatBox as CSSProperties | undefined) }}>
    <Story />
  </div>
);

const meta = {
  title: 'Connected/TicketChat',
  component: TicketChat,
  parameters: {
    docs: {
      ...framedDocs(`${CHAT_BOX.blockSize}px`).docs,
      description: {
        component:
          'The whole conversation of one ticket inside `TicketChatProvider`: header, live thread, composer, error and session states. These stories run on the simulated ticket API (MSW), one fresh backend per story. Each state stays as it is; the stories ending in "recovers", "retried" or "signed in again" press the button and show what follows.',
      },
    },
  },
  beforeEach: startSimulator,
  decorators: [withSimulator, chatBox],
  args: { caseId: TICKETS.rdsInProgress, intervalMs: 1000, timeZone: TIME_ZONE },
} satisfies Meta<typeof TicketChat>;
export default meta;
type Story = StoryObj<typeof meta>;

const simulate = (setup: (model: ServiceModel) => void): { simulator: SimulatorParameters } => ({
  simulator: { setup },
});
/** More failures than a story open for hours would use up: the fault never runs out. */
const FOREVER = 100_000;
/** The first poll answers normally, every later one fails with `fault` (`times` times). */
const failAfterFirstPoll = (model: ServiceModel, fault: Fault, times = FOREVER) => {
  model.injectFault({ kind: 'latency', ms: 0 }, { endpoint: 'poll', times: 1 });
  model.injectFault(fault, { endpoint: 'poll', times });
};

const WAIT = { timeout: 10_000 };
const LAST_SEEDED = 'DBA 专家已加入会话。';
const log = (canvasElement: HTMLElement) => within(canvasElement).findByRole('log', {}, WAIT);
/** Resolves once `text` is shown in the thread. */
const shown = async (canvasElement: HTMLElement, text: string | RegExp) =>
  expect(await within(await log(canvasElement)).findByText(text, {}, WAIT)).toBeVisible();
/** The thread's row holding `text` (exactly one). */
const rowWith = (canvasElement: HTMLElement, text: string) => {
  const rows = [...canvasElement.querySelectorAll('[data-message-key]')].filter((el) =>
    el.textContent?.includes(text),
  );
  expect(rows).toHaveLength(1);
  return rows[0] as HTMLElement;
};
/** Resolves once the server's copy of a message we sent has replaced the local one. */
const delivered = (canvasElement: HTMLElement, text: string) =>
  waitFor(() => expect(rowWith(canvasElement, text)).not.toHaveAttribute('data-delivery'), WAIT);
const noAlert = (canvasElement: HTMLElement) =>
  waitFor(() => expect(within(canvasElement).queryByRole('alert')).toBeNull(), WAIT);
const composerEnabled = (canvasElement: HTMLElement) =>
  waitFor(
    () => expect(within(canvasElement).getByRole('textbox')).not.toHaveAttribute('aria-disabled', 'true'),
    WAIT,
  );
/**
 * Writes `text` and presses Send. One paste and a click, not keystrokes and Enter: on a docs page the
 * stories' iframes play at the same time and take the focus from each other, and a click needs none.
 */
const sendText = async (canvasElement: HTMLElement, text: string) => {
  const canvas = within(canvasElement);
  await log(canvasElement);
  await userEvent.click(canvas.getByRole('textbox', { name: 'Message' }));
  await userEvent.paste(text);
  await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
};
const agentSays = (model: ServiceModel, content: string) =>
  model.post(TICKETS.rdsInProgress, { content, replierName: 'Chen Jing (Support)' });

// ——— The thread ———

export const Default: Story = {
  play: async ({ canvasElement }) => {
    await shown(canvasElement, LAST_SEEDED);
  },
};

/** The first answer never comes: the skeleton stays. */
export const Loading: Story = {
  parameters: simulate((m) => m.injectFault({ kind: 'latency', ms: 3_600_000 }, { times: FOREVER })),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading messages…', {}, WAIT)).toBeInTheDocument();
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
    await shown(canvasElement, /^Live update #1:/);
  },
};

export const EmptyThread: Story = {
  args: { caseId: 'CS20250316000001' },
  parameters: simulate((m) => m.addTicket({ id: 'CS20250316000001', status: 0, chatStatus: 1 })),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/^No messages yet/, {}, WAIT)).toBeVisible();
  },
};

/** Completed: a notice replaces the composer and says why; polling slows down. */
export const ClosedTicket: Story = {
  args: { caseId: TICKETS.cdnCompleted, locale: 'en-US' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText("This ticket is closed, so new messages can't be sent.", {}, WAIT),
    ).toBeVisible();
    await expect(canvas.queryByRole('textbox')).toBeNull();
  },
};

/** A ticket number that can never be valid: a neutral message, no request, no composer. */
export const InvalidTicket: Story = {
  args: { caseId: 'CS'.padEnd(65, '0') },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert', {}, WAIT)).toHaveTextContent(
      /invalid ticket/,
    );
  },
};

// ——— Older history ———

/** The first answer carries the latest 50 of ~300 messages; older ones load on request. */
export const LongHistory: Story = {
  args: { caseId: TICKETS.sshLongHistory },
  parameters: simulate((m) => {
    m.initialPageSize = 50;
  }),
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByRole('button', { name: 'Load earlier messages' }, WAIT),
    ).toBeInTheDocument();
  },
};

const SHORT_HISTORY = 'CS20250316000002';
/** 15 messages, the first page holds 10: one press loads the rest, up to the ticket's first message. */
export const LoadOlderMessages: Story = {
  args: { caseId: SHORT_HISTORY, locale: 'en-US' },
  parameters: simulate((m) => {
    m.initialPageSize = 10;
    const start = Date.now() - 3 * 3_600_000;
    m.addTicket({
      id: SHORT_HISTORY,
      status: 1,
      chatStatus: 1,
      messages: Array.from({ length: 15 }, (_, i) => ({
        content: `Step ${i + 1} of the migration checklist.`,
        replierType: i % 2 === 0 ? 0 : 1,
        at: start + i * 600_000,
      })),
    });
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await shown(canvasElement, 'Step 15 of the migration checklist.');
    await expect(canvas.queryByText('Step 1 of the migration checklist.')).toBeNull();
    await userEvent.click(await canvas.findByRole('button', { name: 'Load earlier messages' }, WAIT));
    await shown(canvasElement, 'Step 1 of the migration checklist.');
    // The ticket's first message is in: nothing older to offer.
    await waitFor(
      () => expect(canvas.queryByRole('button', { name: 'Load earlier messages' })).toBeNull(),
      WAIT,
    );
  },
};

/** Loading older messages fails (HTTP 500 each time): an alert with Retry, the thread stays. */
export const OlderMessagesFailed: Story = {
  args: { caseId: TICKETS.sshLongHistory, locale: 'en-US' },
  parameters: simulate((m) => {
    m.initialPageSize = 50;
    m.injectFault({ kind: 'http', status: 500 }, { endpoint: 'more', times: FOREVER });
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Load earlier messages' }, WAIT));
    await expect(await canvas.findByRole('alert', {}, WAIT)).toHaveTextContent(
      "Couldn't load earlier messages.",
    );
  },
};

// ——— Connection and service errors ———

/** The network drops after the first answer and stays down: "reconnecting", the thread kept. */
export const Reconnecting: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => failAfterFirstPoll(m, { kind: 'drop' })),
  play: async ({ canvasElement }) => {
    await shown(canvasElement, LAST_SEEDED);
    await expect(await within(canvasElement).findByText(/^Connection lost/, {}, WAIT)).toBeVisible();
  },
};

/** The service answers 503 after the first answer, every time: "busy, retrying", the thread kept. */
export const ServiceBusy: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => failAfterFirstPoll(m, { kind: 'http', status: 503 })),
  play: async ({ canvasElement }) => {
    await shown(canvasElement, LAST_SEEDED);
    await expect(await within(canvasElement).findByText(/^The service is busy/, {}, WAIT)).toBeVisible();
  },
};

/** One dropped poll: "reconnecting", then polling recovers by itself and brings what was said meanwhile. */
export const ReconnectingRecovers: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => failAfterFirstPoll(m, { kind: 'drop' }, 1)),
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/^Connection lost/, {}, WAIT)).toBeVisible();
    agentSays(simulatorOf({ loaded }).model, 'Sorry, the connection dropped. We are still here.');
    await shown(canvasElement, 'Sorry, the connection dropped. We are still here.');
    await waitFor(() => expect(canvas.queryByText(/^Connection lost/)).toBeNull(), WAIT);
  },
};

/** An error inside an HTTP 200 after the first answer, on every poll: an alert with Retry over the thread. */
export const ErrorWithRetry: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) =>
    failAfterFirstPoll(m, { kind: 'apiErrorIn200', code: 'OSM.01010005', message: 'Service busy' }),
  ),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, WAIT);
    await expect(alert).toHaveTextContent("Couldn't update the conversation: Service busy");
    await expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
    await shown(canvasElement, LAST_SEEDED);
  },
};

/** The first poll fails once (an error inside an HTTP 200); Retry loads the thread and the alert goes. */
export const ErrorRetried: Story = {
  // No poll of its own before the press: the healthy thread is Retry's doing.
  args: { intervalMs: 60_000, locale: 'en-US' },
  parameters: simulate((m) =>
    m.injectFault(
      { kind: 'apiErrorIn200', code: 'OSM.01010005', message: 'Service busy' },
      { endpoint: 'poll', times: 1 },
    ),
  ),
  play: async ({ canvasElement }) => {
    const alert = await within(canvasElement).findByRole('alert', {}, WAIT);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await shown(canvasElement, LAST_SEEDED);
    await noAlert(canvasElement);
  },
};

/** The answers stop making sense (an HTML page instead of JSON): an alert, the thread kept. */
export const UnreadableAnswer: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => failAfterFirstPoll(m, { kind: 'malformed' })),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert', {}, WAIT)).toHaveTextContent(
      "Couldn't read the server's answer.",
    );
    await shown(canvasElement, LAST_SEEDED);
  },
};

// ——— The session ———

const expireSession = async (canvasElement: HTMLElement, model: ServiceModel) => {
  await shown(canvasElement, LAST_SEEDED);
  model.expireAllTokens();
  return within(canvasElement).findByRole('alert', {}, WAIT);
};

/** The token expires while the chat is open: polling stops, "Sign in" and "Retry" are offered. */
export const AuthError: Story = {
  args: { locale: 'en-US' },
  render: (args, context) => <TicketChat {...args} onSignIn={simulatorOf(context).signIn} />,
  play: async ({ canvasElement, loaded }) => {
    const alert = await expireSession(canvasElement, simulatorOf({ loaded }).model);
    await expect(alert).toHaveTextContent('Your session has expired.');
    await expect(within(alert).getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(
      await within(canvasElement).findByText('Sign in again to send messages.', {}, WAIT),
    ).toBeVisible();
  },
};

/** The page opens with an expired token: nothing loads until the user signs in. */
export const AuthErrorOnOpen: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => m.expireAllTokens()),
  render: (args, context) => <TicketChat {...args} onSignIn={simulatorOf(context).signIn} />,
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('alert', {}, WAIT)).toHaveTextContent(
      'Your session has expired.',
    );
  },
};

/** Expired, then "Sign in": a new token, the thread catches up with what was said meanwhile. */
export const AuthErrorSignedInAgain: Story = {
  args: { locale: 'en-US' },
  render: (args, context) => <TicketChat {...args} onSignIn={simulatorOf(context).signIn} />,
  play: async ({ canvasElement, loaded }) => {
    const { model } = simulatorOf({ loaded });
    const alert = await expireSession(canvasElement, model);
    agentSays(model, 'Welcome back. The index rebuild has finished.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Sign in' }));
    await shown(canvasElement, 'Welcome back. The index rebuild has finished.');
    await noAlert(canvasElement);
    await composerEnabled(canvasElement);
  },
};

// ——— Sending ———

/** Typing and sending: the message shows at once, then the server's copy replaces it. */
export const SendMessage: Story = {
  args: { locale: 'en-US' },
  play: async ({ canvasElement }) => {
    await sendText(canvasElement, 'Index added, CPU is back to 30%.');
    await delivered(canvasElement, 'Index added, CPU is back to 30%.');
  },
};

/** The send endpoint answers slowly: the message stays "Sending…". */
export const Sending: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) =>
    m.injectFault({ kind: 'latency', ms: 3_600_000 }, { endpoint: 'send', times: FOREVER }),
  ),
  play: async ({ canvasElement }) => {
    await sendText(canvasElement, 'Is anyone there?');
    await expect(await within(canvasElement).findByText('Sending…', {}, WAIT)).toBeInTheDocument();
  },
};

/** The service refuses the message (an error inside an HTTP 200, so it surely wasn't stored). */
const refuseSends = (m: ServiceModel, times: number) =>
  m.injectFault(
    { kind: 'apiErrorIn200', code: 'OSM.01010005', message: 'Service busy' },
    { endpoint: 'send', times },
  );
const sendRefused = async (canvasElement: HTMLElement, text: string) => {
  await sendText(canvasElement, text);
  await waitFor(() => expect(rowWith(canvasElement, text)).toHaveAttribute('data-delivery', 'failed'), WAIT);
  const row = rowWith(canvasElement, text);
  await expect(within(row).getByText(/^Not sent/)).toBeVisible();
  return within(row).getByRole('button', { name: /^Retry/ });
};

/** The send is refused: the message stays, marked "Not sent", with Retry. */
export const FailedSend: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => refuseSends(m, FOREVER)),
  play: async ({ canvasElement }) => {
    await expect(await sendRefused(canvasElement, 'Please escalate.')).toBeVisible();
  },
};

/** Refused once; the row's Retry sends it again and the server's copy replaces it. */
export const FailedSendRetried: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => refuseSends(m, 1)),
  play: async ({ canvasElement }) => {
    await userEvent.click(await sendRefused(canvasElement, 'Please escalate.'));
    await delivered(canvasElement, 'Please escalate.');
  },
};

// ——— Attachments ———

/** The download fails (HTTP 500 every time): an alert naming the file, with Retry. */
export const DownloadFailed: Story = {
  args: { locale: 'en-US' },
  parameters: simulate((m) => {
    m.injectFault({ kind: 'http', status: 500 }, { endpoint: 'download', times: FOREVER });
    m.injectFault({ kind: 'http', status: 500 }, { endpoint: 'accessUrl', times: FOREVER });
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await log(canvasElement);
    await userEvent.click(
      await canvas.findByRole('button', { name: 'Download slow-query-2025-03-15.log' }, WAIT),
    );
    await expect(await canvas.findByRole('alert', {}, WAIT)).toHaveTextContent(
      "Couldn't download slow-query-2025-03-15.log.",
    );
  },
};

// ——— Languages, themes, sizes ———

export const Chinese: Story = {
  globals: { locale: 'zh-CN' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('heading', { name: '在线沟通' }, WAIT)).toBeVisible();
  },
};

export const Dark: Story = { args: { caseId: TICKETS.billingAwaiting }, globals: { theme: 'dark' } };

/** A phone's screen (375 × 640): the header wraps, the composer keeps its send button. */
export const Phone: Story = {
  parameters: { chatBox: { inlineSize: 375, blockSize: 640 }, ...framedDocs('640px') },
  play: async ({ canvasElement }) => {
    const send = await within(canvasElement).findByRole('button', { name: /^(Send|发送)$/ }, WAIT);
    const box = send.getBoundingClientRect();
    await expect(box.right).toBeLessThanOrEqual(375 + 16);
  },
};
