/**
 * `readExact` (reading the whole answer) against JSON.parse on any JSON text: the same value, except that each
 * integer written with 16 or more digits is its source text; string literals (escapes, quotes, digits inside
 * them) never change.
 */
import fc from 'fast-check';
import { readExact } from './exactIntegers.ts';

const exactIntegers = (body: unknown, text: string) => readExact((exact) => exact, body, text);

const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

/** What readExact should give for the value JSON.stringify wrote: integers printed with 16+ digits as text. */
function expected(value: unknown): unknown {
  if (typeof value === 'number')
    return /^-?\d{16,}$/.test(JSON.stringify(value)) ? JSON.stringify(value) : value;
  if (Array.isArray(value)) return value.map(expected);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expected(item)]));
  return value;
}

const big = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => `${n}`);
// Strings with quotes, backslashes and runs of digits that must stay text.
const text = fc
  .array(fc.oneof(fc.constantFrom('"', '\\', '\\"', 'a', ' ', '\u2028', '1e5'), big), { maxLength: 4 })
  .map((parts) => parts.join(''));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    big.map(Number),
    text,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
})).value;

test('readExact is JSON.parse with integers of 16+ digits as their text', () => {
  fc.assert(
    fc.property(json, fc.array(big, { maxLength: 3 }), (value, integers) => {
      // Integers beyond what a double holds, written into the text as they would arrive.
      const text = `{"value":${JSON.stringify(value)},"integers":[${integers.join(',')}]}`;
      const parsed = JSON.parse(text);
      expect(exactIntegers(parsed, text)).toEqual({
        value: expected(parsed.value),
        integers: integers.map((digits) => (/^-?\d{16,}$/.test(digits) ? digits : Number(digits))),
      });
    }),
    { numRuns },
  );
});

test('an answer without a run of 16 digits is returned as parsed, not parsed again', () => {
  const body = { count: 1 };
  expect(exactIntegers(body, '{"count": 1}')).toBe(body);
});
