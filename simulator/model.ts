/** The in-memory service: tickets, messages, unread counts, tokens, queued faults and what was observed. */
import { fileBytesFor } from './files.ts';
import type {
  Accessory,
  Endpoint,
  Fault,
  ServiceModel,
  SimMessage,
  SimMessageInput,
  SimTicket,
} from './types.ts';

export const TEST_TOKEN = 'test-token-0123456789';

interface QueuedFault {
  fault: Fault;
  endpoint: Endpoint | undefined;
  remaining: number;
}

/** State the handlers need but tests should not poke at. */
export interface ModelInternals {
  takeFault(endpoint: Endpoint): Fault | undefined;
  enter(endpoint: Endpoint): void;
  leave(endpoint: Endpoint): void;
  /** Deterministic pseudo-random numbers in [0, 1) (for `shuffle`). */
  random(): number;
}

const internalsByModel = new WeakMap<ServiceModel, ModelInternals>();

export function internalsOf(model: ServiceModel): ModelInternals {
  const internals = internalsByModel.get(model);
  if (!internals) throw new Error('Not a model made by createServiceModel()');
  return internals;
}

const DEFAULT_REPLIER = ['customer-1', 'agent-1', 'partner-1', 'system-1'] as const;
const DEFAULT_REPLIER_NAME = ['Customer', 'Support Engineer', 'Third-party Partner', 'System'] as const;

export function createServiceModel(
  opts: Partial<Pick<ServiceModel, 'cursorMode' | 'quirks' | 'initialPageSize'>> = {},
): ServiceModel {
  const ticketsById = new Map<string, SimTicket>();
  const faults: QueuedFault[] = [];
  const running = new Map<Endpoint, number>();
  let lastAt = Number.NEGATIVE_INFINITY;
  let nextSeq = 1;
  let tokenCounter = 0;
  let rngState = 0x2545f491;

  const requireTicket = (caseId: string): SimTicket => {
    const ticket = ticketsById.get(caseId);
    if (!ticket) throw new Error(`Unknown ticket ${caseId}`);
    return ticket;
  };

  const append = (ticket: SimTicket, input: SimMessageInput): SimMessage => {
    const replierType = input.replierType ?? 1;
    // Strictly increasing across the whole model, so a strict cursor never skips a same-ms post.
    const requested = input.at ?? Date.now();
    const at = requested > lastAt ? requested : lastAt + 1;
    lastAt = at;
    const attachments = (input.attachments ?? []).map((a) => ({ id: a.id, name: a.name }));
    for (const a of attachments) {
      if (!model.accessories.has(a.id)) {
        model.accessories.set(a.id, { id: a.id, name: a.name, bytes: fileBytesFor(a.name) });
      }
    }
    const message: SimMessage = {
      content: input.content,
      replier: input.replier ?? DEFAULT_REPLIER[replierType],
      replierName: input.replierName ?? DEFAULT_REPLIER_NAME[replierType],
      replierType,
      type: input.type ?? (replierType === 0 ? 0 : 1),
      attachments,
      at,
      isFirst: ticket.messages.length === 0,
      seq: nextSeq++,
    };
    ticket.messages.push(message);
    return message;
  };

  const model: ServiceModel = {
    cursorMode: opts.cursorMode ?? 'strict',
    quirks: opts.quirks ?? false,
    initialPageSize: opts.initialPageSize ?? Number.POSITIVE_INFINITY,

    addTicket(t) {
      if (ticketsById.has(t.id)) throw new Error(`Ticket ${t.id} already exists`);
      const ticket: SimTicket = {
        id: t.id,
        status: t.status ?? 1,
        chatStatus: t.chatStatus ?? 1,
        messages: [],
        unread: t.unread ?? 0,
      };
      ticketsById.set(t.id, ticket);
      for (const input of t.messages ?? []) append(ticket, input);
      return ticket;
    },
    ticket: (id) => ticketsById.get(id),
    tickets: () => [...ticketsById.values()],
    post(caseId, msg) {
      const ticket = requireTicket(caseId);
      const message = append(ticket, msg);
      if (message.replierType !== 0) ticket.unread = Math.min(65_535, ticket.unread + 1);
      return message;
    },
    setStatus(caseId, status) {
      requireTicket(caseId).status = status;
    },
    setChatStatus(caseId, status) {
      requireTicket(caseId).chatStatus = status;
    },
    markRead(caseId) {
      requireTicket(caseId).unread = 0;
    },

    tokens: new Set([TEST_TOKEN]),
    issueToken() {
      tokenCounter += 1;
      const token = `sim-token-${tokenCounter}-${Math.random().toString(36).slice(2, 12)}`;
      model.tokens.add(token);
      return token;
    },
    expireAllTokens() {
      model.tokens.clear();
    },

    injectFault(fault, faultOpts = {}) {
      const times = faultOpts.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
      faults.push({ fault, endpoint: faultOpts.endpoint, remaining: times });
    },
    clearFaults() {
      faults.length = 0;
    },

    requests: [],
    inFlight(endpoint) {
      if (endpoint) return running.get(endpoint) ?? 0;
      let total = 0;
      for (const n of running.values()) total += n;
      return total;
    },
    deliveries: [],
    accessories: new Map<string, Accessory>(),
  };

  internalsByModel.set(model, {
    takeFault(endpoint) {
      const index = faults.findIndex((f) => f.endpoint === undefined || f.endpoint === endpoint);
      const queued = faults[index];
      if (!queued) return undefined;
      queued.remaining -= 1;
      if (queued.remaining === 0) faults.splice(index, 1);
      return queued.fault;
    },
    enter(endpoint) {
      running.set(endpoint, (running.get(endpoint) ?? 0) + 1);
    },
    leave(endpoint) {
      running.set(endpoint, (running.get(endpoint) ?? 1) - 1);
    },
    random() {
      // xorshift32: reproducible across runs, independent of Math.random.
      rngState ^= rngState << 13;
      rngState ^= rngState >>> 17;
      rngState ^= rngState << 5;
      return (rngState >>> 0) / 0x1_0000_0000;
    },
  });
  return model;
}
