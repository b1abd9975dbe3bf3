import { parse } from 'csv-parse/sync';
import { DeskError } from '../errors.ts';
import { DISCLOSABLE_FIELDS, OUTCOMES, type Outcome, type Program } from '../programs/program.ts';
import { externalCode } from './response-codes.ts';
import { toCsv, toCsvRows } from './response-file.ts';

/**
 * The response file the requesting agency receives: a header block that says what it answers, then
 * one row per request with the external code only (src/release/response-codes.ts), the rule and
 * its message for a rejection, and any field the program's disclosure table allows. CSV (header
 * block as `# name: value` lines) or JSON Lines (the first line is the header block).
 */
export const RESPONSE_FORMAT = 'disclosure-response/1';
export const RESPONSE_FORMATS = ['csv', 'jsonl'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

export const HEADER_FIELDS = [
  'format',
  'batch_id',
  'program_id',
  'program_version',
  'requesting_agency',
  'record_count',
  'request_file_sha256',
  'released_at',
] as const;
export type ResponseHeader = Record<(typeof HEADER_FIELDS)[number], string>;

/** Columns every response carries: the agency's own request id, the code, and why (for a rejection). */
export const ANSWER_COLUMNS = ['request_id', 'code', 'rule_id', 'message'] as const;

/** Disclosable fields that are columns of their own ('confirmation' is the code CONFIRMED itself). */
type FieldColumn = Exclude<(typeof DISCLOSABLE_FIELDS)[number], 'confirmation'>;
const FIELD_COLUMNS = DISCLOSABLE_FIELDS.filter((field): field is FieldColumn => field !== 'confirmation');

/** The columns of a program's responses: the answer columns, then each field some outcome discloses. */
export function responseColumns(program: Program): string[] {
  const disclosed = new Set(OUTCOMES.flatMap((outcome) => program.disclosure[outcome]));
  return [...ANSWER_COLUMNS, ...FIELD_COLUMNS.filter((field) => disclosed.has(field))];
}

/** What the desk knows about one request's answer (internal: never written as such). */
export interface Answer {
  request_id: string;
  outcome: Outcome;
  rule_id: string | null;
  /** For REJECTED, the rule's message (about the request itself); unused otherwise. */
  reason: string;
  address_of_record: string | null;
  tax_year_of_address: number | null;
}

/**
 * One response row: the external code and its fixed meaning — so that outcomes sharing a code
 * give identical rows — except for a rejection, which names its rule and message; a field column
 * holds a value only where the program discloses that field for this outcome.
 */
export function responseRow(program: Program, columns: readonly string[], answer: Answer): string[] {
  const { code, meaning } = externalCode(program, answer.outcome);
  const rejected = answer.outcome === 'REJECTED';
  const disclosed = program.disclosure[answer.outcome];
  const values: Record<string, string> = {
    request_id: answer.request_id,
    code,
    rule_id: rejected ? (answer.rule_id ?? '') : '',
    message: rejected ? answer.reason : meaning,
    address_of_record: disclosed.includes('address_of_record') ? (answer.address_of_record ?? '') : '',
    tax_year_of_address:
      disclosed.includes('tax_year_of_address') && answer.tax_year_of_address !== null
        ? String(answer.tax_year_of_address)
        : '',
  };
  return columns.map((column) => values[column] ?? '');
}

export interface ResponseDocument {
  header: ResponseHeader;
  columns: string[];
  rows: string[][];
}

const CONTROL = /[\u0000-\u001f\u007f]/;

export function renderResponse(document: ResponseDocument, format: ResponseFormat): string {
  return (
    renderResponseStart(document.header, document.columns, format) +
    renderResponseRows(document.columns, document.rows, format)
  );
}

/**
 * What a response holds before its rows: the header block, and for CSV the column names. With
 * renderResponseRows page by page after it, the same text as renderResponse of the whole, so that a
 * response of millions of rows is written as it is read, never held in memory.
 */
export function renderResponseStart(
  header: ResponseHeader,
  columns: readonly string[],
  format: ResponseFormat,
): string {
  for (const field of HEADER_FIELDS)
    if (CONTROL.test(header[field])) throw new Error(`response header ${field} holds a control character`);
  switch (format) {
    case 'csv':
      return HEADER_FIELDS.map((field) => `# ${field}: ${header[field]}\n`).join('') + toCsv(columns, []);
    case 'jsonl':
      return `${JSON.stringify({ response_header: header })}\n`;
  }
}

/** A page of response rows, as renderResponse writes them. */
export function renderResponseRows(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  format: ResponseFormat,
): string {
  switch (format) {
    case 'csv':
      return toCsvRows(rows);
    case 'jsonl':
      return rows
        .map(
          (row) =>
            `${JSON.stringify(Object.fromEntries(columns.map((column, i) => [column, row[i] ?? ''])))}\n`,
        )
        .join('');
  }
}

/** Reads a response file back (for `ddesk response verify`); MALFORMED_FILE says what is wrong. */
export function parseResponse(text: string, format: ResponseFormat, source: string): ResponseDocument {
  const malformed = (why: string) => new DeskError('MALFORMED_FILE', `${source}: ${why}`);
  const header: Partial<ResponseHeader> = {};
  let columns: string[];
  let rows: string[][];
  switch (format) {
    case 'csv': {
      const lines = text.split('\n');
      let i = 0;
      for (; i < lines.length && lines[i]?.startsWith('# '); i++) {
        const match = /^# ([a-z_0-9]+): (.*)$/.exec(lines[i] ?? '');
        if (!match) throw malformed(`header line ${i + 1} is not "# name: value"`);
        header[match[1] as keyof ResponseHeader] = match[2] ?? '';
      }
      let table: string[][];
      try {
        table = parse(lines.slice(i).join('\n'), { relax_column_count: false });
      } catch (error) {
        throw malformed(`the table does not parse: ${(error as Error).message}`);
      }
      [columns = [], ...rows] = table;
      break;
    }
    case 'jsonl': {
      const lines = text.split('\n').filter((line) => line.length > 0);
      const objects = lines.map((line, i) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw malformed(`line ${i + 1} is not JSON`);
        }
      });
      const [first, ...records] = objects;
      const block = first?.['response_header'];
      if (!block || typeof block !== 'object')
        throw malformed('the first line is not {"response_header": …}');
      Object.assign(header, block);
      columns = Object.keys(records[0] ?? {});
      rows = records.map((record, i) => {
        if (Object.keys(record).join() !== columns.join())
          throw malformed(`line ${i + 2} has other columns than line 2`);
        return columns.map((column) => {
          const value = record[column];
          if (typeof value !== 'string') throw malformed(`line ${i + 2}, ${column}: not a string`);
          return value;
        });
      });
      break;
    }
  }
  for (const field of HEADER_FIELDS)
    if (typeof header[field] !== 'string') throw malformed(`the header block has no ${field}`);
  const complete = header as ResponseHeader;
  if (complete.format !== RESPONSE_FORMAT)
    throw malformed(`format is ${complete.format}, not ${RESPONSE_FORMAT}`);
  if (ANSWER_COLUMNS.some((column, i) => columns[i] !== column))
    throw malformed(`the columns must begin ${ANSWER_COLUMNS.join(', ')}`);
  if (String(rows.length) !== complete.record_count)
    throw malformed(`the header says ${complete.record_count} records, the file has ${rows.length}`);
  return { header: complete, columns, rows };
}
