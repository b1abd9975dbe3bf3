/**
 * Spreadsheet programs run a cell that starts with = + - @ (or tab/CR) as a formula (CSV
 * injection, OWASP). Such a value is prefixed with an apostrophe so that it stays text.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const NEEDS_QUOTES = /[",\n]/;

/**
 * A field byte for byte as csv-stringify wrote it before (defaults, records ended by LF): quoted,
 * its quotes doubled, only when it holds a comma, a quote or an LF. A re-issued response must hash
 * to what its release recorded, so the bytes stay the same (a lone CR is left unquoted, as it was).
 */
function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLines(rows: readonly (readonly string[])[]): string {
  let text = '';
  for (const row of rows) text += `${row.map(csvField).join(',')}\n`;
  return text;
}

function neutralized(rows: readonly (readonly (string | null)[])[]): string[][] {
  return rows.map((row) => row.map((value) => neutralizeFormula(value ?? '')));
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  return csvLines([header, ...neutralized(rows)]);
}

/** Rows as toCsv writes them after its header line: toCsv(header, a ++ b) = toCsv(header, a) + toCsvRows(b). */
export function toCsvRows(rows: readonly (readonly (string | null)[])[]): string {
  return csvLines(neutralized(rows));
}
