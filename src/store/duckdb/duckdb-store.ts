import {
  DuckDBInstance,
  DuckDBPendingResultState,
  DuckDBResultReader,
  type DuckDBConnection,
  type DuckDBResult,
  type DuckDBValue,
} from '@duckdb/node-api';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { DeskError } from '../../errors.ts';
import { crashPoint } from '../../pipeline/crash-point.ts';
import type { SqlValue, Store } from '../store.ts';
import {
  DB_KEY_ENV,
  DB_KEY_FILE_ENV,
  databaseKeyFile,
  isEncryptedDatabaseFile,
  resolveDatabaseKey,
  sqlString,
} from './database-key.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', 'migrations');

/** The embedded default: one DuckDB file holds reference data, batches, decisions, ledger and audit. */
export class DuckDbStore implements Store {
  readonly dialect = 'duckdb' as const;
  readonly file: string;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  private inTransaction = false;
  /** The statement last started on the connection, settled or not (execute). */
  private lastStatement: Promise<unknown> = Promise.resolve();
  /** False only for a database file written before the desk encrypted at rest. */
  encrypted = true;
  /** A store opened by `connect()` shares its instance, which only the first store closes. */
  private readonly ownsInstance: boolean;

  private constructor(
    file: string,
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    ownsInstance = true,
  ) {
    this.file = file;
    this.instance = instance;
    this.connection = connection;
    this.ownsInstance = ownsInstance;
  }

  /**
   * Another connection to the same open database, with its own transactions (DuckDB's MVCC: a
   * long read on one connection does not stop writes on another). Close it when done.
   */
  async connect(): Promise<DuckDbStore> {
    const connection = await this.instance.connect();
    const db = await this.databaseName();
    await connection.run(`USE ${quoteIdentifier(db)}`);
    const store = new DuckDbStore(this.file, this.instance, connection, false);
    store.encrypted = this.encrypted;
    return store;
  }

  /** The name of the database this connection reads and writes unqualified tables in. */
  async databaseName(): Promise<string> {
    const [row] = await this.all<{ db: string }>('SELECT current_database() AS db');
    return row?.db ?? 'memory';
  }

  /** Creates every table of the desk's schema in the current database (a fresh work database). */
  async createSchema(): Promise<void> {
    await this.migrate();
  }

