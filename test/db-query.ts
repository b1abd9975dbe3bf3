import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Reads (or, as an insider with database access would, changes) a desk database between CLI runs:
 * tests learn facts from it (which requests await review) and tamper with it. Never while a CLI
 * command holds the file.
 */
export async function queryDesk<T extends object>(db: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
