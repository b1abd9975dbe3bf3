/**
 * The columns of a request record, as the benchmark folder format and the intake file name them
 * (../shared/datasets/README.md). Every field is text as received; empty means missing.
 */
export const REQUEST_COLUMNS = [
  'request_id',
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
  'removal_order_date',
  'statutory_authority',
  'investigation_id',
  'investigating_officer',
  'taxable_periods',
  'reason',
] as const;

export type RequestColumn = (typeof REQUEST_COLUMNS)[number];

/** Columns without which a file is not a request file at all. */
export const REQUIRED_REQUEST_COLUMNS: readonly RequestColumn[] = ['request_id', 'first_name', 'last_name'];

export type RequestRecord = { [K in RequestColumn]: string };

/** A request record with the 1-based data row it came from (the header is row 0). */
export interface NumberedRequest {
  rowNumber: number;
  record: RequestRecord;
}

/**
 * How intake reads a request file: unknown columns refused, formula-like fields refused. `batch
 * check` reads with the same spec, so that a dry run predicts what intake will accept.
 */
export const REQUEST_FILE_SPEC = {
  columns: REQUEST_COLUMNS,
  required: REQUIRED_REQUEST_COLUMNS,
  strictColumns: true,
  refuseFormulaPayloads: true,
} as const;
