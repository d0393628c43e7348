/**
 * Renders a realistic thread in light/dark × en/zh, checks the theme switch really changes colours, and
 * writes PNGs to screenshots/ (git-ignored) for a human look.
 */
import '../../styles.css';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { page } from 'vitest/browser';
import { customer, engineer, makeMessage } from '../../../test/support/messages.ts';
import type { ThreadMessage } from '../../query/types.ts';
import { AttachmentChip } from '../AttachmentChip/AttachmentChip.tsx';
import { TicketStatus } from '../TicketStatus/TicketStatus.tsx';
import { UnreadBadge } from '../UnreadBadge/UnreadBadge.tsx';
import { MessageThread } from './MessageThread.tsx';
import { ThreadAlert } from './ThreadAlert.tsx';

const now = new Date('2024-03-02T06:00:00Z');
const at = (iso: string) => new Date(iso);
const partner = {
  replier: 'p-1',
  replierName: 'Acme Storage (partner)',
  replierType: 2,
  type: 1,
  fromSupport: true,
};

function demoThread(zh: boolean): ThreadMessage[] {
  const t = (en: string, cn: string) => (zh ? cn : en);
  return [
    makeMessage({
      ...customer,
      key: 'd1',
      createdAt: at('2024-03-01T02:10:00Z'),
      content: t(
        'Our ECS instance i-7f3a stopped responding after the kernel update. Can you check?',
        '内核更新后我们的 ECS 实例 i-7f3a 无响应了，能帮忙看看吗？',
      ),
    }),
    makeMessage({
      ...engineer,
      key: 'd2',
      createdAt: at('2024-03-01T02:14:00Z'),
      content: t('Hello, I am looking into it now.', '您好，我正在排查。'),
    }),
    makeMessage({
      ...engineer,
      key: 'd3',
      createdAt: at('2024-03-01T02:15:00Z'),
      content: t(
        'Could you send the console log? Steps: https://help.example.com/ecs/console-log.',
        '请提供控制台日志，步骤见 https://help.example.com/ecs/console-log 。',
      ),
    }),
    makeMessage({
      ...customer,
      key: 'd4',
      createdAt: at('2024-03-02T01:02:00Z'),
      content: t('Here it is:', '日志如下：'),
      attachments: [
        { id: 'a1', name: 'console-output-2024-03-01-i-7f3a.log' },
        { id: 'a2', name: 'screenshot.png' },
      ],
    }),
    makeMessage({
      ...partner,
      key: 'd5',
      createdAt: at('2024-03-02T03:30:00Z'),
      content: t(
        'Storage side looks healthy.\nNo errors on volume vol-19c since 01:00.',
        '存储侧正常。\n01:00 以来卷 vol-19c 无错误。',
      ),
    }),
    makeMessage({
      ...engineer,
      key: 'd6',
      createdAt: at('2024-03-02T05:40:00Z'),
      content: t(
        'Found it: the initramfs is missing the virtio driver. Please run the fix and reboot.',
        '找到原因了：initramfs 缺少 virtio 驱动。请执行修复并重启。',
      ),
      attachments: [{ id: 'a3', name: 'fix-virtio.sh' }],
    }),
    makeMessage({
      ...engineer,
      key: 'd7',
      createdAt: at('2024-03-02T05:58:00Z'),
      content: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    }),
    makeMessage({
      ...customer,
      key: 'local:1',
      createdAt: at('2024-03-02T05:59:00Z'),
      content: t('Rebooting now, thanks!', '正在重启，谢谢！'),
      delivery: 'failed',
    }),
    {
      ...makeMessage({
        ...customer,
        key: 'local:3',
        createdAt: at('2024-03-02T05:59:10Z'),
        content: t('And the screenshot.', '还有截图。'),
        delivery: 'failed',
      }),
      failure: {
        reason: 'refused',
        detail: t('Attachments of this type are not allowed.', '不允许此类型的附件。'),
      },
    },
    makeMessage({
      ...customer,
      key: 'local:2',
      createdAt: at('2024-03-02T05:59:30Z'),
      content: t('It works again.', '已恢复正常。'),
      delivery: 'sending',
    }),
  ];
}

