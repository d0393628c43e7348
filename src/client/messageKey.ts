/**
 * Identity without ids. The wire format has no message id, so a message is known by
 * (caseId, create_time, replier, type, content, attachment ids). `key` = `${base}#${n}`, n = the occurrence
 * of that base within ONE answer, so identical messages inside an answer stay distinct. Merging (the query
 * layer) adds max(0, copiesInAnswer - copiesInThread) per base key: an inclusive cursor or a replayed answer
 * adds nothing. Stated limitation: an identical twin (same second, sender, text) that first arrives in a
 * LATER answer than its sibling is folded into it.
 */
import type { Message } from './types.ts';

export type KeyFields = Pick<
  Message,
  'caseId' | 'createTime' | 'replier' | 'type' | 'content' | 'attachments'
>;

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain, bryc). Not cryptographic; needn't be. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The base key (no occurrence suffix). JSON of the fields keeps field boundaries unambiguous. Attachment
 * ids are sorted (the service does not keep `accessory_list` in one order across answers) and a missing
 * `type` counts as `null`.
 */
export function messageBaseKey(m: KeyFields): string {
  const ids = m.attachments.map((a) => a.id).sort();
  return cyrb53(JSON.stringify([m.caseId, m.createTime, m.replier, m.type ?? null, m.content, ids])).toString(
    36,
  );
}

/** Keys for the messages of ONE answer, in the given order: `${base}#${occurrence}`. Pure. */
export function assignKeys<T extends KeyFields>(list: readonly T[]): (T & { key: string })[] {
  const seen = new Map<string, number>();
  return list.map((m) => {
    const base = messageBaseKey(m);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { ...m, key: `${base}#${n}` };
  });
}
