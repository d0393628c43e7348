/**
 * Unsent drafts. Always kept in memory for the page's lifetime; with `persist` also in `localStorage`
 * (which throws in some private modes, when blocked by the host, and when full: then memory only).
 */
const PREFIX = 'ticket-chat:draft:';
const memory = new Map<string, string>();

function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The draft under `key`: this page's latest, else (with `persist`) the stored one, else "". */
export function readDraft(key: string, persist: boolean): string {
  const kept = memory.get(key);
  if (kept !== undefined || !persist) return kept ?? '';
  try {
    return localStore()?.getItem(PREFIX + key) ?? '';
  } catch {
    return '';
  }
}

/** Keeps `text` in memory at once ("" forgets it). */
export function keepDraft(key: string, text: string): void {
  if (text) memory.set(key, text);
  else memory.delete(key);
}

/** Writes `text` to `localStorage` ("" removes it); false when storage refused (the memory copy stays). */
export function storeDraft(key: string, text: string): boolean {
  const store = localStore();
  if (!store) return false;
  try {
    if (text) store.setItem(PREFIX + key, text);
    else store.removeItem(PREFIX + key);
    return true;
  } catch {
    return false;
  }
}

const owners = new WeakMap<object, number>();
let ownerCount = 0;

/**
 * The draft key of one ticket for one user: `scope` (a string naming the user, e.g. the provider's
 * `crossTabChannel`), else the identity of `owner` (the client object, one per signed-in user: such keys
 * live in memory only), so no user is ever shown another's draft.
 */
export function draftKeyFor(options: {
  scope: string | undefined;
  owner: object;
  caseId: string;
  groupId: string | undefined;
}): string {
  const { scope, owner, caseId, groupId = '' } = options;
  if (scope !== undefined) return JSON.stringify([scope, caseId, groupId]);
  let id = owners.get(owner);
  if (id === undefined) {
    id = ++ownerCount;
    owners.set(owner, id);
  }
  // A number where a scope string would be: never equal to a scoped key.
  return JSON.stringify([id, caseId, groupId]);
}
