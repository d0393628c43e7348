/**
 * `ticket-chat/server`: the server half (no React, no 'use client'; fetch-standard APIs, Node >= 20 and edge
 * runtimes). A proxy for the portal's /osm route that keeps the IAM token on the server, and its Node adapter;
 * the prefetch that fills a QueryClient for the first HTML (React Query's core only, through the caller's client).
 */
export { type NodeRequest, type NodeResponse, type ToNodeHandlerOptions, toNodeHandler } from './node.ts';
export {
  type PrefetchThreadRequest,
  type PrefetchUnreadRequest,
  prefetchThread,
  prefetchUnread,
} from './prefetch.ts';
export { createTicketChatProxy, type TicketChatProxy, type TicketChatProxyOptions } from './proxy.ts';
export { ROUTES, type Route } from './routes.ts';
export type { RateLimitOptions } from './tokenBucket.ts';
