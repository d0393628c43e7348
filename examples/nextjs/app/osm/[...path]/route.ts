// The portal's /osm route: forwards the ticket IM API and adds the user's IAM token on the server, so the
// browser never holds it. Only the contract's endpoints pass (others 404, wrong methods 405).
import { createTicketChatProxy } from 'ticket-chat/server';

const proxy = createTicketChatProxy({
  target: process.env.TICKET_API_URL ?? 'https://osm.ap-southeast-1.myhuaweicloud.com',
  // Look the token up in the user's server session here (cookies are readable from `request`).
  token: () => process.env.TICKET_API_TOKEN ?? '',
});

export const GET = proxy;
export const POST = proxy;
