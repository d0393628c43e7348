import { CaseUnreadBadge, TicketChat } from 'ticket-chat';

const TICKETS = ['CS20250315000333', 'CS20250310000088'];

export default function SupportPage() {
  const [caseId = ''] = TICKETS;
  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 16, fontFamily: 'system-ui, sans-serif' }}>
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
    </main>
  );
}
