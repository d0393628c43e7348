export { TicketChat, type TicketChatProps } from './TicketChat.tsx';
