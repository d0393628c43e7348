/** Deterministic data for the stories: fixed clock, fixed senders, no randomness. */
import type { Attachment, ThreadMessage } from '../src/index.ts';

/** The stories' "now": 2025-03-15 14:00 in Shanghai. */
export const NOW = new Date('2025-03-15T06:00:00Z');
/** Viewer's zone for every story, so day separators don't depend on the machine. */
export const TIME_ZONE = 'Asia/Shanghai';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Sender = Pick<ThreadMessage, 'replier' | 'replierName' | 'replierType' | 'type' | 'fromSupport'>;
export const customer: Sender = {
  replier: 'cust-1',
  replierName: 'Li Wei',
  replierType: 0,
  type: 0,
  fromSupport: false,
};
export const support: Sender = {
  replier: 'agent-1',
  replierName: 'Zhang Min (Support)',
  replierType: 1,
  type: 1,
  fromSupport: true,
};
export const thirdParty: Sender = {
  replier: 'partner-dba',
  replierName: 'DBA expert',
  replierType: 2,
  type: 1,
  fromSupport: true,
};

let counter = 0;
/** One message `agoMs` before NOW. Keys are unique per call and stable across reloads of a story file. */
export function msg(
  sender: Sender,
  content: string,
  agoMs: number,
  extra: Partial<ThreadMessage> = {},
): ThreadMessage {
  counter += 1;
  const createdAt = new Date(NOW.getTime() - agoMs);
  return {
    key: `fx-${counter}#0`,
    caseId: 'CS20250315000333',
    content,
    createdAt,
    createTime: createdAt.toISOString(),
    isFirstMessage: false,
    attachments: [],
    ...sender,
    ...extra,
  };
}

export const attachments = {
  log: { id: 'acc-log', name: 'slow-query-2025-03-15.log' },
  png: { id: 'acc-png', name: 'billing-page-screenshot.png' },
  pdf: { id: 'acc-pdf', name: 'invoice-2025-03.pdf' },
  zip: { id: 'acc-zip', name: 'diagnostics-bundle.zip' },
  xlsx: { id: 'acc-xlsx', name: '慢查询分析报告.xlsx' },
  docx: { id: 'acc-docx', name: 'migration-plan.docx' },
  bin: { id: 'acc-bin', name: 'core-dump' },
  long: {
    id: 'acc-long',
    name: 'ecs-instance-i-0f3a9c2b7d41e8f65-cn-north-4-system-log-export-full-2025-03-15T06-00-00Z-part-0001-of-0003.tar.gz',
  },
} satisfies Record<string, Attachment>;

export const shortThread: ThreadMessage[] = [
  msg(customer, 'I cannot connect to my ECS instance over SSH since this morning.', 40 * MINUTE, {
    isFirstMessage: true,
  }),
  msg(support, 'Thanks for reaching out. Could you share the output of `ssh -vvv`?', 30 * MINUTE),
  msg(customer, 'Sure, it stops at "Connecting to 10.0.3.17 port 22".', 28 * MINUTE),
  msg(
    support,
    'Please check https://support.example.com/kb/ssh-timeout and the security group rules.',
    3 * MINUTE,
  ),
];

export const acrossDays: ThreadMessage[] = [
  msg(customer, 'We were charged twice for the March package.', 3 * DAY, { isFirstMessage: true }),
  msg(support, 'We are looking into it.', 3 * DAY - 20 * MINUTE),
  msg(customer, 'Any news?', 2 * DAY),
  msg(support, 'The refund has been issued (ref. RF-88231).', DAY + 2 * HOUR),
  msg(customer, 'Thanks, I can see it now.', DAY),
  msg(support, 'Great. Anything else we can help with?', 2 * HOUR),
  msg(customer, 'No, all good.', 10 * MINUTE),
];

export const mixedRepliers: ThreadMessage[] = [
  msg(customer, 'RDS for MySQL 实例 CPU 持续 95% 以上，慢查询明显增多。', 5 * HOUR, { isFirstMessage: true }),
  msg(support, '收到，我们正在分析慢查询日志。', 4 * HOUR),
  msg(thirdParty, 'DBA 专家已加入会话。', 50 * MINUTE),
  msg(thirdParty, 'The query on `orders` filters by `created_at` without an index.', 49 * MINUTE),
  msg(support, '建议先添加索引：ALTER TABLE orders ADD INDEX idx_created_at (created_at);', 45 * MINUTE),
  msg(customer, 'Index added, CPU is back to 30%.', 5 * MINUTE),
];

