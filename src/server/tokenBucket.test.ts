import { createTokenBuckets } from './tokenBucket.ts';

test('idle buckets are dropped once they are full again, so distinct keys do not pile up', () => {
  let t = 0;
  const take = createTokenBuckets(2, 1, () => t);
  for (let i = 0; i < 3000; i++) expect(take(`user-${i}`)).toBe(0);
  expect(take.size).toBe(3000);
  t += 1000;
  take('active');
  // Not yet refilled (2 tokens at 1/s): kept, so a user cannot reset a bucket by waiting less.
  expect(take.size).toBe(3001);
  t += 1000;
  take('active');
  expect(take.size).toBe(1);
});

test('an emptied bucket still refuses after a sweep', () => {
  let t = 0;
  const take = createTokenBuckets(1, 0.5, () => t);
  expect(take('u')).toBe(0);
  expect(take('u')).toBe(2);
  t += 1999;
  expect(take('u')).toBeGreaterThan(0);
});
