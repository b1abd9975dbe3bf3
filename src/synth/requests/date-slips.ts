import type { Prng } from '../prng.ts';
import { daysInMonth } from '../world/calendar.ts';

/**
 * How often a request's date of birth has its year slipped a century back (1910 or 1909 written for
 * 1990), among the dates a slip may change. Chosen: one date in two hundred, about as often as the
 * synth's other slips of a date's digits (dob-digit-typo), so that the class shows in every folder
 * of a few thousand requests without weighing on its totals.
 */
export const CENTURY_SLIP_SHARE = 0.005;

/** The age at which a date reads as a slip rather than as a relative's (the linkage's reading). */
const CENTURY = 100;
/** More than this many years between the dates: a slip into the next decade is another class. */
const NEXT_DECADE = 10;

/**
 * The year of `dob` slipped a century back: its decade digit mistyped (1910 for 1990, 1905 for
 * 1995) or its last two digits swapped (1909 for 1990), the month and day kept, so that the date
 * makes its bearer 100 or older in the last tax year before `asOf` (the latest a return can be
 * for), more than ten years from the true one. Undefined when no such slip exists (a year of the
 * 2000s has none: its decade digit cannot reach back a century) or where the date is one already.
 */
export function yearSlippedCenturyBack(rng: Prng, dob: string, asOf: string): string | undefined {
  const [year = 0, month = 0, day = 0] = dob.split('-').map(Number);
  const lastTaxYear = Number(asOf.slice(0, 4)) - 1;
  if (lastTaxYear - year >= CENTURY) return undefined;
  const digits = String(year).padStart(4, '0');
  const decadeSlips = Array.from('0123456789', (d) => `${digits.slice(0, 2)}${d}${digits.slice(3)}`);
  const swapped = `${digits.slice(0, 2)}${digits[3] ?? ''}${digits[2] ?? ''}`;
  const options = [...new Set([...decadeSlips, swapped])]
    .map(Number)
    .filter(
      (slipped) =>
        lastTaxYear - slipped >= CENTURY &&
        year - slipped > NEXT_DECADE &&
        day <= daysInMonth(slipped, month),
    );
  if (options.length === 0) return undefined;
  const slipped = rng.pick(options);
  return `${String(slipped).padStart(4, '0')}${dob.slice(4)}`;
}
