export { preloadTicketChat } from './chatChunk.ts';
export { TicketChat } from './LazyTicketChat.tsx';
export type { TicketChatProps } from './TicketChat.tsx';
