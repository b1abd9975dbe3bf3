import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { birthDateForAge, dayNumber, isoOfDay, taxYearWindow } from './calendar.ts';
import { Prng } from '../prng.ts';

describe('calendar', () => {
  it('agrees with Date on day numbers and back, for any day from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 47_482 }), (days) => {
        const iso = new Date(days * 86_400_000).toISOString().slice(0, 10);
        return isoOfDay(days) === iso && dayNumber(iso) === days;
      }),
    );
  });

  it('makes a date of birth that gives the asked age on the screening date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 18, max: 95 }), fc.integer(), (age, seed) => {
        const dob = birthDateForAge(new Prng(seed), '2025-08-01', age);
        const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
        const had = m < 8 || (m === 8 && d <= 1) ? 2025 - y : 2025 - y - 1;
        return had === age;
      }),
    );
  });

  it('takes the seven full years before the screening date as the window', () => {
    assert.deepEqual(taxYearWindow('2025-08-01', 7), { first: 2018, last: 2024 });
  });
});
