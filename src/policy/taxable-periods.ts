/**
 * Taxable periods as requests write them (../shared/datasets/README.md): tax years separated by
 * ";" or "," ("2022;2023") or a range ("2021-2024"), or a mix.
 */
export type TaxablePeriods = { kind: 'years'; years: number[] } | { kind: 'malformed'; detail: string };

/** Tax years outside 1900–2999 are typos, not periods (and bound the size of a range). */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

export function parseTaxablePeriods(text: string): TaxablePeriods {
  const items = text
    .split(/[;,]/)
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) return { kind: 'malformed', detail: 'no tax year given' };
  const years = new Set<number>();
  for (const item of items) {
    const match = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/.exec(item);
    if (!match) return { kind: 'malformed', detail: `"${item}" is not a tax year or a range of tax years` };
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < FIRST_YEAR || to > LAST_YEAR)
      return { kind: 'malformed', detail: `"${item}" is not a plausible tax year` };
    if (to < from) return { kind: 'malformed', detail: `"${item}" ends before it begins` };
    for (let year = from; year <= to; year++) years.add(year);
  }
  return { kind: 'years', years: [...years].sort((a, b) => a - b) };
}

/** The tax years a program allows: the `yearsBack` full years before the screening year. */
export function allowedTaxYears(asOf: string, yearsBack: number): { first: number; last: number } {
  const year = Number(asOf.slice(0, 4));
  return { first: year - yearsBack, last: year - 1 };
}
