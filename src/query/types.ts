// Components import the message types from here; they are defined with the thread entry.
export type { Delivery, ThreadMessage } from './threadEntry.ts';
