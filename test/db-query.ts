import { withDatabase } from './insider.ts';

/**
 * Reads (or, as an insider with database access would, changes) a desk database between CLI runs:
 * tests learn facts from it (which requests await review) and tamper with it. Never while a CLI
 * command holds the file. The database is encrypted at rest: it is opened with its key, as the
 * desk opens it.
 */
export function queryDesk<T extends object>(db: string, sql: string): Promise<T[]> {
  return withDatabase(db, (store) => store.all<T>(sql));
}
