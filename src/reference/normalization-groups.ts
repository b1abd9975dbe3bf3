import { normalizeRecord, type RawPersonFields } from '../linkage/normalize/normalize-record.ts';
import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';

/**
 * The normalized columns split by the raw fields each depends on: the name columns read only the
 * name fields, the address columns only the address fields, and so on. A reference of
 * taxpayer-years repeats each person's name and address year after year, so the load normalizes
 * each distinct value of a group once (a few times fewer calls than rows) and joins the results
 * back in SQL. normalizeRecord stays the single normalizer of requests and reference rows: a group
 * calls it with the other fields empty and keeps only its own columns (normalization-groups.test.ts
 * checks, for any record, that the groups put together give exactly what normalizeRecord gives).
 */
export interface NormalizationGroup {
  name: string;
  fields: readonly (keyof RawPersonFields)[];
  columns: readonly (typeof NORMALIZED_COLUMNS)[number][];
}

const byPrefix = (prefix: string) => NORMALIZED_COLUMNS.filter((column) => column.startsWith(prefix));

export const NORMALIZATION_GROUPS: readonly NormalizationGroup[] = [
  { name: 'name', fields: ['first_name', 'middle_name', 'last_name'], columns: byPrefix('nm_') },
  {
    name: 'address',
    fields: ['address_line1', 'address_line2', 'city', 'state', 'zip'],
    columns: byPrefix('ad_'),
  },
  { name: 'dob', fields: ['dob'], columns: ['n_dob'] },
  { name: 'tin', fields: ['tin'], columns: ['n_tin'] },
];

// A normalized column no group claims would be loaded as NULL: refuse to start instead.
{
  const claimed = NORMALIZATION_GROUPS.flatMap((group) => group.columns);
  const unclaimed = NORMALIZED_COLUMNS.filter((column) => !claimed.includes(column));
  if (unclaimed.length || claimed.length !== NORMALIZED_COLUMNS.length)
    throw new Error(
      `normalization groups do not cover the normalized columns exactly: ${unclaimed.join(', ')}`,
    );
}

const EMPTY: RawPersonFields = {
  first_name: '',
  middle_name: '',
  last_name: '',
  dob: '',
  address_line1: '',
  address_line2: '',
  city: '',
  state: '',
  zip: '',
  tin: '',
};

/** A group's normalized columns for one distinct value (its fields in the group's order). */
export function normalizeGroupValue(group: NormalizationGroup, values: readonly string[]): (string | null)[] {
  const raw = { ...EMPTY };
  group.fields.forEach((field, i) => (raw[field] = values[i] ?? ''));
  const normalized = normalizeRecord(raw);
  return group.columns.map((column) => normalized[column]);
}

/**
 * A page of a group's distinct values as DuckDB gives it, `[[id, field…], …]` in JSON, normalized
 * into `[[id, column…], …]` in JSON: the page crosses to a worker thread and back into DuckDB as
 * one string each way, so that the calling thread does no per-value work.
 */
export function normalizeGroupPage(group: number, page: string): string {
  const definition = NORMALIZATION_GROUPS[group];
  if (!definition) throw new Error(`no normalization group ${group}`);
  const rows = JSON.parse(page) as string[][];
  return JSON.stringify(
    rows.map(([id, ...values]) => [id ?? null, ...normalizeGroupValue(definition, values)]),
  );
}
