'use client';
import type { ReactNode } from 'react';
import { createTicketChatClient, TicketChatProvider } from 'ticket-chat';

// "/osm" is the portal's proxy route (app/osm/[...path]/route.ts): it adds the user's IAM token on the
// server, so the browser holds only a placeholder. Creating the client on the server (during SSR) is fine.
const client = createTicketChatClient({ endpoint: '/osm', token: 'set-by-the-proxy', language: 'en-us' });

export function Providers({ children }: { children: ReactNode }) {
  return <TicketChatProvider client={client}>{children}</TicketChatProvider>;
}
