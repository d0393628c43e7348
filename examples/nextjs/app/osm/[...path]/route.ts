// The portal's /osm route: forwards the ticket IM API and adds the user's IAM token on the server, so the
// browser never holds it. Only the contract's endpoints pass (others 404, wrong methods 405).
import { createTicketChatProxy } from 'ticket-chat/server';

const proxy = createTicketChatProxy({
  target: process.env.TICKET_API_URL ?? 'https://osm.ap-southeast-1.myhuaweicloud.com',
  // The proxy does not authenticate the browser: `token` must return THIS visitor's IAM token, found from
  // their session cookie in your server-side session store ('' when signed out: 401). This demo portal has
  // one user, so the token comes from the environment; one token for every visitor would give anyone who
  // can reach /osm that account's tickets.
  token: () => process.env.TICKET_API_TOKEN ?? '',
});

export const GET = proxy;
export const POST = proxy;
