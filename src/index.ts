'use client';
/** `ticket-chat`: the client, the React Query hooks and the components. */
export * from './client/index.ts';
export * from './components/index.ts';
export * from './query/index.ts';
