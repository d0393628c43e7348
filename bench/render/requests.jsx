// Unread badges on one page: `batched` = ticket-chat's useUnread (one poller per group);
// `naive` = one React Query useQuery per badge with refetchInterval (what DESIGN.md warns against).
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import {
  createTicketChatClient,
  TicketChatProvider,
  UnreadBadge,
  useInstantMessages,
  useUnread,
} from '../../dist/index.js';

const params = new URLSearchParams(location.search);
const mode = params.get('mode');
const n = Number(params.get('n'));
const intervalMs = Number(params.get('interval'));
const crossTab = params.get('crossTab') !== '0';
const ids = Array.from({ length: n }, (_, i) => `case-${i}`);

function BatchedBadge({ id }) {
  const { count } = useUnread(id, { intervalMs });
  return <UnreadBadge count={count ?? 0} />;
}

function NaiveBadge({ id, client }) {
  const { data } = useQuery({
    queryKey: ['naive-unread', id],
    queryFn: ({ signal }) => client.listUnread({ caseIds: [id], signal }),
    refetchInterval: intervalMs,
  });
  return <UnreadBadge count={data?.[0]?.unread ?? 0} />;
}

/** The idle bench: a long thread polled every interval (its length shown, so the data is used). */
function Thread() {
  const { messages } = useInstantMessages('thread-1000', { intervalMs });
  return <p id="thread-length">{messages.length}</p>;
}

const { token } = await (await fetch('/bench-config.json')).json();
const client = createTicketChatClient({ endpoint: `${location.origin}/osm`, token });
const root = createRoot(document.getElementById('root'));
if (mode === 'naive') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root.render(
    <QueryClientProvider client={queryClient}>
      {ids.map((id) => (
        <NaiveBadge key={id} id={id} client={client} />
      ))}
    </QueryClientProvider>,
  );
} else {
  root.render(
    <TicketChatProvider client={client} crossTab={crossTab}>
      {mode === 'idle' && <Thread />}
      {ids.map((id) => (
        <BatchedBadge key={id} id={id} />
      ))}
    </TicketChatProvider>,
  );
}
window.benchReady = true;
