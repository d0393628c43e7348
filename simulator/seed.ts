/** Demo data: a handful of realistic tickets (English and Chinese), one with a long history. */
import type { ServiceModel, SimMessageInput } from './types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEMO_TICKET_IDS = {
  sshLongHistory: 'CS20250312000101',
  obsPending: 'CS20250314000217',
  billingAwaiting: 'CS20250310000088',
  cdnCompleted: 'CS20250301000042',
  rdsInProgress: 'CS20250315000333',
} as const;

const customer = (content: string, at: number, extra: Partial<SimMessageInput> = {}): SimMessageInput => ({
  content,
  at,
  replierType: 0,
  replier: 'customer-1',
  replierName: 'Li Wei',
  ...extra,
});

const engineer = (content: string, at: number, extra: Partial<SimMessageInput> = {}): SimMessageInput => ({
  content,
  at,
  replierType: 1,
  replier: 'agent-1',
  replierName: 'Zhang Min (Support)',
  ...extra,
});

const CUSTOMER_LINES = [
  'I still cannot connect to the instance over SSH. The connection times out after about 20 seconds.',
  'Here is the output of `ssh -vvv`; it stops at "Connecting to 10.0.3.17 port 22".',
  'The security group allows port 22 from 0.0.0.0/0, I checked it twice.',
  '我刚刚重启了实例，还是连不上。',
  'Is there any maintenance going on in cn-north-4 right now?',
  'We need this server for a release tomorrow morning, can you escalate?',
  'VNC login works, so the instance itself is running.',
  'iptables -L shows no DROP rules on the INPUT chain.',
  'OK, trying that now.',
  '好的，谢谢！',
];

const ENGINEER_LINES = [
  'Thanks for the details. Could you share the output of `systemctl status sshd` from the VNC console?',
  'We see no platform incident in cn-north-4 at the moment.',
  'Please check whether the network ACL bound to the subnet denies inbound TCP 22.',
  '我们已经将工单升级给网络团队，请稍候。',
  'Could you try binding a new EIP temporarily to rule out the current one?',
  'The sshd config seems to listen on port 2222 after your last change. Please check /etc/ssh/sshd_config.',
  'Understood. I will keep this ticket open until you confirm.',
  '请提供实例 ID 和出现问题的大致时间。',
  'The host running your instance was live-migrated at 02:14 today; that is expected and should not affect SSH.',
  'No problem, take your time.',
];

/**
 * ~300 alternating messages over about three days, the last one at `end`, with an occasional attachment.
 * Anchored at the end: counted forward from a start, the gaps added up to more than three days and the
 * history ran past "now", around the ticket's latest messages.
 */
function longHistory(end: number, count: number): SimMessageInput[] {
  const gaps = Array.from(
    { length: count },
    (_, i) => (i % 7 === 0 ? 47 : 9) * MINUTE + ((i * 37) % 60) * 1000,
  );
  const messages: SimMessageInput[] = [];
  let at = end - gaps.slice(1).reduce((sum, gap) => sum + gap, 0);
  for (let i = 0; i < count; i++) {
    if (i > 0) at += gaps[i] ?? 0;
    const fromCustomer = i % 2 === 0;
    const lines = fromCustomer ? CUSTOMER_LINES : ENGINEER_LINES;
    const content = lines[Math.floor(i / 2) % lines.length] ?? '';
    const attachments =
      i === 4
        ? [{ id: 'acc-ssh-verbose-log', name: 'ssh-vvv-output.txt' }]
        : i === 21
          ? [{ id: 'acc-vnc-screenshot', name: 'vnc-console-2025-03-12.png' }]
          : i === 120
            ? [{ id: 'acc-sshd-config', name: 'sshd_config.txt' }]
            : undefined;
    messages.push(
      fromCustomer ? customer(content, at, { attachments }) : engineer(content, at, { attachments }),
    );
  }
  return messages;
}

