import type { Prng } from '../prng.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(iso: string): number {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function randomDay(rng: Prng, fromIso: string, toIso: string): string {
  return isoOfDay(rng.int(dayNumber(fromIso), dayNumber(toIso)));
}

/** A date of birth for someone `age` years old on `asOf` (their birthday falls anywhere in the year before). */
export function birthDateForAge(rng: Prng, asOf: string, age: number): string {
  const asOfDay = dayNumber(asOf);
  const latest = dayNumber(shiftYears(asOf, -age));
  const earliest = dayNumber(shiftYears(asOf, -age - 1)) + 1;
  return isoOfDay(Math.min(asOfDay, rng.int(earliest, latest)));
}

export function shiftYears(iso: string, years: number): string {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(year + years, month - 1, Math.min(day, 28)));
  return target.toISOString().slice(0, 10);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/**
 * The tax years a program with a `yearsBack` window accepts on `asOf`: the full years before the
 * screening date (irs-ice-6103i2: seven), oldest first.
 */
export function taxYearWindow(asOf: string, yearsBack: number): { first: number; last: number } {
  const last = yearOf(asOf) - 1;
  return { first: last - yearsBack + 1, last };
}
