import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { SqlValue, Store } from '../store.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

// BIGINT (int8) as bigint, as DuckDB gives it, so that callers read counts the same way from both.
pg.types.setTypeParser(20, (value) => BigInt(value));
// TIMESTAMP (without time zone) holds UTC, as the desk writes it: read it so, whatever the machine's zone.
pg.types.setTypeParser(1114, (value) => new Date(`${value.replace(' ', 'T')}Z`));

/** Every writing transaction takes this lock: the audit log is one chain, its next event needs the last. */
const WRITER_LOCK = 6103;
/** With the schema's name hashed beside it (a key space apart from WRITER_LOCK's): one migration of a schema at a time. */
const MIGRATION_LOCK = 6103;

type Queryable = pg.Pool | pg.PoolClient;

/**
 * The PostgreSQL adapter of the Store interface (src/store/store.ts), for the table groups the
 * server holds as the system of record (people, accounts and the audit trail so far: migrations/).
 * One schema per desk; transactions take one writer lock so that audit events stay one chain
 * across processes.
 */
export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly client: Queryable;
  private readonly inTransaction: boolean;

  private constructor(pool: pg.Pool, client: Queryable, inTransaction: boolean) {
    this.pool = pool;
    this.client = client;
    this.inTransaction = inTransaction;
  }

  /** Connects to `url`, using `schema` (created and migrated when `migrate` is set: the owner's job). */
  static async open(url: string, options: { schema: string; migrate?: boolean }): Promise<PostgresStore> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema))
      throw new Error(`"${options.schema}" is not a schema name`);
    const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${options.schema}` });
    const store = new PostgresStore(pool, pool, false);
    try {
      if (options.migrate) await store.migrate(options.schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  /**
   * Brings the schema up to date in one transaction that first takes the schema's migration lock:
   * processes starting at once against one empty schema (two services, a service and `ddesk user
   * add`) migrate it one after the other, and each after the first finds nothing left to apply.
   */
  private async migrate(schema: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)`,
      );
      const applied = new Set(
        (await client.query<{ name: string }>(`SELECT name FROM ${schema}.schema_migrations`)).rows.map(
          (row) => row.name,
        ),
      );
      for (const name of readdirSync(MIGRATIONS_DIR)
        .filter((n) => n.endsWith('.sql'))
        .sort()) {
        if (applied.has(name)) continue;
        await client.query(migrationSql(path.join(MIGRATIONS_DIR, name)));
        await client.query(`INSERT INTO ${schema}.schema_migrations VALUES ($1, now())`, [name]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async all<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.client.query(sql, toPgValues(params));
    return result.rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    // Without parameters a script of several statements is allowed (a migration).
    await this.client.query(sql, params.length ? toPgValues(params) : undefined);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
      const result = await fn(new PostgresStore(this.pool, client, true));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async append(
    table: string,
    rows: AsyncIterable<readonly SqlValue[]> | Iterable<readonly SqlValue[]>,
  ): Promise<number> {
    let batch: (readonly SqlValue[])[] = [];
    let count = 0;
    const flush = async () => {
      if (!batch.length) return;
      const width = batch[0]?.length ?? 0;
      const placeholders = batch
        .map((_row, r) => `(${Array.from({ length: width }, (_v, c) => `$${r * width + c + 1}`).join(', ')})`)
        .join(', ');
      await this.run(`INSERT INTO ${table} VALUES ${placeholders}`, batch.flat());
      count += batch.length;
      batch = [];
    };
    for await (const row of rows) {
      batch.push(row);
      // PostgreSQL binds at most 65535 parameters per statement.
      if (batch.length * row.length > 30_000) await flush();
    }
    await flush();
    return count;
  }

  close(): void {
    void this.pool.end();
  }

  /** Closes the pool and waits for it. */
  async end(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * A migration's SQL with each `\\ir FILE` line (psql's include, relative to the including file)
 * replaced by that file: a table group both databases define alike is written once, in the
 * embedded desk's migration, and included here (the file runs as is in psql too).
 */
export function migrationSql(file: string): string {
  return readFileSync(file, 'utf8').replace(/^\\ir\s+(\S+)\s*$/gm, (_line, included: string) =>
    migrationSql(path.resolve(path.dirname(file), included)),
  );
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Grants the application's role what it needs in a migrated schema, and no more (application-role.sql). */
export async function grantApplicationRole(owner: Store, schema: string, appRole: string): Promise<void> {
  if (!IDENTIFIER.test(schema) || !IDENTIFIER.test(appRole))
    throw new Error('schema and role are plain identifiers');
  const sql = readFileSync(path.join(import.meta.dirname, 'application-role.sql'), 'utf8')
    .replaceAll('{{schema}}', schema)
    .replaceAll('{{app_role}}', appRole);
  await owner.run(sql);
}

function toPgValues(params: readonly SqlValue[]): unknown[] {
  return params.map((value) => (typeof value === 'bigint' ? value.toString() : value));
}
