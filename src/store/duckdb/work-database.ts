import { quoteIdentifier, type DuckDbStore } from './duckdb-store.ts';

let workDatabases = 0;

export interface WorkDatabase {
  /** The work database's store: unqualified tables are the work copies (or views of the desk). */
  store: DuckDbStore;
  /** Its name, to read its tables from the desk's connection (`name.decisions`). */
  name: string;
  deskName: string;
}

/**
 * A private in-memory database beside the desk's, for long work on one batch (matching) that must
 * not hold the desk: it has the desk's whole schema; the batch's rows of every table that has a
 * `batch_id` are copied in, and every other table (the taxpayer reference among them) is a view of
 * the desk's, all read at one snapshot. What the work writes stays in it until the caller copies it
 * back in one short transaction of the desk (reading `name.table`); then it is dropped.
 *
 * `attach` and `drop` use the desk's own connection (call them where the desk is yours alone);
 * `prepare` and the work run on the work's own connection, beside other users of the desk.
 */
export async function attachWorkDatabase(desk: DuckDbStore): Promise<WorkDatabase> {
  const deskName = await desk.databaseName();
  const name = `work_${process.pid}_${++workDatabases}`;
  await desk.run(`ATTACH ':memory:' AS ${quoteIdentifier(name)}`);
  try {
    const store = await desk.connect();
    await store.run(`USE ${quoteIdentifier(name)}`);
    await store.createSchema();
    return { store, name, deskName };
  } catch (error) {
    await desk.run(`DETACH ${quoteIdentifier(name)}`);
    throw error;
  }
}

/**
 * Fills the work database for one batch. Call it inside the work's transaction (`work.store.transaction`),
 * so that the copies and the views read the desk at one snapshot for the whole work.
 */
export async function prepareWorkDatabase(work: WorkDatabase, batchId: string): Promise<void> {
  const { store, name, deskName } = work;
  const tables = await store.all<{ table_name: string; has_batch: boolean }>(
    `SELECT c.table_name, bool_or(c.column_name = 'batch_id') AS has_batch
     FROM information_schema.columns c JOIN information_schema.tables t
       ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_catalog = $1 AND c.table_schema = 'main' AND t.table_type = 'BASE TABLE'
     GROUP BY c.table_name ORDER BY c.table_name`,
    [name],
  );
  for (const { table_name: table, has_batch: hasBatch } of tables) {
    const source = `${quoteIdentifier(deskName)}.main.${quoteIdentifier(table)}`;
    if (hasBatch)
      await store.run(`INSERT INTO ${quoteIdentifier(table)} SELECT * FROM ${source} WHERE batch_id = $1`, [
        batchId,
      ]);
    else if (table !== 'schema_migrations') {
      await store.run(`DROP TABLE ${quoteIdentifier(table)}`);
      await store.run(`CREATE VIEW ${quoteIdentifier(table)} AS SELECT * FROM ${source}`);
    }
  }
}

export async function dropWorkDatabase(desk: DuckDbStore, work: WorkDatabase): Promise<void> {
  work.store.close();
  await desk.run(`DETACH ${quoteIdentifier(work.name)}`);
}
