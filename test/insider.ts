import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';

/**
 * The desk database opened directly, as an insider with database access (and its key: the file
 * is encrypted at rest) would, bypassing the desk's commands and their audit events.
 */
export async function withDatabase<T>(db: string, fn: (store: DuckDbStore) => Promise<T>): Promise<T> {
  const store = await DuckDbStore.open(db);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

/** Runs statements on the database behind the desk's back. */
export function tamper(db: string, ...statements: string[]): Promise<void> {
  return withDatabase(db, async (store) => {
    for (const sql of statements) await store.run(sql);
  });
}
