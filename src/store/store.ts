/**
 * The storage boundary. Stages talk to a Store, never to a driver, so that the DuckDB default and
 * the PostgreSQL server option can sit behind one interface (style.md: the Kysely model).
 * Parameters are always bound ($1, $2, …), never spliced into SQL text.
 */
export type SqlValue = string | number | bigint | boolean | null;

/** Which SQL an adapter speaks: a repository picks its statement by it where the two differ. */
export type Dialect = 'duckdb' | 'postgres';

export interface Store {
  readonly dialect: Dialect;
  /** Runs a statement that returns rows and gives them as plain objects. */
  all<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs one or more statements for their effect. */
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Runs fn inside one transaction: all of its writes land, or none do. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Bulk-appends rows (streamed by the caller) to a table; columns in table order. */
  append(
    table: string,
    rows: AsyncIterable<readonly SqlValue[]> | Iterable<readonly SqlValue[]>,
  ): Promise<number>;
  close(): void;
}
