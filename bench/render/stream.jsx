import 'stream-chat-react/dist/css/index.css';
import { StreamChat } from 'stream-chat';
import { Channel, Chat, MessageUI, VirtualizedMessageList } from 'stream-chat-react';
import { installHarness } from './harness.jsx';

// stream-chat-react's VirtualizedMessageList (react-virtuoso) inside Chat + Channel, fed offline:
// - the viewer (the thread's customer, like our "You" side) is set without connecting, with `_setUser`
//   (the client's user and userID, what stream-chat's and stream-chat-react's test helpers set by hand;
//   connectUser would open a WebSocket);
// - the thread reaches the client as a queryChannels answer built locally and given to
//   `client.hydrateActiveChannels`, the method queryChannels hands its HTTP answer to (so the channel is
//   initialized, Channel skips its watch() request, and the whole thread fits its page: no "load more");
// - an append is a `message.new` event given to `client.dispatchEvent`, what the WebSocket handler does
//   with each frame it receives.
// No request leaves the page (run.mjs aborts and counts any). The row component counted is MessageUI,
// its default message UI, passed as `Message` (the documented way to customize it) through a wrapper that
// calls it directly, so the count adds no fiber.
const counter = { rows: 0 };
function CountedMessageUI(props) {
  counter.rows++;
  return MessageUI(props);
}

const me = { id: 'customer-1', name: 'Customer' };
const agent = { id: 'agent-1', name: 'Support Engineer' };

const toStream = (m) => ({
  id: m.key,
  type: 'regular',
  text: m.content,
  user: m.fromSupport ? agent : me,
  created_at: m.createdAt.toISOString(),
  updated_at: m.createdAt.toISOString(),
});

let client = null;
let channel = null;

function channelAnswer(messages) {
  const last = messages.at(-1)?.createdAt.toISOString() ?? new Date(0).toISOString();
  return {
    channel: {
      id: 'case-1',
      type: 'messaging',
      cid: 'messaging:case-1',
      // A support thread: no typing indicators, reactions, replies or uploads (ours has none either).
      config: {
        name: 'messaging',
        typing_events: false,
        read_events: false,
        connect_events: false,
        reactions: false,
        replies: false,
        uploads: false,
        url_enrichment: false,
      },
      own_capabilities: ['send-message'],
      member_count: 2,
    },
    messages: messages.map(toStream),
    members: [
      { user_id: me.id, user: me },
      { user_id: agent.id, user: agent },
    ],
    read: [
      { user: me, last_read: last, unread_messages: 0 },
      { user: agent, last_read: last, unread_messages: 0 },
    ],
    watchers: [],
    pinned_messages: [],
  };
}

function View() {
  return (
    <Chat client={client}>
      <Channel channel={channel}>
        {/* Day separators and sender groups, as ours shows (both off by default in this list). */}
        <VirtualizedMessageList Message={CountedMessageUI} disableDateSeparator={false} shouldGroupByUser />
      </Channel>
    </Chat>
  );
}

installHarness({
  rowSelector: '.str-chat__message',
  scrollerSelector: '.str-chat__message-list-scroll',
  counter,
  prepare(messages) {
    client = new StreamChat('bench-key');
    client._setUser(me);
    [channel] = client.hydrateActiveChannels(
      [channelAnswer(messages)],
      {},
      { message_limit: messages.length + 1 },
    );
  },
  mount: (root) => root.render(<View />),
  append(_root, _messages, message) {
    const event = toStream(message);
    client.dispatchEvent({
      type: 'message.new',
      cid: channel.cid,
      channel_id: channel.id,
      channel_type: channel.type,
      message: event,
      user: event.user,
      created_at: event.created_at,
    });
  },
  dispose() {
    client = null;
    channel = null;
  },
});
