import { DeskError } from '../errors.ts';
import { PERSON_COLUMNS } from '../person-columns.ts';

/**
 * The columns of a request record, as the benchmark folder format and the intake file name them
 * (../shared/datasets/README.md). Every field is text as received; empty means missing.
 */
export const REQUEST_COLUMNS = [
  'request_id',
  ...PERSON_COLUMNS,
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

/**
 * C0 and C1 control characters, DEL and the Unicode line and paragraph separators. None belongs in
 * a name, date, address or reason; inside a field they hide text from a reviewer's screen, split a
 * line in a response or a log, or drive a terminal.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Refuses a request whose field holds a control character, naming row and column (MALFORMED_FILE)
 * but never the value: it may be a TIN, a date of birth or a name. Intake and `batch check` both
 * call it, so that the dry run predicts intake.
 */
export function checkRequestCharacters(file: string, rowNumber: number, record: RequestRecord): void {
  for (const column of REQUEST_COLUMNS) {
    const at = record[column].search(CONTROL_CHARACTER);
    if (at >= 0)
      throw new DeskError(
        'MALFORMED_FILE',
        `${file}: row ${rowNumber}, column ${column}: control character U+${(record[column].codePointAt(at) ?? 0).toString(16).toUpperCase().padStart(4, '0')} at position ${at + 1}; request fields are printable text`,
        { row: rowNumber, column },
      );
  }
}
