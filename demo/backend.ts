/**
 * The demo's backend: the simulator of the ticket IM API, running in the browser behind MSW's service
 * worker at /osm. Nothing here is part of the library; a real portal proxies /osm to the real API.
 */
import { setupWorker } from 'msw/browser';
import {
  createHandlers,
  createServiceModel,
  DEMO_TICKET_IDS,
  seedDemoTickets,
  TEST_TOKEN,
} from '../simulator/index.ts';

// The first poll of a ticket brings its latest 250 messages: the long SSH ticket (300) opens in the virtual
// list (over 200 rows) and still has older history ("Load earlier messages") to try.
export const model = createServiceModel({ cursorMode: 'strict', quirks: false, initialPageSize: 250 });
seedDemoTickets(model);

/** The portal's ticket list, with a title per portal language. */
export const TICKETS = [
  {
    id: DEMO_TICKET_IDS.sshLongHistory,
    title: { 'en-us': 'ECS: SSH connection times out', 'zh-cn': 'ECS：SSH 连接超时' },
  },
  {
    id: DEMO_TICKET_IDS.rdsInProgress,
    title: { 'en-us': 'RDS: CPU at 95 %, slow queries', 'zh-cn': 'RDS：CPU 95%，慢查询增多' },
  },
  {
    id: DEMO_TICKET_IDS.billingAwaiting,
    title: { 'en-us': 'Billing: charged twice in March', 'zh-cn': '账单：三月重复扣费' },
  },
  {
    id: DEMO_TICKET_IDS.obsPending,
    title: { 'en-us': 'OBS: 403 AccessDenied on bucket', 'zh-cn': 'OBS：桶访问返回 403 AccessDenied' },
  },
  {
    id: DEMO_TICKET_IDS.cdnCompleted,
    title: { 'en-us': 'CDN: old certificate on some nodes', 'zh-cn': 'CDN：部分节点仍返回旧证书' },
  },
];

/** The signed-in user's token, as a portal's session would hold it. */
export const session = {
  token: TEST_TOKEN,
  expired: false,
  /** Renew silently when the client asks again after a 401 (else the user has to press "Sign in"). */
  autoRenew: false,
  listeners: new Set<() => void>(),
  /** The client's token function: asked before requests and again after a 401. */
  getToken(): string {
    if (session.expired && session.autoRenew) session.signIn();
    return session.token;
  },
  signIn() {
    session.token = model.issueToken();
    session.expired = false;
    session.emit();
  },
  expire() {
    model.expireAllTokens();
    session.expired = true;
    session.emit();
  },
  emit() {
    for (const listener of session.listeners) listener();
  },
};

/** Ways to make the backend misbehave, for the demo's panel. Each wears off by itself. */
export const misbehave = {
  serverErrors: () => model.injectFault({ kind: 'http', status: 500 }, { times: 3 }),
  throttling: () => model.injectFault({ kind: 'throttle', retryAfterSeconds: 5 }, { times: 2 }),
  slowAnswers: () => model.injectFault({ kind: 'latency', ms: 4000 }, { times: 6 }),
  dropConnection: () => model.injectFault({ kind: 'drop' }, { times: 4 }),
  /** A business error inside an HTTP 200: the chat's alert with Retry (polling backs off meanwhile). */
  errorIn200: () =>
    model.injectFault(
      { kind: 'apiErrorIn200', code: 'OSM.01010005', message: 'Service busy' },
      { endpoint: 'poll', times: 2 },
    ),
  unreadableAnswer: () => model.injectFault({ kind: 'malformed' }, { endpoint: 'poll', times: 2 }),
  refuseNextSend: () =>
    model.injectFault(
      { kind: 'apiErrorIn200', code: 'OSM.01010005', message: 'Service busy' },
      { endpoint: 'send', times: 1 },
    ),
  failNextDownload: () =>
    model.injectFault({ kind: 'http', status: 500 }, { endpoint: 'download', times: 1 }),
  failOlderHistory: () => model.injectFault({ kind: 'http', status: 500 }, { endpoint: 'more', times: 1 }),
  expireToken: () => session.expire(),
};

/** The demo's support side completing and reopening tickets (status 3 = completed). */
export const ticketControls = {
  isCompleted: (caseId: string) => model.ticket(caseId)?.status === 3,
  /** Support completes the ticket: status 3, the live chat off. */
  close(caseId: string) {
    model.setStatus(caseId, 3);
    model.setChatStatus(caseId, 0);
  },
  reopen(caseId: string) {
    model.setStatus(caseId, 1);
    model.setChatStatus(caseId, 1);
  },
};

const REPLIES = [
  'Thanks, we are looking into it.',
  'Could you share the request ID from the console?',
  '我们已经将问题反馈给产品团队，请稍候。',
  'The fix has been rolled out in your region; please check again.',
  'Please confirm whether the issue still occurs.',
  '请问问题是否已经解决？',
  'I have attached the relevant documentation.',
];
const OPEN_STATUSES = [0, 1, 2, 17];

/** A support agent answering now and then; `caseId` picks the ticket, else a random open one. */
export function postAgentReply(caseId?: string, content?: string) {
  const open = model.tickets().filter((t) => t.chatStatus === 1 && OPEN_STATUSES.includes(t.status));
  const ticket = caseId ? model.ticket(caseId) : open[Math.floor(Math.random() * open.length)];
  if (!ticket) return;
  const text = content ?? REPLIES[Math.floor(Math.random() * REPLIES.length)] ?? '';
  const attachments =
    content === undefined && Math.random() < 0.15
      ? [{ id: `acc-${Date.now()}`, name: 'troubleshooting-guide.pdf' }]
      : [];
  model.post(ticket.id, {
    content: text,
    replierType: 1,
    replier: 'agent-2',
    replierName: 'Chen Jing (Support)',
    attachments,
  });
}

/** Agents reply every few seconds; now and then a ticket changes status. Returns a stop function. */
export function startAgents(everyMs = 5000): () => void {
  const timer = setInterval(() => {
    postAgentReply();
    if (Math.random() < 0.2) {
      const open = model.tickets().filter((t) => OPEN_STATUSES.includes(t.status));
      const ticket = open[Math.floor(Math.random() * open.length)];
      if (ticket) model.setStatus(ticket.id, ticket.status === 1 ? 2 : 1);
    }
  }, everyMs);
  return () => clearInterval(timer);
}

/** Starts the service worker; resolves once requests to /osm are answered by the simulator. */
export async function startBackend(): Promise<void> {
  const worker = setupWorker(...createHandlers(model, { baseUrl: '/osm' }));
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}
