import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { connection } from 'next/server';
import { CaseUnreadBadge, TicketChat } from 'ticket-chat';
import { createTicketChatClient } from 'ticket-chat/client';
import { prefetchThread, prefetchUnread } from 'ticket-chat/server';

const TICKETS = ['CS20250315000333', 'CS20250310000088'];

// A server component rendered per request: the first HTML already holds the thread and the badges, and the
// browser's polling continues from the prefetched cursor through /osm.
export default async function SupportPage() {
  await connection();
  const [caseId = ''] = TICKETS;
  // On the server the API is called directly (an absolute endpoint) with this user's IAM token; the same
  // settings as the /osm proxy here. Nothing of this client reaches the page, only the data it fetched.
  const client = createTicketChatClient({
    endpoint: process.env.TICKET_API_URL ?? 'https://osm.ap-southeast-1.myhuaweicloud.com',
    token: process.env.TICKET_API_TOKEN ?? '',
    language: 'en-us',
  });
  const queryClient = new QueryClient();
  // A failed prefetch leaves the cache empty: the browser then shows the skeleton and fetches itself.
  await Promise.all([
    prefetchThread(queryClient, { client, caseId }),
    prefetchUnread(queryClient, { client, caseIds: TICKETS }),
  ]);
  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 16, fontFamily: 'system-ui, sans-serif' }}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <nav aria-label="Tickets">
          <ul style={{ display: 'flex', gap: 16, listStyle: 'none', padding: 0 }}>
            {TICKETS.map((id) => (
              <li key={id}>
                {id} <CaseUnreadBadge caseId={id} />
              </li>
            ))}
          </ul>
        </nav>
        <div style={{ height: 560 }}>
          <TicketChat caseId={caseId} />
        </div>
      </HydrationBoundary>
    </main>
  );
}
