import { memo } from 'react';
import type { Attachment } from '../../client/types.ts';
import type { ThreadMessage } from '../../query/types.ts';
import { AttachmentChip } from '../AttachmentChip/AttachmentChip.tsx';
import { formatDateTime, formatDay, formatRelativeTime, formatTimeOfDay } from '../i18n/format.ts';
import type { TicketChatLocale } from '../i18n/locale.ts';
import type { TicketChatStrings } from '../i18n/strings.ts';
import { MessageText } from './MessageText.tsx';
import { usableDate } from './normalizeMessages.ts';
import type { ThreadRow } from './threadLayout.ts';

export interface ThreadRowViewProps {
  row: ThreadRow;
  locale: TicketChatLocale;
  strings: TicketChatStrings;
  timeZone: string | undefined;
  /**
   * Only passed to rows that show a relative time, and (changing once a day) to day labels without a
   * relative name; other rows get undefined and skip re-rendering on clock ticks.
   */
  now: Date | undefined;
  onAttachmentClick: ((attachment: Attachment, message: ThreadMessage) => void) | undefined;
  onRetry: ((message: ThreadMessage) => void) | undefined;
  /** Ids of THIS message's attachments being downloaded, joined ('' = none): other rows stay memoized. */
  busyAttachmentIds: string;
}

export const ThreadRowView = memo(function ThreadRowView(props: ThreadRowViewProps) {
  const { row, locale, strings, timeZone, now } = props;
  if (row.kind === 'day') {
    const label =
      row.relativeDay === 'today'
        ? strings.today
        : row.relativeDay === 'yesterday'
          ? strings.yesterday
          : formatDay(row.date, locale, timeZone, now ?? new Date());
    return (
      <div className="tc-row tc-separator" data-kind="day" data-row-key={row.key}>
        <span className="tc-separator__label">{label}</span>
      </div>
    );
  }
  if (row.kind === 'unread') {
    return (
      <div className="tc-row tc-separator" data-kind="unread" data-row-key={row.key}>
        <span className="tc-separator__label">{strings.unreadSeparator}</span>
      </div>
    );
  }
  const { message, side, groupPosition } = row;
  const { onAttachmentClick, onRetry, busyAttachmentIds } = props;
  // The user's own message still on its way has no name yet (only the server's copy gets one).
  const sender =
    message.replierName ||
    (message.delivery !== undefined && side === 'end' ? strings.you : strings.unknownSender);
  const startsGroup = groupPosition === 'single' || groupPosition === 'first';
  const date = usableDate(message.createdAt);
  const relative = date && now ? formatRelativeTime(date, now, locale) : null;
  const busy = busyAttachmentIds === '' ? [] : busyAttachmentIds.split('\n');
  return (
    <div
      className="tc-row tc-msg"
      data-kind="message"
      data-row-key={row.key}
      data-message-key={message.key}
      data-side={side}
      data-group={groupPosition}
      data-delivery={message.delivery}
    >
      {startsGroup ? (
        <div className="tc-msg__sender">{sender}</div>
      ) : (
        <span className="tc-visually-hidden">{sender}</span>
      )}
      <div className="tc-msg__bubble">
        {message.content !== '' && <MessageText text={message.content} />}
        {message.attachments.length > 0 && (
          <ul className="tc-msg__attachments">
            {message.attachments.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: ids may repeat or be empty in bad data; a message's attachments never reorder
              <li key={`${i}:${a.id}`}>
                <AttachmentChip
                  attachment={a}
                  locale={locale}
                  busy={busy.includes(a.id)}
                  onClick={onAttachmentClick ? (att) => onAttachmentClick(att, message) : undefined}
                />
              </li>
            ))}
          </ul>
        )}
        <div className="tc-msg__meta">
          {message.delivery === 'sending' || message.delivery === 'checking' ? (
            <span className="tc-msg__sending">
              {message.delivery === 'sending' ? strings.sending : strings.checking}
            </span>
          ) : date ? (
            <time dateTime={date.toISOString()} title={formatDateTime(date, locale, timeZone)}>
              {relative ?? formatTimeOfDay(date, locale, timeZone)}
            </time>
          ) : (
            <span>{message.createTime}</span>
          )}
        </div>
      </div>
      {message.delivery === 'failed' && (
        <div className="tc-msg__failed">
          <span>{strings.sendFailed}</span>
          {onRetry && (
            <button type="button" className="tc-msg__retry" onClick={() => onRetry(message)}>
              {strings.retry}
            </button>
          )}
        </div>
      )}
    </div>
  );
});
