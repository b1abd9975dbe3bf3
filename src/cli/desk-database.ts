import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { DeskError } from '../errors.ts';

/**
 * What `--db` may name. A command works on an existing desk database; only the commands that
 * create one (`init`, `demo`, `reference load --create`) may name a new path, so that a mistyped
 * path is an error instead of a new, empty desk that "verifies" with 0 events. A file that is not
 * a DuckDB database (a CSV, an SQLite file) is refused before DuckDB opens it: DuckDB would
 * otherwise try to read it, or reach for an extension to do so.
 */
export function checkDeskDatabasePath(file: string, mode: 'existing' | 'create' | 'new'): void {
  if (file === ':memory:') return;
  if (!existsSync(file)) {
    if (mode === 'existing')
      throw new DeskError(
        'NOT_FOUND',
        `no desk database at ${file}: check --db (or $DDESK_DB), or create one with "ddesk --db ${file} init"`,
      );
    return;
  }
  if (statSync(file).isDirectory())
    throw new DeskError('INVALID_INPUT', `--db ${file} is a folder; it must name a desk database file`);
  const kind = fileKind(file);
  if (kind !== 'duckdb')
    throw new DeskError(
      'INVALID_INPUT',
      `--db ${file} is not a desk database (it is ${kind}); --db names the database file "ddesk init" created`,
    );
  if (mode === 'new')
    throw new DeskError(
      'INVALID_INPUT',
      `${file} already exists; init creates a new desk database and never reuses a file`,
    );
}

/** DuckDB stores "DUCK" at byte 8 of its file header; the first bytes tell the common mistakes. */
export function fileKind(file: string): string {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return 'an empty file';
  if (read >= 12 && header.subarray(8, 12).toString('latin1') === 'DUCK') return 'duckdb';
  if (header.subarray(0, 15).toString('latin1') === 'SQLite format 3') return 'an SQLite database';
  if (header.subarray(0, 4).toString('latin1') === 'PAR1') return 'a Parquet file';
  const text = header
    .subarray(0, read)
    .every((byte) => byte === 9 || byte === 10 || byte === 13 || byte >= 32);
  // Never quote the content: a CSV given by mistake may hold TINs and names.
  return text ? 'a text file, such as a CSV' : 'a file of another kind';
}

/**
 * DuckDB lets one process write a database file at a time; a second one gets "Conflicting lock
 * is held in <program> (PID n)". That is a busy desk, not an unexpected error: say who holds it
 * and what to do.
 */
export function busyDatabaseError(error: unknown, file: string): DeskError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Conflicting lock is held|Could not set lock on file/i.test(message)) return null;
  const holder = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(message);
  const who = holder ? `process ${holder[2] ?? '?'} (${holder[1] ?? '?'})` : 'another process';
  return new DeskError(
    'DATABASE_BUSY',
    `the desk database ${file} is in use by ${who}: wait for that command to finish (or stop it) and run this one again`,
    holder ? { pid: Number(holder[2]) } : {},
  );
}
