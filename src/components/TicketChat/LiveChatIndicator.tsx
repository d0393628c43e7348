import type { TicketChatStrings } from '../i18n/strings.ts';

/**
 * The ticket's live-chat flag (`imstatus`, 0/1). The API does not document it beyond "two states", so the
 * wording stays neutral: chat available or not. Unknown values show nothing rather than guess.
 */
export function LiveChatIndicator({
  status,
  strings,
}: {
  status: number | undefined;
  strings: TicketChatStrings;
}) {
  if (status !== 0 && status !== 1) return null;
  const available = status === 1;
  return (
    <span className="tc-chat__live" data-available={available}>
      <span className="tc-chat__live-dot" aria-hidden="true" />
      {available ? strings.liveChatAvailable : strings.liveChatUnavailable}
    </span>
  );
}
