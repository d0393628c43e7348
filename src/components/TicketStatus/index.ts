export { TicketStatus, type TicketStatusProps } from './TicketStatus.tsx';
export {
  type StatusTone,
  TICKET_STATUSES,
  ticketStatusInfo,
  UNKNOWN_STATUS,
} from './ticketStatusCodes.ts';
