/** Columns of a taxpayer reference row: one row per taxpayer per tax year (datasets/README.md). */
export const REFERENCE_COLUMNS = [
  'taxpayer_id',
  'tax_year',
  'first_name',
  'middle_name',
  'last_name',
  'dob',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'zip',
  'tin',
  'tin_type',
] as const;

export type ReferenceColumn = (typeof REFERENCE_COLUMNS)[number];
export const REQUIRED_REFERENCE_COLUMNS: readonly ReferenceColumn[] = [
  'taxpayer_id',
  'first_name',
  'last_name',
];
export type ReferenceRecord = { [K in ReferenceColumn]: string };
