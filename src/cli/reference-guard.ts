import { parse } from 'csv-parse/sync';
import { closeSync, openSync, readSync } from 'node:fs';
import { DeskError } from '../errors.ts';
import { REQUIRED_REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import type { Store } from '../store/store.ts';

/**
 * The desk's reference needs the tax year of every row: the address of record is the one of the
 * latest year, and a reviewer confirms against it. (Benchmark folders in linkage mode may lack it;
 * they are loaded by `ddesk bench`, not here.)
 */
export const DESK_REFERENCE_COLUMNS = [...REQUIRED_REFERENCE_COLUMNS, 'tax_year'] as const;

/** Refuses a reference file whose header lacks a required column, before the reference is touched. */
export function checkReferenceHeader(file: string): void {
  let text: string;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const fd = openSync(file, 'r');
    try {
      text = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `cannot read ${file}: ${(error as Error).message}`);
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  let header: string[] = [];
  try {
    const records: string[][] = parse(firstLine);
    header = (records[0] ?? []).map((name) => name.trim());
  } catch {
    // The loader reports a malformed header precisely.
  }
  const missing = DESK_REFERENCE_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length)
    throw new DeskError(
      'MALFORMED_FILE',
      `${file}: row 0 (header): missing required column(s) ${missing.join(', ')}; the reference was not changed`,
      { row: 0, column: missing[0] },
    );
}

export interface ReferenceCounts {
  rows: number;
  taxpayers: number;
}

export async function referenceCounts(store: Store): Promise<ReferenceCounts> {
  const [row] = await store.all<{ rows: bigint; taxpayers: bigint }>(
    'SELECT count(*) AS rows, count(DISTINCT taxpayer_id) AS taxpayers FROM reference_records',
  );
  return { rows: Number(row?.rows ?? 0), taxpayers: Number(row?.taxpayers ?? 0) };
}
