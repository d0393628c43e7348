import '@chatscope/chat-ui-kit-styles/dist/default/styles.min.css';
import { Message, MessageList } from '@chatscope/chat-ui-kit-react';
import { installHarness } from './harness.jsx';

// Idiomatic use: messages.map(m => <Message model=… />). Message is called directly from a same-named
// wrapper so the count adds no fiber (its hooks run in the wrapper's fiber, as they would in its own).
const counter = { rows: 0 };
function CountedMessage(props) {
  counter.rows++;
  return Message(props);
}

function View({ messages }) {
  return (
    <MessageList>
      {messages.map((m) => (
        <CountedMessage
          key={m.key}
          model={{
            message: m.content,
            sentTime: m.createTime,
            sender: m.replierName,
            direction: m.fromSupport ? 'incoming' : 'outgoing',
            position: 'single',
          }}
        />
      ))}
    </MessageList>
  );
}

installHarness({
  rowSelector: '.cs-message',
  scrollerSelector: '.cs-message-list__scroll-wrapper',
  counter,
  mount: (root, messages) => root.render(<View messages={messages} />),
  append: (root, messages) => root.render(<View messages={messages} />),
});
