import { assignKeys, messageBaseKey } from './messageKey.ts';
import type { Message } from './types.ts';

const base = {
  caseId: 'c1',
  createTime: '2020-07-09 00:00:00',
  replier: 'agent',
  type: 1,
  content: 'hello',
  attachments: [{ id: 'a1', name: 'x.png' }],
} satisfies Partial<Message>;

describe('messageBaseKey', () => {
  it('is stable and ignores display-only fields', () => {
    expect(messageBaseKey(base)).toBe(messageBaseKey({ ...base }));
    expect(messageBaseKey(base)).toBe(
      messageBaseKey({ ...base, attachments: [{ id: 'a1', name: 'renamed.png' }] }),
    );
    expect(messageBaseKey(base)).toMatch(/^[0-9a-z]+$/);
  });

  it.each([
    ['caseId', { caseId: 'c2' }],
    ['createTime', { createTime: '2020-07-09 00:00:01' }],
    ['replier', { replier: 'agent2' }],
    ['type', { type: 0 }],
    ['content', { content: 'hello!' }],
    ['attachments', { attachments: [] }],
  ])('changes with %s', (_field, change) => {
    expect(messageBaseKey({ ...base, ...change })).not.toBe(messageBaseKey(base));
  });

  it('ignores the order of attachments and treats a missing type as null', () => {
    const two = {
      ...base,
      attachments: [
        { id: '1', name: 'a' },
        { id: '2', name: 'b' },
      ],
    };
    expect(
      messageBaseKey({
        ...two,
        attachments: [
          { id: '2', name: 'b' },
          { id: '1', name: 'a' },
        ],
      }),
    ).toBe(messageBaseKey(two));
    expect(messageBaseKey({ ...base, type: undefined as unknown as null })).toBe(
      messageBaseKey({ ...base, type: null }),
    );
  });

  it('keeps field boundaries unambiguous', () => {
    expect(messageBaseKey({ ...base, replier: 'ab', content: 'c' })).not.toBe(
      messageBaseKey({ ...base, replier: 'a', content: 'bc' }),
    );
  });
});

describe('assignKeys', () => {
  it('numbers identical messages within one answer', () => {
    const keys = assignKeys([base, { ...base }, { ...base, content: 'other' }, { ...base }]).map(
      (m) => m.key,
    );
    const b = messageBaseKey(base);
    expect(keys[0]).toBe(`${b}#0`);
    expect(keys[1]).toBe(`${b}#1`);
    expect(keys[2]).toBe(`${messageBaseKey({ ...base, content: 'other' })}#0`);
    expect(keys[3]).toBe(`${b}#2`);
  });

  it('is pure: the same answer again gives the same keys', () => {
    const list = [base, { ...base }];
    expect(assignKeys(list)).toEqual(assignKeys(list));
    expect(list[0]).not.toHaveProperty('key');
  });
});
