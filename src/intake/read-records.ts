import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { DeskError } from '../errors.ts';

/** Limits that keep a hostile or broken file from exhausting memory (Publication 1075 § 4.7). */
export const MAX_FIELD_CHARS = 1_000;
export const MAX_LINE_BYTES = 64 * 1024;

export interface RecordFileSpec<C extends string> {
  columns: readonly C[];
  required: readonly C[];
  /** Columns outside `columns` are refused (true) or ignored (false, benchmark folders). */
  strictColumns: boolean;
  /**
   * Refuse fields that start like a spreadsheet formula (= + - @): request files are exported
   * again (responses, reports) and such a payload would run in the reader's spreadsheet.
   */
  refuseFormulaPayloads?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export interface FileDigest {
  sha256: string;
  bytes: number;
}

/**
 * Streams a UTF-8 CSV file as records keyed by the spec's columns (missing optional columns
 * read as ''). Any malformation throws MALFORMED_FILE naming the row (1-based, header = 0) and
 * column. The file's SHA-256 is computed over the same bytes, available once iteration ends.
 */
export async function* readCsvRecords<C extends string>(
  file: string,
  spec: RecordFileSpec<C>,
  digest?: FileDigest,
): AsyncGenerator<{ rowNumber: number; record: Record<C, string> }> {
  const hash = createHash('sha256');
  const source = createReadStream(file);
  let bytes = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  source.on('data', (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const parser = parse({
    bom: true,
    relax_column_count: false,
    skip_empty_lines: true,
    max_record_size: MAX_LINE_BYTES,
  });
  // Decode strictly first: a non-UTF-8 byte must be refused, not silently replaced. The message
  // names the first bad byte and its line (not where reading stopped), never the text around it.
  let decodedBytes = 0;
  let decodedLines = 0;
  const decoded = source.map((chunk: Buffer) => {
    try {
      const text = decoder.decode(chunk, { stream: true });
      decodedBytes += chunk.length;
      for (const byte of chunk) if (byte === 0x0a) decodedLines++;
      return text;
    } catch {
      const at = firstInvalidUtf8(chunk);
      const line = decodedLines + chunk.subarray(0, at).filter((byte) => byte === 0x0a).length + 1;
      throw new DeskError(
        'MALFORMED_FILE',
        `${file}: not valid UTF-8 at byte ${decodedBytes + at + 1} (line ${line}, byte 0x${(chunk[at] ?? 0).toString(16).padStart(2, '0')}); save the file as UTF-8 (a Latin-1 or Windows-1252 export converts with iconv -f latin1 -t utf-8)`,
        { line },
      );
    }
  });
  decoded.pipe(parser);
  decoded.on('error', (error) => parser.destroy(error));

  let header: string[] | null = null;
  let indexes: { column: C; index: number }[] = [];
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = record.map((name) => name.trim());
        indexes = checkHeader(file, header, spec);
        continue;
      }
      rowNumber++;
      const out = {} as Record<C, string>;
      for (const column of spec.columns) out[column] = '';
      for (const { column, index } of indexes) {
        const value = record[index] ?? '';
        if (value.length > MAX_FIELD_CHARS)
          throw new DeskError(
            'MALFORMED_FILE',
            `${file}: row ${rowNumber}, column ${column}: field longer than ${MAX_FIELD_CHARS} characters`,
            { row: rowNumber, column },
          );
        if (spec.refuseFormulaPayloads && FORMULA_START.test(value))
          throw new DeskError(
            'MALFORMED_FILE',
            `${file}: row ${rowNumber}, column ${column}: starts with "${value[0] ?? ''}", which a spreadsheet would run as a formula`,
            { row: rowNumber, column },
          );
        out[column] = value;
      }
      yield { rowNumber, record: out };
    }
  } catch (error) {
    if (error instanceof DeskError) throw error;
    throw new DeskError('MALFORMED_FILE', `${file}: ${describeCsvError(error, rowNumber)}`, {
      row: rowNumber + 1,
    });
  }
  if (header === null)
    throw new DeskError('MALFORMED_FILE', `${file}: the file is empty (no header row)`, { row: 0 });
  if (digest) {
    digest.sha256 = hash.digest('hex');
    digest.bytes = bytes;
  }
}

