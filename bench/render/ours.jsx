import '../../dist/styles.css';
import { ThreadRowView } from '../../dist/components/MessageThread/ThreadRowView.js';
import { MessageThread } from '../../dist/index.js';
import { installHarness } from './harness.jsx';

// Count renders of the row component (memo'd): React calls the memo's inner `type` only when it renders.
const counter = { rows: 0 };
const inner = ThreadRowView.type;
ThreadRowView.type = function CountedThreadRowView(props) {
  counter.rows++;
  return inner(props);
};

const NOW = new Date(Date.UTC(2026, 2, 1));

function View({ messages }) {
  return <MessageThread messages={messages} locale="en-US" timeZone="UTC" now={NOW} />;
}

installHarness({ View, rowSelector: '.tc-row', counter });
