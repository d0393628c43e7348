export { TicketStatus, type TicketStatusProps } from './TicketStatus.tsx';
export {
  type StatusIcon,
  type StatusTone,
  TICKET_STATUSES,
  ticketStatusInfo,
  UNKNOWN_STATUS,
} from './ticketStatusCodes.ts';
