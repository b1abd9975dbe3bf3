import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Prng } from '../prng.ts';
import { yearSlippedCenturyBack } from './date-slips.ts';

const AS_OF = '2025-08-01';

describe('a year slipped a century back', () => {
  it('writes the decade digit mistyped or the last two digits swapped, the month and day kept', () => {
    const seen = new Set<string>();
    const rng = new Prng(3);
    for (let i = 0; i < 200; i++) seen.add(yearSlippedCenturyBack(rng, '1990-05-26', AS_OF) ?? '');
    // 1900–1920 by the decade digit (1924 and later are under 100 in 2024), 1909 by the swap.
    assert.deepEqual([...seen].sort(), ['1900-05-26', '1909-05-26', '1910-05-26', '1920-05-26']);
  });

  it('has no such slip for a year whose slips stay under 100, nor for a date already that old', () => {
    const rng = new Prng(5);
    for (const dob of ['2001-03-04', '2010-07-08', '1924-01-02', '1910-05-26', '1899-12-31'])
      assert.equal(yearSlippedCenturyBack(rng, dob, AS_OF), undefined, dob);
  });

  it('never writes the 29th of February in a year without one', () => {
    const rng = new Prng(7);
    for (let i = 0; i < 100; i++) {
      // 1902, 1922 and 1929 (the swap) have no 29th of February; 1912 has.
      assert.equal(yearSlippedCenturyBack(rng, '1992-02-29', AS_OF), '1912-02-29');
    }
  });

  it('always lands 100 years or more before the last tax year, more than ten years back, one slip of the year (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2006 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer(),
        (year, month, day, seed) => {
          const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const slipped = yearSlippedCenturyBack(new Prng(seed), dob, AS_OF);
          if (slipped === undefined) return;
          const [asked, own] = [slipped.slice(0, 4), dob.slice(0, 4)];
          assert.equal(slipped.slice(4), dob.slice(4));
          assert.ok(2024 - Number(asked) >= 100 && Number(own) - Number(asked) > 10, `${slipped} for ${dob}`);
          const differ = Array.from(asked).flatMap((c, at) => (c === own[at] ? [] : [at]));
          assert.ok(
            differ.length === 1 || (differ.length === 2 && asked[2] === own[3] && asked[3] === own[2]),
            `${slipped} for ${dob}`,
          );
        },
      ),
    );
  });
});
