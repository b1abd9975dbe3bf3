import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { SqlValue, Store } from '../store.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', 'migrations');

/** The embedded default: one DuckDB file holds reference data, batches, decisions, ledger and audit. */
export class DuckDbStore implements Store {
  readonly file: string;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  private inTransaction = false;

  private constructor(file: string, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.file = file;
    this.instance = instance;
    this.connection = connection;
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static async open(
    file: string,
    options: { threads?: number; memoryLimit?: string } = {},
  ): Promise<DuckDbStore> {
    const config: Record<string, string> = {};
    if (options.threads) config['threads'] = String(options.threads);
    if (options.memoryLimit) config['memory_limit'] = options.memoryLimit;
    const instance = await DuckDBInstance.create(file, config);
    const connection = await instance.connect();
    const store = new DuckDbStore(file, instance, connection);
    await store.migrate();
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
    const reader = await this.connection.runAndReadAll(sql, toDuckValues(params));
    return reader.getRowObjectsJS() as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.connection.run(sql, params.length ? toDuckValues(params) : undefined);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    // DuckDB has no nested transactions; an inner call simply joins the outer one.
    if (this.inTransaction) return fn(this);
    await this.connection.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const result = await fn(this);
      await this.connection.run('COMMIT');
      return result;
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  async append(
    table: string,
    rows: AsyncIterable<readonly SqlValue[]> | Iterable<readonly SqlValue[]>,
  ): Promise<number> {
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
    this.instance.closeSync();
  }
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

function toDuckValues(params: readonly SqlValue[]): DuckDBValue[] {
  return params.map((value) => value);
}
