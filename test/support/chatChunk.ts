import { vi } from 'vitest';

/** The chat chunk's module (the lazy `TicketChat` view and the thread), from the project root for `vi.doMock`. */
export const CHAT_CHUNK = '/src/components/TicketChat/TicketChat.tsx';

/**
 * The next fresh copy of the package (import it after this call) loads its chat chunk only at `release()`:
 * a browser before the chunk arrived, or a server rendering before its preload is done. `restore()` drops
 * the mock (the chunk loads at once again); it releases first, so nothing is left waiting.
 */
export function holdChatChunk(): { release: () => void; restore: () => void } {
  let release = () => {};
  const arrived = new Promise<void>((resolve) => {
    release = resolve;
  });
  vi.resetModules();
  vi.doMock(CHAT_CHUNK, async (original) => {
    await arrived;
    return original();
  });
  return {
    release: () => release(),
    restore: () => {
      release();
      vi.doUnmock(CHAT_CHUNK);
    },
  };
}
