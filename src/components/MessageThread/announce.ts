import type { ThreadMessage } from '../../query/types.ts';
import type { TicketChatStrings } from '../i18n/strings.ts';

const MAX_ANNOUNCED_CHARS = 140;

/** One short live-region text for a batch of arrived messages, or null for an empty batch. */
export function describeBatch(arrived: readonly ThreadMessage[], strings: TicketChatStrings): string | null {
  if (arrived.length === 0) return null;
  if (arrived.length > 1) return strings.announceMessages(arrived.length);
  const m = arrived[0] as ThreadMessage;
  const text = m.content.trim().replace(/\s+/g, ' ');
  const shown =
    text === ''
      ? strings.attachmentsOnly(m.attachments.length)
      : text.length > MAX_ANNOUNCED_CHARS
        ? `${text.slice(0, MAX_ANNOUNCED_CHARS)}…`
        : text;
  return strings.announceMessage(m.replierName || strings.unknownSender, shown);
}
