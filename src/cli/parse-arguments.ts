import { InvalidArgumentError } from 'commander';

/**
 * Option parsers: a date or number is checked when the command line is parsed, so a typo is a
 * usage error (exit 2) before anything runs or is recorded — never a database conversion error,
 * an empty report, or a screening "as of" a day that does not exist.
 */
export function calendarDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new InvalidArgumentError(`${value} is not a calendar date.`);
  return value;
}

function wholeNumber(value: string, min: number, what: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected ${what}.`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected ${what}.`);
  return n;
}

/** 1, 2, 3, … */
export function positiveInteger(value: string): number {
  return wholeNumber(value, 1, 'a whole number of at least 1');
}

/** 0, 1, 2, … */
export function nonNegativeInteger(value: string): number {
  return wholeNumber(value, 0, 'a whole number (0 or more)');
}

/** A calendar year such as 2026. */
export function calendarYear(value: string): number {
  if (!/^\d{4}$/.test(value.trim())) throw new InvalidArgumentError('expected a year such as 2026.');
  return Number(value);
}
