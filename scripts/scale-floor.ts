/**
 * The floor the scale benchmark compares the desk with: what bare DuckDB needs to read the same
 * two files and answer them by exact matching, with no checks, no normalization beyond case and
 * spaces, no audit. Run as its own process (so that its memory is measured like a desk step):
 *
 *   node scripts/scale-floor.ts REFERENCE.csv REQUESTS.csv WORK_DB [MEMORY_LIMIT]
 *
 * prints {"read_reference": s, "read_requests": s, "latest_year": s, "exact_join": s, "matches": n},
 * and each step's CPU seconds as "<step>_cpu".
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const [reference, requests, db, memoryLimit] = process.argv.slice(2);
if (!reference || !requests || !db) {
  process.stderr.write(
    'usage: node scripts/scale-floor.ts REFERENCE.csv REQUESTS.csv WORK_DB [MEMORY_LIMIT]\n',
  );
  process.exit(2);
}
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
for (const file of [db, `${db}.wal`]) rmSync(file, { force: true });
const instance = await DuckDBInstance.create(db, {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  ...(memoryLimit ? { memory_limit: memoryLimit } : {}),
});
const connection = await instance.connect();
const seconds: Record<string, number> = {};
/** Wall and CPU seconds (all of the process's threads) per step: CPU is what other work on the machine does not inflate. */
async function timed(step: string, sql: string): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await connection.run(sql);
  const used = process.cpuUsage(cpu);
  seconds[step] = (performance.now() - started) / 1000;
  seconds[`${step}_cpu`] = (used.user + used.system) / 1e6;
}

const csv = (file: string) => `read_csv(${quote(file)}, header = true, all_varchar = true)`;
await timed('read_reference', `CREATE TABLE reference AS SELECT * FROM ${csv(reference)}`);
await timed('read_requests', `CREATE TABLE requests AS SELECT * FROM ${csv(requests)}`);
await timed(
  'latest_year',
  `CREATE TABLE latest AS SELECT * FROM reference
   QUALIFY row_number() OVER (PARTITION BY taxpayer_id ORDER BY tax_year DESC) = 1`,
);
const key = (alias: string) =>
  `upper(trim(${alias}.first_name)), upper(trim(${alias}.last_name)), upper(trim(${alias}.address_line1)), left(trim(${alias}.zip), 5)`;
await timed(
  'exact_join',
  `CREATE TABLE matches AS
   SELECT q.request_id, l.taxpayer_id FROM requests q JOIN latest l
   ON (${key('q')}) = (${key('l')})`,
);
const reader = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM matches');
const matches = Number(reader.getRowObjectsJS()[0]?.['n'] ?? 0);
connection.closeSync();
instance.closeSync();
for (const file of [db, `${db}.wal`]) rmSync(file, { force: true });
process.stdout.write(`${JSON.stringify({ ...seconds, matches })}\n`);
