import { setupWorker } from 'msw/browser';
import { StrictMode, version } from 'react';
import { createRoot } from 'react-dom/client';
import { CaseUnreadBadge, createTicketChatClient, TicketChat, TicketChatProvider } from 'ticket-chat';
import 'ticket-chat/styles.css';
import { CASE_ID, handlers, OTHER_CASE_ID, reply } from './handlers.js';

const client = createTicketChatClient({
  endpoint: '/osm',
  token: () => 'consumer-token',
  language: 'en-us',
  timeZone: 'GMT+8',
});

async function main() {
  await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });
  // For test/consumer/consumer.e2e.mjs: a support reply the next poll picks up, and React's version.
  Object.assign(window, { consumerBackend: { reply, react: version } });
  createRoot(document.getElementById('root')).render(
    <StrictMode>
      <TicketChatProvider client={client}>
        <nav aria-label="Tickets">
          <a href="#other" id="other-ticket">
            Other ticket <CaseUnreadBadge caseId={OTHER_CASE_ID} />
          </a>
        </nav>
        <TicketChat caseId={CASE_ID} title="Consumer ticket" />
      </TicketChatProvider>
    </StrictMode>,
  );
}
main();
