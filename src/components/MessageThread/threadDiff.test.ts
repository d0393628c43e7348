import { customer, engineer, makeMessage } from '../../../test/support/messages.ts';
import { getStrings } from '../i18n/locale.ts';
import { describeBatch } from './announce.ts';
import { diffThread } from './threadDiff.ts';

describe('diffThread', () => {
  const a = makeMessage({ ...engineer });
  const b = makeMessage({ ...engineer });
  it('finds appended server messages', () => {
    const c = makeMessage({ ...engineer });
    expect(diffThread([a, b], [a, b, c])).toMatchObject({ arrived: [c], prepended: 0, sentLocally: false });
  });
  it('a new message the merge puts between shown ones (its time is older than the newest) has arrived too', () => {
    const late = makeMessage({ ...engineer });
    const c = makeMessage({ ...engineer });
    expect(diffThread([a, b], [a, late, b])).toMatchObject({ arrived: [late], prepended: 0 });
    expect(diffThread([a, b], [a, late, b, c])).toMatchObject({ arrived: [late, c], prepended: 0 });
    const old = makeMessage();
    expect(diffThread([a, b], [old, a, late, b])).toMatchObject({ arrived: [late], prepended: 1 });
  });
  it('counts prepended history, which is not "arrived"', () => {
    const old = makeMessage();
    expect(diffThread([a, b], [old, a, b])).toMatchObject({ arrived: [], prepended: 1 });
  });
  it('detects a local send and skips the echo that replaces it', () => {
    const local = makeMessage({ ...customer, key: 'local:1', content: 'hi', delivery: 'sending' });
    expect(diffThread([a], [a, local])).toMatchObject({ sentLocally: true, arrived: [] });
    const echo = makeMessage({ ...customer, content: 'hi' });
    expect(diffThread([a, local], [a, echo])).toMatchObject({ sentLocally: false, arrived: [] });
  });
  it('counts local messages that turned failed, each time they do', () => {
    const local = makeMessage({ ...customer, key: 'local:1', delivery: 'sending' });
    const failed = { ...local, delivery: 'failed' as const };
    expect(diffThread([a], [a, local]).failed).toBe(0);
    expect(diffThread([a, local], [a, failed]).failed).toBe(1);
    expect(diffThread([a, failed], [a, { ...failed }]).failed).toBe(0);
    expect(diffThread([a, failed], [a, local]).failed).toBe(0);
    const other = makeMessage({ ...customer, key: 'local:2', delivery: 'sending' });
    expect(diffThread([a, local, other], [a, failed, { ...other, delivery: 'failed' }]).failed).toBe(2);
  });
  it('reports a replaced thread', () => {
    expect(diffThread([a], [b]).replaced).toBe(true);
  });
});

describe('describeBatch', () => {
  const en = getStrings('en');
  it('names the sender of a single message and truncates long text', () => {
    const m = makeMessage({ replierName: 'Li Wei', content: `Hello\nthere ${'x'.repeat(300)}` });
    const text = describeBatch([m], en) ?? '';
    expect(text.startsWith('New message from Li Wei: Hello there x')).toBe(true);
    expect(text.length).toBeLessThan(200);
  });
  it('counts several messages, in Chinese too', () => {
    expect(describeBatch([makeMessage(), makeMessage()], en)).toBe('2 new messages');
    expect(describeBatch([makeMessage(), makeMessage(), makeMessage()], getStrings('zh-cn'))).toBe(
      '3 条新消息',
    );
  });
  it('describes an attachment-only message and says nothing for an empty batch', () => {
    const m = makeMessage({ content: '', attachments: [{ id: '1', name: 'a.png' }] });
    expect(describeBatch([m], en)).toBe('New message from Li Wei: 1 attachment');
    expect(describeBatch([], en)).toBeNull();
  });
});
