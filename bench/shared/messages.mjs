// Deterministic generated thread data, the same for every library and every run.
const WORDS =
  'the ticket was updated we checked the instance logs and found a timeout on the load balancer please try again after the restart thanks for your patience could you send the request id and a screenshot'.split(
    ' ',
  );

/** A small seeded PRNG (mulberry32) so every run and every library sees the same thread. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = Date.UTC(2026, 0, 5, 1, 0, 0);
const pad = (n) => String(n).padStart(2, '0');
function wallClock(ms) {
  const d = new Date(ms + 8 * 3600_000); // GMT+8 wall clock, as the wire sends it
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Message `i` of the thread (same i → same message). Two senders, 1–3 minutes apart, 5–40 words. */
export function makeMessage(i, caseId = 'case-1') {
  const r = rng(i * 7919 + 17);
  const at = START + i * 97_000;
  const fromSupport = r() < 0.5;
  const n = 5 + Math.floor(r() * 35);
  const words = [];
  for (let w = 0; w < n; w++) words.push(WORDS[Math.floor(r() * WORDS.length)]);
  return {
    key: `m${i}#0`,
    caseId,
    content: `${words.join(' ')} (${i})`,
    createdAt: new Date(at),
    createTime: wallClock(at),
    replier: fromSupport ? 'agent-1' : 'customer-1',
    replierName: fromSupport ? 'Support Engineer' : 'Customer',
    replierType: fromSupport ? 1 : 0,
    type: fromSupport ? 1 : 0,
    fromSupport,
    isFirstMessage: i === 0,
    attachments: [],
  };
}

export function makeThread(n, caseId) {
  return Array.from({ length: n }, (_, i) => makeMessage(i, caseId));
}
