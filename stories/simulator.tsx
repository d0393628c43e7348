/**
 * Connected stories run on the simulator through MSW: each story gets a fresh service model, fresh
 * handlers, its own client and a fresh QueryClient. Stories configure the model with
 * `parameters.simulator.setup(model)`.
 */
import type { Decorator, StoryContext } from '@storybook/react-vite';
import type { QueryClient } from '@tanstack/react-query';
import type { SetupWorker } from 'msw/browser';
import {
  createHandlers,
  createServiceModel,
  DEMO_TICKET_IDS,
  type ServiceModel,
  seedDemoTickets,
  TEST_TOKEN,
} from '../simulator/index.ts';
import { createTicketChatClient, type TicketChatClient, TicketChatProvider } from '../src/index.ts';
import { createTicketChatQueryClient } from '../src/query/TicketChatProvider.tsx';

export { DEMO_TICKET_IDS as TICKETS };

export interface Simulator {
  model: ServiceModel;
  client: TicketChatClient;
  queryClient: QueryClient;
  /** The "portal's" sign-in: a new valid token, then every paused poller tries again. */
  signIn(): void;
}

export interface SimulatorParameters {
  /** Runs on the freshly seeded model (`seedDemoTickets`) before anything renders. */
  setup?: (model: ServiceModel) => void;
}

/** `beforeEach` of connected metas: builds the simulator and hands its handlers to MSW. */
export function startSimulator<TArgs>(context: StoryContext<TArgs>) {
  const model = createServiceModel({ cursorMode: 'strict', quirks: false });
  seedDemoTickets(model);
  (context.parameters.simulator as SimulatorParameters | undefined)?.setup?.(model);
  (context as StoryContext<TArgs> & { msw: SetupWorker }).msw.use(
    ...createHandlers(model, { baseUrl: '/osm' }),
  );

  let token = TEST_TOKEN;
  const locale = (context.globals.locale as string | undefined) ?? 'en-US';
  const client = createTicketChatClient({
    endpoint: '/osm',
    token: () => token,
    language: locale.toLowerCase(),
    // The server's zone (X-Time-Zone, create_time is written in it); the viewer's is TicketChat's timeZone.
    timeZone: 'GMT+8',
  });
  const queryClient = createTicketChatQueryClient();
  const simulator: Simulator = {
    model,
    client,
    queryClient,
    signIn() {
      token = model.issueToken();
      void queryClient.refetchQueries({ type: 'active' });
    },
  };
  context.loaded.simulator = simulator;
  return () => queryClient.clear();
}

export function simulatorOf(context: Pick<StoryContext, 'loaded'>): Simulator {
  return context.loaded.simulator as Simulator;
}

/** Wraps the story in a provider bound to this story's simulator (no cross-tab sync between stories). */
export const withSimulator: Decorator = (Story, context) => {
  const { client, queryClient } = simulatorOf(context);
  return (
    <TicketChatProvider client={client} queryClient={queryClient} crossTab={false}>
      <Story />
    </TicketChatProvider>
  );
};

/**
 * Docs parameters of connected stories. MSW handlers are per page, so on a docs page each connected story
 * renders in its own iframe (inline stories would share one worker and reset each other's handlers). An
 * iframe does not grow with its content: `contentHeight` is the story's own height, the preview's 1rem
 * padding on both sides is added here.
 */
export const framedDocs = (contentHeight: string) => ({
  docs: { story: { inline: false, height: `calc(${contentHeight} + 2rem)` } },
});