  /**
   * Opens (creating if needed) the database file and brings its schema up to date. A file is
   * encrypted at rest (database-key.ts) unless it predates encryption; files are created readable
   * by their owner only; nothing is downloaded or loaded behind the desk's back.
   */
  static async open(
    file: string,
    options: { threads?: number; memoryLimit?: string; encryption?: 'default' | 'none' } = {},
  ): Promise<DuckDbStore> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (options.threads) config['threads'] = String(options.threads);
    if (options.memoryLimit) config['memory_limit'] = options.memoryLimit;
    if (file === ':memory:') {
      const instance = await DuckDBInstance.create(file, config);
      return DuckDbStore.ready(new DuckDbStore(file, instance, await instance.connect()));
    }
    // The database, its WAL, spill files and everything else this process writes: owner only.
    process.umask(0o077);
    const exists = existsSync(file);
    const encrypt = options.encryption !== 'none' && (!exists || isEncryptedDatabaseFile(file));
    if (!encrypt) {
      const instance = await DuckDBInstance.create(file, config);
      const store = new DuckDbStore(file, instance, await instance.connect());
      store.encrypted = false;
      return DuckDbStore.ready(store);
    }
    const key = resolveDatabaseKey(file, { create: !exists });
    if (!key)
      throw new DeskError(
        'NOT_AUTHORIZED',
        `${file} is encrypted and no key was found: set $${DB_KEY_ENV}, or $${DB_KEY_FILE_ENV} to its key file (looked for ${databaseKeyFile(file)})`,
      );
    // Spill files go beside the database, not into the working directory, and are encrypted too.
    const instance = await DuckDBInstance.create(':memory:', {
      ...config,
      temp_directory: `${file}.tmp`,
      temp_file_encryption: 'true',
    });
    const connection = await instance.connect();
    try {
      await useDatabaseCrypto(connection);
      await connection.run(`ATTACH ${sqlString(file)} AS desk (ENCRYPTION_KEY ${sqlString(key.key)})`);
      await connection.run('USE desk');
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      const message = (error as Error).message;
      if (/wrong encryption key/i.test(message))
        throw new DeskError('NOT_AUTHORIZED', `the key from ${key.source} does not open ${file} (wrong key)`);
      throw error;
    }
    return DuckDbStore.ready(new DuckDbStore(file, instance, connection));
  }

  private static async ready(store: DuckDbStore): Promise<DuckDbStore> {
    try {
      await store.migrate();
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)',
    );
    const applied = new Set(
      (await this.all<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name),
    );
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((name) => name.endsWith('.sql'))
      .sort();
    for (const name of files) {
      if (applied.has(name)) continue;
      const sql = readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
      await this.transaction(async (tx) => {
        await tx.run(sql);
        await tx.run('INSERT INTO schema_migrations VALUES ($1, current_timestamp)', [name]);
      });
    }
  }

  async all<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    crashPoint();
    const reader = new DuckDBResultReader(await this.execute(sql, params));
    await reader.readAll();
    return reader.getRowObjectsJS() as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    crashPoint();
    await this.execute(sql, params);
  }

  /**
   * Runs a statement to its (materialized) result, driving DuckDB's tasks from here instead of
   * waiting in DuckDB's own loop. DuckDB 1.5's thread that waits for a query busy-spins while the
   * query's remaining tasks run on its other threads (duckdb/duckdb#22178: ExecuteTask returns
   * NO_TASKS_AVAILABLE and the loop retries at once), which on two cores takes a core from the
   * work itself. Here the calling thread runs a task when one is available (as DuckDB's loop does,
   * yielding to the event loop between tasks) and sleeps a millisecond when none is: measured on
   * the reference load of ~1 M rows, about a quarter of the process's CPU was that spin.
   */
  private execute(sql: string, params: readonly SqlValue[]): Promise<DuckDBResult> {
    // One statement at a time on the connection, in the order they were asked for: a pending
    // result is closed by the next statement started on its connection (DuckDB's one-call path
    // queued them the same way).
    const result = this.lastStatement.then(() => this.executeNow(sql, params));
    this.lastStatement = result.catch(() => undefined);
    return result;
  }

  private async executeNow(sql: string, params: readonly SqlValue[]): Promise<DuckDBResult> {
    const pending = await this.connection.start(sql, params.length ? toDuckValues(params) : undefined);
    for (;;) {
      let state: DuckDBPendingResultState;
      try {
        state = pending.runTask();
      } catch (error) {
        throw duckDbError(error);
      }
      if (state === DuckDBPendingResultState.RESULT_READY) return pending.getResult();
      if (state === DuckDBPendingResultState.RESULT_NOT_READY) await nextTurn();
      else await sleep(1);
    }
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    // DuckDB has no nested transactions; an inner call simply joins the outer one.
    if (this.inTransaction) return fn(this);
    await this.execute('BEGIN TRANSACTION', []);
    this.inTransaction = true;
    try {
      const result = await fn(this);
      crashPoint();
      await this.execute('COMMIT', []);
      crashPoint();
      return result;
    } catch (error) {
      await this.execute('ROLLBACK', []);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  async append(
    table: string,
    rows: AsyncIterable<readonly SqlValue[]> | Iterable<readonly SqlValue[]>,
  ): Promise<number> {
    crashPoint();
    const appender = await this.connection.createAppender(table);
    let count = 0;
    try {
      for await (const row of rows) {
        for (const value of row) appendValue(appender, value);
        appender.endRow();
        count++;
        // Flushing in chunks keeps memory bounded on multi-million-row loads.
        if (count % 100_000 === 0) appender.flushSync();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return count;
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function appendValue(appender: Appender, value: SqlValue): void {
  if (value === null) appender.appendNull();
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'number') {
    if (Number.isInteger(value)) appender.appendBigInt(BigInt(value));
    else appender.appendDouble(value);
  } else if (typeof value === 'bigint') appender.appendBigInt(value);
  else appender.appendBoolean(value);
}

/** A failed task's error as DuckDB words it (as a statement run in one call reports it), without the wrapper's prefix. */
function duckDbError(error: unknown): unknown {
  const prefix = 'Failure running pending result task: ';
  if (!(error instanceof Error) || !error.message.startsWith(prefix)) return error;
  return new Error(error.message.slice(prefix.length));
}

function toDuckValues(params: readonly SqlValue[]): DuckDBValue[] {
  return params.map((value) => value);
}

/**
 * DuckDB writes encrypted files with OpenSSL from its httpfs extension, which nothing may download
 * here; where it is installed locally it is loaded (LOAD never downloads). Otherwise DuckDB's
 * bundled MbedTLS writes them: the same AES-256-GCM, but DuckDB marks it `force_mbedtls_unsafe`
 * because its nonces come from a non-cryptographic generator, so that two pages could in principle
 * share a nonce (README, "Encryption at rest", says what that means and what was measured).
 */
async function useDatabaseCrypto(connection: DuckDBConnection): Promise<void> {
  try {
    await connection.run('LOAD httpfs');
  } catch {
    await connection.run('SET force_mbedtls_unsafe = true');
  }
}
