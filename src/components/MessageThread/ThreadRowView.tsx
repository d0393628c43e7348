import { memo } from 'react';
import { isAttachmentsContent } from '../../client/model.ts';
import type { Attachment } from '../../client/types.ts';
import type { ThreadMessage } from '../../query/types.ts';
import { AttachmentChip } from '../AttachmentChip/AttachmentChip.tsx';
import { ImageAttachment } from '../ImagePreview/ImageAttachment.tsx';
import { formatDateTime, formatDay, formatTimeOfDay } from '../i18n/format.ts';
import type { TicketChatLocale } from '../i18n/locale.ts';
import type { TicketChatStrings } from '../i18n/strings.ts';
import { MessageText } from './MessageText.tsx';
import { usableDate } from './normalizeMessages.ts';
import type { DaySeparatorRow, ThreadRow } from './threadLayout.ts';

export interface ThreadRowViewProps {
  row: ThreadRow;
  locale: TicketChatLocale;
  strings: TicketChatStrings;
  timeZone: string | undefined;
  /** Only for day labels without a relative name (it decides whether they show the year). */
  now: Date | undefined;
  onAttachmentClick: ((attachment: Attachment, message: ThreadMessage) => void) | undefined;
  onRetry: ((message: ThreadMessage) => void) | undefined;
  onDiscard: ((message: ThreadMessage) => void) | undefined;
  /** Ids of THIS message's attachments being downloaded, joined ('' = none): other rows stay memoized. */
  busyAttachmentIds: string;
}

/** Why a failed message was not sent, in the user's words (null when unknown). */
function failureText(message: ThreadMessage, strings: TicketChatStrings): string | null {
  const failure = message.failure;
  if (!failure) return null;
  if (failure.reason === 'busy') return strings.sendFailedBusy;
  if (failure.reason === 'offline') return strings.sendFailedOffline;
  return failure.detail || strings.sendFailedRefused;
}

/** "Today", "Yesterday" or the date of a day separator. */
function dayLabel(
  row: DaySeparatorRow,
  options: { locale: TicketChatLocale; strings: TicketChatStrings; timeZone: string | undefined; now: Date },
): string {
  const { locale, strings, timeZone, now } = options;
  if (row.relativeDay === 'today') return strings.today;
  if (row.relativeDay === 'yesterday') return strings.yesterday;
  return formatDay(row.date, locale, timeZone, now);
}

export const ThreadRowView = memo(function ThreadRowView(props: ThreadRowViewProps) {
  const { row, locale, strings, timeZone, now } = props;
  if (row.kind === 'day') {
    const label = dayLabel(row, { locale, strings, timeZone, now: now ?? new Date() });
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
  const { onAttachmentClick, onRetry, onDiscard, busyAttachmentIds } = props;
  // The customer side is the viewer's own: "You" in every state (a message on its way has no name yet, the
  // server's copy that replaces it has one; the label must not change under the reader's eyes).
  const sender = side === 'end' ? strings.you : message.replierName || strings.unknownSender;
  const startsGroup = groupPosition === 'single' || groupPosition === 'first';
  const date = usableDate(message.createdAt);
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
        {/* A message of attachments only carries their names as content: the attachments show them. */}
        {message.content !== '' && !isAttachmentsContent(message) && <MessageText text={message.content} />}
        {message.attachments.length > 0 && (
          <ul className="tc-msg__attachments">
            {message.attachments.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: ids may repeat or be empty in bad data; a message's attachments never reorder
              <li key={`${i}:${a.id}`}>
                <ImageAttachment
                  attachment={a}
                  message={message}
                  chip={
                    <AttachmentChip
                      attachment={a}
                      locale={locale}
                      busy={busy.includes(a.id)}
                      onClick={onAttachmentClick ? (att) => onAttachmentClick(att, message) : undefined}
                    />
                  }
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
            // One rule for every message: its time of day; the day is the separator's (see README).
            <time dateTime={date.toISOString()} title={formatDateTime(date, locale, timeZone)}>
              {formatTimeOfDay(date, locale, timeZone)}
            </time>
          ) : (
            <span>{message.createTime}</span>
          )}
        </div>
      </div>
      {message.delivery === 'failed' && (
        <div className="tc-msg__failed">
          <span className="tc-msg__failed-text">
            <strong>{strings.sendFailed}</strong>{' '}
            {/* The service's own words may be in any script or direction. */}
            <bdi>{failureText(message, strings)}</bdi>
          </span>
          {(onRetry || onDiscard) && (
            <span className="tc-msg__failed-actions">
              {onRetry && (
                <button type="button" className="tc-msg__retry" onClick={() => onRetry(message)}>
                  {strings.retry}
                </button>
              )}
              {onDiscard && (
                <button type="button" className="tc-msg__retry" onClick={() => onDiscard(message)}>
                  {strings.discard}
                </button>
              )}
            </span>
          )}
        </div>
      )}
    </div>
  );
});
