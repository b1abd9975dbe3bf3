import { MAX_FIELD_CHARS, MAX_LINE_BYTES } from '../intake/read-records.ts';
import { REFERENCE_COLUMNS } from '../linkage/reference-record.ts';

/**
 * The reference file as read by DuckDB's CSV reader (parallel, vectorized): one row per line, in
 * the file's order, every column of REFERENCE_COLUMNS as text ('' when the file lacks the column or the
 * field, as the streaming reader gives it). Dropped once the rows are normalized into
 * reference_records.
 */
export const REFERENCE_STAGING_TABLE = 'reference_load_staging';

export const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;
export const sqlIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The staging table empty, for rows read by the streaming reader (every column text, as read_csv stages them). */
export function createStagingTableSql(): string {
  return `CREATE OR REPLACE TEMP TABLE ${REFERENCE_STAGING_TABLE} (${REFERENCE_COLUMNS.map((c) => `${c} VARCHAR`).join(', ')})`;
}

/**
 * The statement that reads `file` (whose header the caller has checked) into the staging table.
 * Strict: a row with too many or too few columns, an unclosed quote, a line longer than
 * MAX_LINE_BYTES or bytes that are not UTF-8 fail the statement, as they fail the streaming reader.
 */
export function readReferenceCsvSql(file: string, header: readonly string[]): string {
  const columns = header.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(', ');
  const present = new Set(header);
  const select = REFERENCE_COLUMNS.map((column) =>
    present.has(column) ? `coalesce(${sqlIdentifier(column)}, '') AS ${column}` : `'' AS ${column}`,
  ).join(', ');
  return `
CREATE OR REPLACE TEMP TABLE ${REFERENCE_STAGING_TABLE} AS
SELECT ${select}
FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
  columns = {${columns}}, max_line_size = ${MAX_LINE_BYTES}, strict_mode = true)`;
}

/**
 * The row checks of the streaming reader, in SQL: each a condition on a staged row and the column
 * it names. Rows are numbered only when a check fails (numbering is a window over the whole table).
 */
export function referenceChecks(
  header: readonly string[],
): { where: string; column: string; problem: string }[] {
  const present = REFERENCE_COLUMNS.filter((column) => header.includes(column));
  // Characters are never more than bytes: the byte length (stored with the string) rules out
  // nearly every field before its characters are counted.
  const tooLong = (column: string) =>
    `(strlen(${column}) > ${MAX_FIELD_CHARS} AND length(${column}) > ${MAX_FIELD_CHARS})`;
  return [
    {
      problem: `field longer than ${MAX_FIELD_CHARS} characters`,
      where: present.map(tooLong).join(' OR '),
      column: `CASE ${present.map((c) => `WHEN ${tooLong(c)} THEN '${c}'`).join(' ')} END`,
    },
    { problem: 'empty', where: `regexp_full_match(taxpayer_id, '\\s*')`, column: `'taxpayer_id'` },
    {
      problem: 'not a year',
      where: `NOT regexp_full_match(tax_year, '\\s*(\\d{4})?\\s*')`,
      column: `'tax_year'`,
    },
  ];
}

/** Whether any staged row fails a check (cheap: stops at the first). */
export const anyFailingSql = (where: string) =>
  `SELECT 1 AS failing FROM ${REFERENCE_STAGING_TABLE} WHERE ${where} LIMIT 1`;

/** The first staged row that fails a check, numbered as the file numbers it (header = row 0). */
export const firstFailingSql = (where: string, column: string) => `
SELECT row_number, ${column} AS column FROM (
  SELECT row_number() OVER () AS row_number, * FROM ${REFERENCE_STAGING_TABLE})
WHERE ${where} ORDER BY row_number LIMIT 1`;

/** The tax year as stored: the four digits, or NULL where the field is empty. */
export const TAX_YEAR_SQL = `CAST(nullif(regexp_extract(tax_year, '\\d{4}'), '') AS INTEGER)`;