export const withAttachments: ThreadMessage[] = [
  msg(customer, 'Logs and a screenshot attached.', 2 * HOUR, {
    isFirstMessage: true,
    attachments: [attachments.log, attachments.png, attachments.zip],
  }),
  msg(support, 'Here is our analysis and the plan.', HOUR, {
    attachments: [attachments.xlsx, attachments.docx],
  }),
  msg(customer, '', 30 * MINUTE, { attachments: [attachments.pdf] }),
  msg(customer, 'And the raw dump.', 29 * MINUTE, { attachments: [attachments.bin, attachments.long] }),
];

export const longContent: ThreadMessage[] = [
  msg(
    customer,
    'Thecommandprintsthisunbrokentokenwithoutanyspaces_AKIAEXAMPLE0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_end',
    HOUR,
    { isFirstMessage: true },
  ),
  msg(
    support,
    'See https://support.example.com/very/long/path/that/keeps/going/and/going/without/any/break/at/all/knowledge-base/article?id=0123456789abcdef0123456789abcdef',
    50 * MINUTE,
  ),
  msg(customer, `A long paragraph. ${'The instance keeps timing out under load. '.repeat(12)}`, 40 * MINUTE, {
    attachments: [attachments.long],
  }),
  msg(support, '这是一段很长的中文说明，没有任何空格也需要正确换行显示'.repeat(4), 30 * MINUTE),
];

export const zhThread: ThreadMessage[] = [
  msg(customer, 'CDN 加速域名 static.example.cn 的 HTTPS 证书更新后部分节点仍返回旧证书。', DAY + HOUR, {
    isFirstMessage: true,
  }),
  msg(support, '已为您刷新全部节点的证书缓存，请在 10 分钟后验证。', DAY),
  msg(customer, '验证通过，问题已解决，谢谢！', 20 * MINUTE),
  msg(support, '感谢您的确认，本工单将关闭。', 2 * MINUTE),
];

/** The thread plus the key of its first unread message. */
export const unreadThread = (() => {
  const messages: ThreadMessage[] = [
    msg(customer, 'Is there any maintenance in cn-north-4 right now?', 3 * HOUR, { isFirstMessage: true }),
    msg(support, 'Not that we know of, checking.', 2 * HOUR),
    msg(customer, 'OK, waiting.', 2 * HOUR - MINUTE),
    msg(support, 'The network team found a stale route on the VPC router and removed it.', 20 * MINUTE),
    msg(support, 'Could you please try connecting again now?', 19 * MINUTE),
  ];
  return { messages, unreadFromKey: messages[3]?.key ?? null };
})();

export const sendingAndFailed: ThreadMessage[] = [
  ...shortThread,
  msg(customer, 'This one is on its way…', 0, { key: 'local:1', delivery: 'sending', createTime: '' }),
  msg(customer, 'This one could not be delivered.', 0, {
    key: 'local:2',
    delivery: 'failed',
    createTime: '',
  }),
];

/** `count` messages, one per ~3 minutes up to NOW, deterministic (a fixed LCG), with varied senders. */
export function generateThread(count: number): ThreadMessage[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const words =
    'instance network route timeout security group port log disk CPU memory restart snapshot'.split(' ');
  const out: ThreadMessage[] = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    const sender = r < 0.45 ? customer : r < 0.93 ? support : thirdParty;
    const length = 3 + Math.floor(next() * 25);
    const text = Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ');
    const createdAt = new Date(NOW.getTime() - (count - i) * 3 * MINUTE);
    out.push({
      key: `gen-${i}#0`,
      caseId: 'CS20250312000101',
      content: `#${i + 1} ${text}`,
      createdAt,
      createTime: createdAt.toISOString(),
      isFirstMessage: i === 0,
      attachments: i % 97 === 0 ? [attachments.log] : [],
      ...sender,
    });
  }
  return out;
}