function Demo({ locale, theme, width }: { locale: string; theme: 'light' | 'dark'; width: number }) {
  const zh = locale.startsWith('zh');
  return (
    <div
      data-theme={theme}
      style={{
        inlineSize: width,
        boxSizing: 'border-box',
        background: theme === 'dark' ? '#0b0d10' : '#e9ecf0',
        padding: 12,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBlockEnd: 8, flexWrap: 'wrap' }}>
        <TicketStatus status={1} locale={locale} />
        <TicketStatus status={2} locale={locale} />
        <TicketStatus status={3} locale={locale} />
        <TicketStatus status={0} locale={locale} />
        <TicketStatus status={12} locale={locale} />
        <TicketStatus status={4} locale={locale} />
        <TicketStatus status={17} locale={locale} />
        <TicketStatus status={null} locale={locale} />
        <UnreadBadge count={3} locale={locale} />
        <UnreadBadge count={240} locale={locale} />
      </div>
      <div
        style={{
          blockSize: 600,
          display: 'flex',
          flexDirection: 'column',
          borderRadius: 12,
          overflow: 'hidden',
        }}
      >
        <MessageThread
          messages={demoThread(zh)}
          locale={locale}
          timeZone="Asia/Shanghai"
          now={now}
          unreadFromKey="d5"
          hasOlder
          onLoadOlder={() => {}}
          onAttachmentClick={() => {}}
          onRetry={() => {}}
          onDiscard={() => {}}
        />
      </div>
      <div style={{ marginBlockStart: 8, display: 'grid', gap: 8 }}>
        <ThreadAlert
          message={zh ? '服务暂时不可用。' : 'The service is unavailable right now.'}
          onRetry={() => {}}
          onDismiss={() => {}}
          locale={locale}
        />
        <div style={{ inlineSize: 200 }}>
          <AttachmentChip
            attachment={{ id: 'x', name: 'a-very-long-attachment-name-for-truncation.xlsx' }}
            onClick={() => {}}
          />
          <AttachmentChip
            attachment={{ id: 'y', name: 'busy.pdf' }}
            onClick={() => {}}
            busy
            locale={locale}
          />
        </div>
      </div>
    </div>
  );
}

describe('screenshots', () => {
  // [locale, theme, width in CSS px, zoom]: a 375 px phone, and that phone at 200 % zoom, where the
  // layout gets half the CSS pixels (what browser zoom does; CSS `zoom` would not reflow alike).
  it.each([
    ['en', 'light', 440, 1],
    ['en', 'dark', 440, 1],
    ['zh-cn', 'light', 440, 1],
    ['zh-cn', 'dark', 440, 1],
    ['en', 'light', 375, 1],
    ['en', 'dark', 375, 1],
    ['en', 'light', 375, 2],
    ['zh-cn', 'dark', 375, 2],
  ] as const)('%s %s %ipx zoom %i', async (locale, theme, width, zoom) => {
    await page.viewport(520, 1000);
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    flushSync(() => root.render(<Demo locale={locale} theme={theme} width={Math.round(width / zoom)} />));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const bubble = host.querySelector('[data-side="end"] .tc-msg__bubble') as HTMLElement;
    const thread = host.querySelector('.tc-thread') as HTMLElement;
    const expected = theme === 'dark' ? 'rgb(17, 20, 24)' : 'rgb(246, 247, 249)';
    expect(getComputedStyle(thread).backgroundColor).toBe(expected);
    expect(getComputedStyle(bubble).color).toBe('rgb(255, 255, 255)');
    await page.screenshot({
      element: host.firstElementChild as HTMLElement,
      path: `../../../screenshots/thread-${locale}-${theme}-${width}-x${zoom}.png`,
    });
    const viewport = host.querySelector('.tc-thread__viewport') as HTMLElement;
    // Halfway: today's separator scrolled away, the sticky day label shows.
    viewport.scrollTop = (viewport.scrollHeight - viewport.clientHeight) * 0.55;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await page.screenshot({
      element: host.firstElementChild as HTMLElement,
      path: `../../../screenshots/thread-${locale}-${theme}-${width}-x${zoom}-middle.png`,
    });
    viewport.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(host.querySelector('.tc-thread__jump')).toBeNull();
    await page.screenshot({
      element: host.firstElementChild as HTMLElement,
      path: `../../../screenshots/thread-${locale}-${theme}-${width}-x${zoom}-top.png`,
    });
    root.unmount();
    host.remove();
  });
});