export function seedDemoTickets(model: ServiceModel): void {
  const now = Date.now();
  const ids = DEMO_TICKET_IDS;
  const plan: {
    id: string;
    status: number;
    chatStatus: 0 | 1;
    unread: number;
    messages: SimMessageInput[];
  }[] = [
    {
      id: ids.sshLongHistory,
      status: 1,
      chatStatus: 1,
      unread: 2,
      messages: [
        ...longHistory(now - 45 * MINUTE, 298),
        engineer('The network team found a stale route on the VPC router and removed it.', now - 20 * MINUTE),
        engineer('Could you please try connecting again now?', now - 19 * MINUTE),
      ],
    },
    {
      id: ids.obsPending,
      status: 0,
      chatStatus: 1,
      unread: 0,
      messages: [
        customer('OBS 桶访问返回 403 AccessDenied，但桶策略里已经授权了该 IAM 用户。', now - 2 * HOUR),
        customer('桶名：prod-assets-2025，区域：华东-上海一。', now - 2 * HOUR + 40_000),
      ],
    },
    {
      id: ids.billingAwaiting,
      status: 2,
      chatStatus: 1,
      unread: 1,
      messages: [
        customer('We were charged twice for the March package. Invoice attached.', now - 2 * DAY, {
          attachments: [{ id: 'acc-invoice-2025-03', name: 'invoice-2025-03.pdf' }],
        }),
        engineer('您好，我们已核实重复扣费，退款将在 3-5 个工作日内原路退回。', now - DAY),
        customer('Thanks. The billing page still shows the second charge though.', now - DAY + 2 * HOUR, {
          attachments: [{ id: 'acc-billing-screenshot', name: 'billing-page-screenshot.png' }],
        }),
        engineer(
          'The refund has been issued (ref. RF-88231). Please confirm once you see it.',
          now - 3 * HOUR,
        ),
      ],
    },
    {
      id: ids.cdnCompleted,
      status: 3,
      chatStatus: 0,
      unread: 0,
      messages: [
        customer('CDN 加速域名 static.example.cn 的 HTTPS 证书更新后部分节点仍返回旧证书。', now - 14 * DAY),
        engineer('已为您刷新全部节点的证书缓存，请在 10 分钟后验证。', now - 14 * DAY + 35 * MINUTE),
        customer('验证通过，问题已解决，谢谢！', now - 14 * DAY + 2 * HOUR),
        engineer(
          '感谢您的确认，本工单将关闭。如有其他问题欢迎随时联系我们。',
          now - 14 * DAY + 2 * HOUR + 5 * MINUTE,
        ),
      ],
    },
    {
      id: ids.rdsInProgress,
      status: 1,
      chatStatus: 1,
      unread: 3,
      messages: [
        customer('RDS for MySQL 实例 CPU 持续 95% 以上，慢查询明显增多。', now - 5 * HOUR, {
          attachments: [{ id: 'acc-slow-query-log', name: 'slow-query-2025-03-15.log' }],
        }),
        engineer('收到，我们正在分析慢查询日志。', now - 4 * HOUR),
        engineer(
          'The query on `orders` filters by `created_at` without an index; see the attached report.',
          now - HOUR,
          {
            attachments: [{ id: 'acc-slow-query-report', name: '慢查询分析报告.xlsx' }],
          },
        ),
        {
          content: 'DBA 专家已加入会话。',
          at: now - 50 * MINUTE,
          replierType: 2,
          replier: 'partner-dba',
          replierName: 'DBA 专家',
        },
        engineer(
          '建议先添加索引：ALTER TABLE orders ADD INDEX idx_created_at (created_at);',
          now - 45 * MINUTE,
        ),
      ],
    },
  ];

  // Messages go in globally by time, so the model's strictly increasing `at` keeps every timestamp.
  for (const t of plan) model.addTicket({ id: t.id, status: t.status, chatStatus: t.chatStatus });
  const all = plan.flatMap((t) => t.messages.map((m) => ({ caseId: t.id, message: m })));
  all.sort((a, b) => (a.message.at ?? 0) - (b.message.at ?? 0));
  for (const { caseId, message } of all) model.post(caseId, message);
  for (const t of plan) {
    const ticket = model.ticket(t.id);
    if (ticket) ticket.unread = t.unread;
  }
}
