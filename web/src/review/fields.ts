import type { components } from '../api/schema.ts';
import type { FieldWeight } from './waterfall.ts';

type Schemas = components['schemas'];
type Explanation = Schemas['DecisionExplanation'];

/** The fields a reviewer compares, in the order shown (the keys of the service's SideBySideValues). */
export const SIDE_BY_SIDE_FIELDS = [
  'name',
  'dob',
  'tin',
  'address',
  'city',
  'state',
  'zip',
  'tax_year',
] as const satisfies readonly (keyof Schemas['SideBySideValues'])[];
export type SideBySideField = (typeof SIDE_BY_SIDE_FIELDS)[number];

/** The matcher's comparison fields shown under each side-by-side row. */
export const LEVEL_FIELDS: Record<SideBySideField, readonly string[]> = {
  name: ['first_name', 'middle_name', 'last_name', 'suffix'],
  dob: ['dob'],
  tin: ['tin'],
  address: ['address'],
  city: ['city'],
  state: [],
  zip: [],
  tax_year: [],
};

export const FIELD_LABELS: Record<SideBySideField, string> = {
  name: 'Name',
  dob: 'Date of birth',
  tin: 'TIN',
  address: 'Address',
  city: 'City',
  state: 'State',
  zip: 'ZIP',
  tax_year: 'Tax year',
};

/** A filed or requested address on one line, as the reviewer compares it. */
export function addressLine(values: Schemas['SideBySideValues']): string {
  return [values.address, [values.city, values.state, values.zip].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

export interface YearSpan {
  /** The newest and oldest tax year of the span (equal for a single year). */
  newest: number | null;
  oldest: number | null;
  address: string;
  name: string | null;
}

/**
 * A taxpayer's returns as spans of consecutive years filed from the same address under the same
 * name, newest first: a mover shows one line per home rather than one per return.
 */
export function yearSpans(years: readonly Schemas['SideBySideValues'][]): YearSpan[] {
  const spans: YearSpan[] = [];
  for (const year of years) {
    const address = addressLine(year);
    const last = spans.at(-1);
    if (last && last.address === address && last.name === year.name) last.oldest = year.tax_year;
    else spans.push({ newest: year.tax_year, oldest: year.tax_year, address, name: year.name });
  }
  return spans;
}

export function spanLabel(span: YearSpan): string {
  if (span.newest === null) return 'year unknown';
  return span.oldest === null || span.oldest === span.newest
    ? String(span.newest)
    : `${span.oldest}–${span.newest}`;
}

export interface Waterfall {
  priorBits: number;
  fields: FieldWeight[];
  bestCandidate: string | null;
}

/** The waterfall of a matched decision's explanation; a screened or unknown request has none. */
export function waterfallOf(explanation: Explanation): Waterfall | null {
  if (explanation.kind !== 'matched') return null;
  return {
    priorBits: explanation.priorBits,
    fields: explanation.fields.map(({ field, label, bits }) => ({ field, label, bits })),
    bestCandidate: explanation.bestCandidate,
  };
}
