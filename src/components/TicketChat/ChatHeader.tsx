import type { ElementType } from 'react';
import type { TicketChatCoreStrings } from '../i18n/coreStrings.ts';
import { TicketStatus } from '../TicketStatus/TicketStatus.tsx';

export interface ChatHeaderProps {
  titleId: string;
  title: string;
  caseId: string;
  /** Heading level, 1..6. */
  headingLevel: 1 | 2 | 3 | 4 | 5 | 6;
  /** The ticket status code; undefined while unknown (no pill then, rather than a misleading "unknown"). */
  ticketStatus: number | undefined;
  /** Show the pill even without a code: the unread answer came and carried none. */
  statusKnown: boolean;
  /** The undocumented two-state `imstatus` flag: worded neutrally, other values show nothing. */
  liveChat: number | undefined;
  locale: string;
  strings: TicketChatCoreStrings;
}

/** The chat's header: title, ticket number, ticket status and the live-chat flag. */
export function ChatHeader(props: ChatHeaderProps) {
  const { strings, liveChat } = props;
  const Heading = `h${props.headingLevel}` as ElementType;
  return (
    <header className="tc-chat__header">
      <div className="tc-chat__heading">
        <Heading id={props.titleId} className="tc-chat__title">
          {props.title}
        </Heading>
        <span className="tc-chat__case">{strings.ticketNumber(props.caseId)}</span>
      </div>
      <div className="tc-chat__badges">
        {(props.ticketStatus !== undefined || props.statusKnown) && (
          <TicketStatus status={props.ticketStatus} locale={props.locale} />
        )}
        {(liveChat === 0 || liveChat === 1) && (
          <span className="tc-chat__live" data-available={liveChat === 1}>
            <span className="tc-chat__live-dot" aria-hidden="true" />
            {liveChat ? strings.liveChatAvailable : strings.liveChatUnavailable}
          </span>
        )}
      </div>
    </header>
  );
}
