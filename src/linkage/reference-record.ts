import { PERSON_COLUMNS } from '../person-columns.ts';

/** Columns of a taxpayer reference row: one row per taxpayer per tax year (datasets/README.md). */
export const REFERENCE_COLUMNS = ['taxpayer_id', 'tax_year', ...PERSON_COLUMNS, 'tin_type'] as const;

export type ReferenceColumn = (typeof REFERENCE_COLUMNS)[number];
export const REQUIRED_REFERENCE_COLUMNS: readonly ReferenceColumn[] = [
  'taxpayer_id',
  'first_name',
  'last_name',
];
export type ReferenceRecord = { [K in ReferenceColumn]: string };
