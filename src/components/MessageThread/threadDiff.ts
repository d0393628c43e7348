import type { ThreadMessage } from '../../query/types.ts';
import { sideOf } from './threadLayout.ts';

export interface ThreadDiff {
  /**
   * Server messages new to the thread below its previously oldest one (after the newest, or put between
   * older ones by their time: a late commit, a cursor stepping back), minus echoes of what this browser sent.
   */
  arrived: ThreadMessage[];
  /** Messages new above the previously oldest one (older history loaded). */
  prepended: number;
  /** A local 'sending' message was appended: the user just sent. */
  sentLocally: boolean;
  /** Local messages that turned 'failed' (a send, or its retry, did not go through). */
  failed: number;
  /** No message survived: a different thread. */
  replaced: boolean;
}

const NONE: ThreadDiff = { arrived: [], prepended: 0, sentLocally: false, failed: 0, replaced: false };

/**
 * What changed between two renders of one thread (both oldest first). O(n) with a Set, run once per
 * change of the `messages` array. A server message replacing a local one (same content, our side) is the
 * echo of our own send: not "arrived", so it is neither announced nor counted as unseen.
 */
export function diffThread(prev: readonly ThreadMessage[], next: readonly ThreadMessage[]): ThreadDiff {
  if (prev === next) return NONE;
  const prevKeys = new Set(prev.map((m) => m.key));
  const firstOld = next.findIndex((m) => prevKeys.has(m.key));
  if (prev.length > 0 && firstOld < 0) return { ...NONE, replaced: true };

  // Everything after the oldest surviving message that is new; before it is older history (prepended).
  const below = next.slice(Math.max(firstOld, 0)).filter((m) => !prevKeys.has(m.key));
  const nextKeys = new Set(next.map((m) => m.key));
  const echoes = prev.filter((m) => m.delivery !== undefined && !nextKeys.has(m.key)).map((m) => m.content);
  const arrived: ThreadMessage[] = [];
  let sentLocally = false;
  for (const m of below) {
    if (m.delivery === 'sending') sentLocally = true;
    if (m.delivery !== undefined) continue;
    const echo = sideOf(m) === 'end' ? echoes.indexOf(m.content) : -1;
    if (echo >= 0) {
      echoes.splice(echo, 1);
      continue;
    }
    arrived.push(m);
  }
  let prepended = 0;
  for (let i = 0; i < firstOld; i++) if (!prevKeys.has((next[i] as ThreadMessage).key)) prepended++;
  // Local messages are few, and a failed one keeps its key: compare by key.
  const failedBefore = new Set(prev.filter((m) => m.delivery === 'failed').map((m) => m.key));
  let failed = 0;
  for (const m of next) if (m.delivery === 'failed' && !failedBefore.has(m.key)) failed++;
  return { arrived, prepended, sentLocally, failed, replaced: false };
}
