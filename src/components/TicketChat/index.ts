export { preloadTicketChat, TicketChat } from './LazyTicketChat.tsx';
export type { TicketChatProps } from './TicketChat.tsx';
