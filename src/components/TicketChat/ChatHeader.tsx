import type { TicketChatStrings } from '../i18n/strings.ts';
import { TicketStatus } from '../TicketStatus/TicketStatus.tsx';
import { LiveChatIndicator } from './LiveChatIndicator.tsx';

export interface ChatHeaderProps {
  caseId: string;
  title: string;
  titleId: string;
  headingLevel: 1 | 2 | 3 | 4 | 5 | 6;
  /** undefined while not known yet: no pill rather than a misleading "unknown". */
  ticketStatus: number | null | undefined;
  showStatus: boolean;
  chatStatus: number | undefined;
  locale: string;
  strings: TicketChatStrings;
}

export function ChatHeader(props: ChatHeaderProps) {
  const { caseId, title, titleId, headingLevel, ticketStatus, showStatus, chatStatus, locale, strings } =
    props;
  const Heading = `h${headingLevel}` as const;
  return (
    <header className="tc-chat__header">
      <div className="tc-chat__heading">
        <Heading id={titleId} className="tc-chat__title">
          {title}
        </Heading>
        <span className="tc-chat__case">{strings.ticketNumber(caseId)}</span>
      </div>
      <div className="tc-chat__badges">
        {showStatus && <TicketStatus status={ticketStatus} locale={locale} />}
        <LiveChatIndicator status={chatStatus} strings={strings} />
      </div>
    </header>
  );
}
