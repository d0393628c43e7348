import { setupWorker } from 'msw/browser';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createTicketChatClient, TicketChat, TicketChatProvider } from 'ticket-chat';
import 'ticket-chat/styles.css';
import { CASE_ID, handlers } from './handlers.js';

const client = createTicketChatClient({
  endpoint: '/osm',
  token: () => 'consumer-token',
  language: 'en-us',
  timeZone: 'GMT+8',
});

async function main() {
  await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });
  createRoot(document.getElementById('root')).render(
    <StrictMode>
      <TicketChatProvider client={client}>
        <TicketChat caseId={CASE_ID} title="Consumer ticket" />
      </TicketChatProvider>
    </StrictMode>,
  );
}
main();