/**
 * The header row of a CSV file, checked against the spec as readCsvRecords checks it (for readers
 * that leave the rows to DuckDB). Reads at most MAX_LINE_BYTES.
 */
export function readCsvHeader<C extends string>(file: string, spec: RecordFileSpec<C>): string[] {
  const buffer = Buffer.alloc(MAX_LINE_BYTES);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new DeskError(
      'MALFORMED_FILE',
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let read = 0;
  try {
    read = readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, read), { stream: true });
  } catch {
    throw new DeskError('MALFORMED_FILE', `${file}: not valid UTF-8 (in the header)`);
  }
  const end = text.search(/\r?\n/);
  if (end < 0 && read === MAX_LINE_BYTES)
    throw new DeskError(
      'MALFORMED_FILE',
      `${file}: row 0 (header): line longer than ${MAX_LINE_BYTES} bytes`,
      {
        row: 0,
      },
    );
  const line = (end < 0 ? text : text.slice(0, end)).replace(/^\uFEFF/, '');
  if (!line.trim())
    throw new DeskError('MALFORMED_FILE', `${file}: the file is empty (no header row)`, { row: 0 });
  let fields: string[];
  try {
    const records: string[][] = parseSync(line, { relax_column_count: false });
    fields = records[0] ?? [];
  } catch (error) {
    throw new DeskError('MALFORMED_FILE', `${file}: row 0 (header): ${(error as Error).message}`, { row: 0 });
  }
  const header = fields.map((name) => name.trim());
  checkHeader(file, header, spec);
  return header;
}

/** The SHA-256 of a file's bytes, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function checkHeader<C extends string>(
  file: string,
  header: string[],
  spec: RecordFileSpec<C>,
): { column: C; index: number }[] {
  const known = new Set<string>(spec.columns);
  const seen = new Set<string>();
  for (const [i, name] of header.entries()) {
    if (seen.has(name))
      throw new DeskError(
        'MALFORMED_FILE',
        `${file}: row 0 (header), column ${i + 1}: "${name}" appears twice`,
        { row: 0, column: name },
      );
    seen.add(name);
    if (spec.strictColumns && !known.has(name))
      throw new DeskError(
        'MALFORMED_FILE',
        `${file}: row 0 (header), column ${i + 1}: unknown column "${name}"; expected some of: ${spec.columns.join(', ')}`,
        { row: 0, column: name },
      );
  }
  const missing = spec.required.filter((column) => !seen.has(column));
  if (missing.length)
    throw new DeskError(
      'MALFORMED_FILE',
      `${file}: row 0 (header): missing required column(s) ${missing.join(', ')}`,
      { row: 0, column: missing[0] },
    );
  return spec.columns
    .filter((column) => seen.has(column))
    .map((column) => ({ column, index: header.indexOf(column) }));
}

function describeCsvError(error: unknown, rowsRead: number): string {
  const err = error as { code?: string; message?: string; lines?: number };
  const row = rowsRead + 1;
  switch (err.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `row ${row}: wrong number of columns (${err.message ?? ''})`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return `row ${row}: a quoted field is never closed (truncated file?)`;
    case 'CSV_MAX_RECORD_SIZE':
      // A quote opened and never closed swallows the rest of the file as one field: say so first.
      return `row ${row}: the record runs past ${MAX_LINE_BYTES} bytes — most likely a quote opened in it is never closed (or a line is that long)`;
    case undefined:
    default:
      return `row ${row}: ${err.message ?? String(error)}`;
  }
}

/** Index of the first byte of `chunk` that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(chunk: Buffer): number {
  let i = 0;
  while (i < chunk.length) {
    const byte = chunk[i] ?? 0;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0) return i;
    // A sequence cut by the chunk's end is completed by the next chunk: not the bad byte.
    if (i + length > chunk.length) return i;
    for (let k = 1; k < length; k++) if (((chunk[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return Math.max(0, chunk.length - 1);
}
