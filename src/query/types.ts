import type { Message } from '../client/types.ts';

/** Delivery state of a message this browser sent; absent for messages that came from the server. */
export type Delivery = 'sending' | 'failed';

/** A message as the thread shows it: a server message, or a local one still on its way. */
export interface ThreadMessage extends Message {
  delivery?: Delivery;
}
