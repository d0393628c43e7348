import { setupWorker } from 'msw/browser';
import { createRef, StrictMode, version } from 'react';
import { createRoot } from 'react-dom/client';
import {
  CaseUnreadBadge,
  createTicketChatClient,
  MessageThread,
  TicketChat,
  TicketChatProvider,
} from 'ticket-chat';
import 'ticket-chat/styles.css';
import { CASE_ID, handlers, OTHER_CASE_ID, reply } from './handlers.js';

// The package's MessageThread on its own (it loads the chat chunk): its ref must reach the handle.
const threadRef = createRef();
const standalone = [
  {
    key: 'standalone#0',
    caseId: 'standalone',
    content: 'A thread rendered on its own.',
    createdAt: new Date(Date.UTC(2026, 0, 5, 2)),
    createTime: '2026-01-05 10:00:00',
    replier: 'support-1',
    replierName: 'Support',
    replierType: 1,
    type: 1,
    fromSupport: true,
    isFirstMessage: false,
    attachments: [],
  },
];

const client = createTicketChatClient({
  endpoint: '/osm',
  token: () => 'consumer-token',
  language: 'en-us',
  timeZone: 'GMT+8',
});

async function main() {
  await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });
  // For test/consumer/consumer.e2e.mjs: a support reply the next poll picks up, and React's version.
  Object.assign(window, {
    consumerBackend: { reply, react: version, threadHandle: () => typeof threadRef.current?.scrollToBottom },
  });
  createRoot(document.getElementById('root')).render(
    <StrictMode>
      <TicketChatProvider client={client}>
        <nav aria-label="Tickets">
          <a href="#other" id="other-ticket">
            Other ticket <CaseUnreadBadge caseId={OTHER_CASE_ID} />
          </a>
        </nav>
        <TicketChat caseId={CASE_ID} title="Consumer ticket" />
        <div id="standalone-thread" style={{ height: 200 }}>
          <MessageThread ref={threadRef} messages={standalone} locale="en-US" />
        </div>
      </TicketChatProvider>
    </StrictMode>,
  );
}
main();
