import type { Prng } from '../prng.ts';

/*
 * Civil-date arithmetic without Date objects (H. Hinnant, "chrono-compatible low-level date
 * algorithms"): the generator converts dates millions of times, and Date parsing and formatting
 * showed up as a sixth of its run time.
 */

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function isoOfDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
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
  const day = Math.min(Number(iso.slice(8, 10)), 28);
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}-${iso.slice(5, 7)}-${day < 10 ? '0' : ''}${day}`;
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

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}
