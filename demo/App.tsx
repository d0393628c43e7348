import { useQueryClient } from '@tanstack/react-query';
import { ReactQueryDevtools } from '@tanstack/react-query-devtools';
import { useSyncExternalStore } from 'react';
import { CaseUnreadBadge, createTicketChatClient, TicketChat, TicketChatProvider } from '../src/index.ts';
import '../src/styles.css';
import { session, TICKETS } from './backend.ts';
import { MisbehavePanel } from './MisbehavePanel.tsx';

const client = createTicketChatClient({
  endpoint: '/osm',
  token: () => session.getToken(),
  language: 'en-us',
  timeZone: 'GMT+8',
});

export function App() {
  const caseId = useRoute();
  return (
    <TicketChatProvider client={client}>
      <div className="portal">
        <header className="portal__header">
          <strong>Cloud Support</strong> <span>My tickets</span>
        </header>
        <nav className="portal__nav" aria-label="Tickets">
          <ul>
            {TICKETS.map((t) => (
              <li key={t.id}>
                <a href={`#/tickets/${t.id}`} aria-current={t.id === caseId ? 'page' : undefined}>
                  <span className="portal__ticket">
                    <span className="portal__ticket-id">{t.id}</span>
                    <span>{t.title}</span>
                  </span>
                  <CaseUnreadBadge caseId={t.id} intervalMs={5000} />
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="portal__main">
          {caseId ? (
            <TicketPage key={caseId} caseId={caseId} />
          ) : (
            // The ticket page's h1 is the chat's title; without one the page still starts at h1.
            <div className="portal__hint">
              <h1>My tickets</h1>
              <p>Choose a ticket to see its conversation.</p>
            </div>
          )}
        </main>
        {/* After main, so its h2 follows the page's h1; the grid shows it under the ticket list. */}
        <aside className="portal__aside" aria-label="Backend controls">
          <MisbehavePanel />
          {/* In the flow rather than a fixed corner, where it covered the header or the composer. */}
          <ReactQueryDevtools initialIsOpen={false} buttonPosition="relative" />
        </aside>
      </div>
    </TicketChatProvider>
  );
}

/** `#/tickets/<id>` → the ticket id. */
function useRoute(): string | null {
  const hash = useSyncExternalStore(
    (onChange) => {
      window.addEventListener('hashchange', onChange);
      return () => window.removeEventListener('hashchange', onChange);
    },
    () => location.hash,
  );
  return /^#\/tickets\/(.+)$/.exec(hash)?.[1] ?? null;
}

function TicketPage({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  // The portal's sign-in: a new token, then every paused poller tries again.
  const signIn = () => {
    session.signIn();
    void queryClient.refetchQueries({ type: 'active' });
  };
  const title = TICKETS.find((t) => t.id === caseId)?.title ?? caseId;
  return <TicketChat caseId={caseId} title={title} headingLevel={1} onSignIn={signIn} />;
}
