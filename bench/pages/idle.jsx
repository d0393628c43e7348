// The idle portal: 50 unread badges and one 1,000-message thread, all polling every `interval` ms.
// `mode=ours`: ticket-chat's CaseUnreadBadge and TicketChat (crossTab=0 turns cross-tab off).
// `mode=naive`: the same portal written without ticket-chat: fetch + JSON, one useQuery per badge with
// refetchInterval, and one useQuery that fetches the whole thread every interval and maps it to rows (no
// memo, no virtualization). React Query's default structural sharing keeps an unchanged answer's object,
// so an idle naive poll re-renders nothing: its cost is the requests and their parsing. Both modes show the
// same presentational UnreadBadge.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import {
  CaseUnreadBadge,
  createTicketChatClient,
  TicketChat,
  TicketChatProvider,
  UnreadBadge,
} from '../../dist/index.js';
import '../../dist/styles.css';

const params = new URLSearchParams(location.search);
const mode = params.get('mode');
const n = Number(params.get('n') ?? 50);
const intervalMs = Number(params.get('interval') ?? 1000);
const crossTab = params.get('crossTab') !== '0';
const threadId = params.get('thread') ?? 'thread-1000';
const ids = Array.from({ length: n }, (_, i) => `case-${i}`);

/** What a portal writes without a library: fetch + JSON, the token in a header. */
async function getJson(path, params, signal) {
  const response = await fetch(`/osm/v2/servicerequest${path}?${params}`, {
    headers: { 'X-Auth-Token': token },
    signal,
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

function NaiveBadge({ id }) {
  const { data } = useQuery({
    queryKey: ['naive-unread', id],
    queryFn: ({ signal }) =>
      getJson('/cases/instant-messages/unread', new URLSearchParams({ case_ids: id }), signal),
    refetchInterval: intervalMs,
  });
  return <UnreadBadge count={data?.imunread?.[0]?.unread_num ?? 0} />;
}

function NaiveThread() {
  const { data } = useQuery({
    queryKey: ['naive-thread', threadId],
    queryFn: ({ signal }) =>
      getJson('/cases/instant-messages', new URLSearchParams({ case_ids: threadId }), signal),
    refetchInterval: intervalMs,
  });
  const messages = data?.immsg?.[0]?.message_list ?? [];
  return (
    <div className="naive-thread" id="naive-thread">
      {messages.map((m) => (
        // The wire has no message id: a portal keys by time and text (the bench's messages are unique).
        <div
          key={`${m.create_time}|${m.content}`}
          data-message-key={m.create_time}
          className={m.type === 1 ? 'support' : 'customer'}
        >
          <strong>{m.replier_name}</strong> <time>{m.create_time}</time>
          <p>{m.content}</p>
        </div>
      ))}
    </div>
  );
}

const { token } = await (await fetch('/bench-config.json')).json();
const client = createTicketChatClient({ endpoint: `${location.origin}/osm`, token });
const root = createRoot(document.getElementById('root'));
if (mode === 'naive') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  root.render(
    <QueryClientProvider client={queryClient}>
      <div id="badges">
        {ids.map((id) => (
          <NaiveBadge key={id} id={id} />
        ))}
      </div>
      <div id="chat">
        <NaiveThread />
      </div>
    </QueryClientProvider>,
  );
} else {
  root.render(
    <TicketChatProvider client={client} crossTab={crossTab}>
      <div id="badges">
        {ids.map((id) => (
          <CaseUnreadBadge key={id} caseId={id} intervalMs={intervalMs} />
        ))}
      </div>
      <div id="chat">
        <TicketChat caseId={threadId} intervalMs={intervalMs} />
      </div>
    </TicketChatProvider>,
  );
}
window.benchReady = true;
