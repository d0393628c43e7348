/** Message builders for the tests (not part of the package). */
import type { ThreadMessage } from '../../src/query/types.ts';

let seq = 0;

export function makeMessage(overrides: Partial<ThreadMessage> = {}): ThreadMessage {
  seq += 1;
  const createdAt =
    overrides.createdAt === undefined ? new Date(Date.UTC(2024, 2, 1, 2, 0, seq)) : overrides.createdAt;
  return {
    key: `m${seq}#0`,
    caseId: 'case-1',
    content: `Message ${seq}`,
    createdAt,
    createTime: createdAt ? createdAt.toISOString() : 'garbage',
    replier: 'eng-1',
    replierName: 'Li Wei',
    replierType: 1,
    type: 1,
    fromSupport: true,
    isFirstMessage: false,
    attachments: [],
    ...overrides,
  };
}

export const customer = {
  replier: 'cust-1',
  replierName: 'Alice',
  replierType: 0,
  type: 0,
  fromSupport: false,
};
export const engineer = {
  replier: 'eng-1',
  replierName: 'Li Wei',
  replierType: 1,
  type: 1,
  fromSupport: true,
};

/** `count` messages one minute apart, alternating senders every 3 messages, ending at `end`. */
export function makeThread(count: number, end = new Date(Date.UTC(2024, 2, 10, 8, 0, 0))): ThreadMessage[] {
  const out: ThreadMessage[] = [];
  for (let i = 0; i < count; i++) {
    const who = Math.floor(i / 3) % 2 === 0 ? engineer : customer;
    out.push(
      makeMessage({
        ...who,
        key: `t${i}#0`,
        content: i % 7 === 0 ? `Line one of message ${i}\nand a second line` : `Message number ${i}`,
        createdAt: new Date(end.getTime() - (count - 1 - i) * 60_000),
      }),
    );
  }
  return out;
}
