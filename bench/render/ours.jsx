import '../../dist/styles.css';
import { MessageThread } from '../../dist/components/MessageThread/MessageThread.js';
import { ThreadRowView } from '../../dist/components/MessageThread/ThreadRowView.js';
import { installHarness } from './harness.jsx';

// Count renders of the row component (memo'd): React calls the memo's inner `type` only when it renders.
const counter = { rows: 0 };
const inner = ThreadRowView.type;
ThreadRowView.type = function CountedThreadRowView(props) {
  counter.rows++;
  return inner(props);
};

const NOW = new Date(Date.UTC(2026, 2, 1));
const view = (messages) => <MessageThread messages={messages} locale="en-US" timeZone="UTC" now={NOW} />;

installHarness({
  rowSelector: '.tc-msg',
  scrollerSelector: '.tc-thread__viewport',
  counter,
  mount: (root, messages) => root.render(view(messages)),
  append: (root, messages) => root.render(view(messages)),
});
