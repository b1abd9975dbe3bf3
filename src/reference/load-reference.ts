import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { buildReferenceBlocking } from '../linkage/blocking-reference.ts';
import { fileSha256, readCsvHeader, readCsvRecords, type FileDigest } from '../intake/read-records.ts';
import { REFERENCE_COLUMNS, REQUIRED_REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { SqlValue, Store } from '../store/store.ts';
import { normalizeDistinctValues, type LoadProgress } from './normalize-distinct.ts';
import { REFERENCE_ROWS_TABLE, REFERENCE_TABLES } from './reference-tables.ts';
import {
  anyFailingSql,
  firstFailingSql,
  createStagingTableSql,
  readReferenceCsvSql,
  REFERENCE_STAGING_TABLE,
  referenceChecks,
} from './reference-sql.ts';

export interface ReferenceLoadReceipt {
  rows: number;
  taxpayers: number;
  sha256: string;
}

export type { LoadProgress } from './normalize-distinct.ts';

const SPEC = { columns: REFERENCE_COLUMNS, required: REQUIRED_REFERENCE_COLUMNS, strictColumns: false };

/**
 * Loads a taxpayer reference file (one row per taxpayer per tax year), normalized, in one
 * transaction. `replace` empties the reference first. On the embedded DuckDB store the file is read
 * by DuckDB's own CSV reader and checked in SQL; seen as another store, it is read and checked by
 * the streaming reader. Either way the rows are staged and each distinct name, address, date of
 * birth and TIN is normalized once (normalize-distinct.ts). Then the reference side of blocking
 * is built from the whole reference, once for every batch matched against it (blocking-reference.ts).
 */
export async function loadReference(
  store: Store,
  clock: Clock,
  input: { file: string; replace: boolean; actor: string },
  onProgress?: (progress: LoadProgress) => void,
): Promise<ReferenceLoadReceipt> {
  const receipt = await store.transaction(async (tx) => {
    if (input.replace) for (const table of REFERENCE_TABLES) await tx.run(`DELETE FROM ${table}`);
    const { rows, sha256 } =
      store instanceof DuckDbStore
        ? await loadInSql(tx, input.file, onProgress)
        : await loadStreaming(tx, input.file, onProgress);
    await buildReferenceBlocking(tx, onProgress);
    const [count] = await tx.all<{ taxpayers: bigint }>(
      `SELECT count(DISTINCT taxpayer_id) AS taxpayers FROM ${REFERENCE_ROWS_TABLE}`,
    );
    await appendAuditEvent(tx, clock, {
      actor: input.actor,
      action: 'reference.load',
      outcome: 'success',
      detail: { file: input.file, rows, sha256, replace: input.replace },
    });
    return { rows, taxpayers: Number(count?.taxpayers ?? 0), sha256 };
  });
  if (store instanceof DuckDbStore) await checkpointAsWritten(store);
  return receipt;
}

/**
 * Writes the loaded reference into the database file as the load wrote it. A statement that
 * appends to a table leaves its last row group part full (the blocking keys, built pass by pass,
 * leave one per pass; the key counts one per INSERT); the checkpoint DuckDB runs when the database
 * closes then rewrites every part-full row group of the tables the load wrote, merged — at 1
 * million rows about as much CPU as writing the blocking keys once more, for a few row groups
 * fewer. Checkpointed here without that merging, the tables keep their part-full row groups (rows
 * deleted by a replacing load are still reclaimed). If another connection's transaction is open
 * the checkpoint waits for the next one (with merging), as before.
 */
async function checkpointAsWritten(store: DuckDbStore): Promise<void> {
  const [setting] = await store.all<{ tasks: string }>(
    `SELECT current_setting('max_vacuum_tasks')::VARCHAR AS tasks`,
  );
  await store.run('SET max_vacuum_tasks = 0');
  try {
    await store.run('CHECKPOINT');
  } catch {
    // Another transaction is active (the HTTP service): the next checkpoint writes the load.
  } finally {
    await store.run(`SET max_vacuum_tasks = ${Number(setting?.tasks ?? 100)}`);
  }
}

async function loadInSql(
  tx: Store,
  file: string,
  onProgress?: (progress: LoadProgress) => void,
): Promise<{ rows: number; sha256: string }> {
  const header = readCsvHeader(file, SPEC);
  // The digest is read beside DuckDB's own reading (its threads are not JavaScript's).
  const digest = fileSha256(file);
  digest.catch(() => undefined);
  try {
    await tx.run(readReferenceCsvSql(file, header));
  } catch (error) {
    throw csvError(file, error);
  }
  // The first offending row, as the streaming reader would stop at it.
  let first: { row: number; column: string; problem: string } | undefined;
  for (const check of referenceChecks(header)) {
    if (!(await tx.all(anyFailingSql(check.where))).length) continue;
    const [bad] = await tx.all<{ row_number: bigint; column: string }>(
      firstFailingSql(check.where, check.column),
    );
    if (bad && (!first || Number(bad.row_number) < first.row))
      first = { row: Number(bad.row_number), column: bad.column, problem: check.problem };
  }
  if (first)
    throw new DeskError(
      'MALFORMED_FILE',
      `${file}: row ${first.row}, column ${first.column}: ${first.problem}`,
      {
        row: first.row,
        column: first.column,
      },
    );
  const rows = await normalizeDistinctValues(tx, onProgress);
  await tx.run(`DROP TABLE ${REFERENCE_STAGING_TABLE}`);
  return { rows, sha256: await digest };
}

/**
 * DuckDB's CSV errors name the line and quote it; the quote (personal data) is left out. Its line
 * counts the header as line 1, so line n is row n − 1.
 */
function csvError(file: string, error: unknown): DeskError {
  const message = (error as Error).message;
  const line = /CSV Error on Line: (\d+)/.exec(message);
  const reason =
    message
      .split('\n')
      .slice(1)
      .map((text) => text.trim())
      .find((text) => text && !text.startsWith('Original Line')) ?? message;
  if (!line) return new DeskError('MALFORMED_FILE', `${file}: ${message.split('\n')[0] ?? message}`);
  const row = Number(line[1]) - 1;
  return new DeskError('MALFORMED_FILE', `${file}: row ${row}: ${reason}`, { row });
}

/**
 * Stores reference rows held in memory (a test's population), each as REFERENCE_COLUMNS' values in
 * order, normalized and stored exactly as a load stores a file's rows. Returns the rows stored.
 */
export async function storeReferenceRows(tx: Store, rows: Iterable<readonly string[]>): Promise<number> {
  await tx.run(createStagingTableSql());
  await tx.append(REFERENCE_STAGING_TABLE, rows);
  const stored = await normalizeDistinctValues(tx, undefined, { threads: 0 });
  await tx.run(`DROP TABLE ${REFERENCE_STAGING_TABLE}`);
  await buildReferenceBlocking(tx);
  return stored;
}

async function loadStreaming(
  tx: Store,
  file: string,
  onProgress?: (progress: LoadProgress) => void,
): Promise<{ rows: number; sha256: string }> {
  const digest: FileDigest = { sha256: '', bytes: 0 };
  await tx.run(createStagingTableSql());
  await tx.append(REFERENCE_STAGING_TABLE, referenceRows(file, digest, onProgress));
  const rows = await normalizeDistinctValues(tx, onProgress);
  await tx.run(`DROP TABLE ${REFERENCE_STAGING_TABLE}`);
  return { rows, sha256: digest.sha256 };
}

async function* referenceRows(
  file: string,
  digest: FileDigest,
  onProgress?: (progress: LoadProgress) => void,
): AsyncGenerator<SqlValue[]> {
  for await (const { rowNumber, record } of readCsvRecords(file, SPEC, digest)) {
    if (!record.taxpayer_id.trim())
      throw new DeskError('MALFORMED_FILE', `${file}: row ${rowNumber}, column taxpayer_id: empty`, {
        row: rowNumber,
        column: 'taxpayer_id',
      });
    const year = record.tax_year.trim();
    if (year && !/^\d{4}$/.test(year))
      throw new DeskError(
        'MALFORMED_FILE',
        `${file}: row ${rowNumber}, column tax_year: "${year}" is not a year`,
        { row: rowNumber, column: 'tax_year' },
      );
    yield REFERENCE_COLUMNS.map((column) => record[column]);
    if (rowNumber % 50_000 === 0) onProgress?.({ phase: 'rows', done: rowNumber, total: 0 });
  }
}
