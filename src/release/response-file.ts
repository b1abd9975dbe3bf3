import { stringify } from 'csv-stringify/sync';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or tab/CR) as a formula (CSV
 * injection, OWASP). Such a value is prefixed with an apostrophe so that it stays text.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  return stringify([header, ...rows.map((row) => row.map((value) => neutralizeFormula(value ?? '')))], {
    record_delimiter: 'unix',
  });
}

/** Rows as toCsv writes them after its header line: toCsv(header, a ++ b) = toCsv(header, a) + toCsvRows(b). */
export function toCsvRows(rows: readonly (readonly (string | null)[])[]): string {
  if (!rows.length) return '';
  return stringify(
    rows.map((row) => row.map((value) => neutralizeFormula(value ?? ''))),
    { record_delimiter: 'unix' },
  );
}
