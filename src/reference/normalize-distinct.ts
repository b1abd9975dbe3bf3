import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import type { Store } from '../store/store.ts';
import { NORMALIZATION_GROUPS, type NormalizationGroup } from './normalization-groups.ts';
import { NormalizerPool } from './normalizer-pool.ts';
import { REFERENCE_STAGING_TABLE, TAX_YEAR_SQL } from './reference-sql.ts';

/** Progress of a reference load: distinct values of each group normalized, out of how many. */
export interface LoadProgress {
  phase: string;
  done: number;
  total: number;
}

/** Distinct values handed to JavaScript at a time: large enough to amortize a query, small enough to stay flat in memory. */
const PAGE = 20_000;

const valuesTable = (group: NormalizationGroup) => `reference_load_${group.name}_values`;
const normalizedTable = (group: NormalizationGroup) => `reference_load_${group.name}_normalized`;

/**
 * Normalizes the staged reference rows into reference_records: per group (name, address, date of
 * birth, TIN), its distinct values are numbered in SQL, normalized once each in JavaScript page by
 * page, and joined back to the rows in one set-based INSERT. Returns the rows inserted.
 */
export async function normalizeDistinctValues(
  tx: Store,
  onProgress?: (progress: LoadProgress) => void,
  options: { threads?: number } = {},
): Promise<number> {
  const pool = new NormalizerPool(options.threads);
  try {
    for (const [index, group] of NORMALIZATION_GROUPS.entries())
      await normalizeGroup(tx, pool, index, group, onProgress);
  } finally {
    await pool.close();
  }
  const joins = NORMALIZATION_GROUPS.map(
    (group, i) =>
      `JOIN (SELECT * FROM ${valuesTable(group)} JOIN ${normalizedTable(group)} USING (id)) g${i}
         ON ${group.fields.map((field) => `g${i}.${field} = s.${field}`).join(' AND ')}`,
  ).join('\n');
  const normalized = NORMALIZATION_GROUPS.flatMap((group, i) => group.columns.map((c) => `g${i}.${c}`));
  const [before] = await tx.all<{ n: bigint }>('SELECT count(*) AS n FROM reference_records');
  await tx.run(
    `INSERT INTO reference_records (${[...REFERENCE_COLUMNS, ...NORMALIZED_COLUMNS].join(', ')})
     SELECT s.taxpayer_id, ${TAX_YEAR_SQL.replace('tax_year', 's.tax_year')},
       ${REFERENCE_COLUMNS.slice(2)
         .map((c) => `s.${c}`)
         .join(', ')},
       ${orderedLike(NORMALIZED_COLUMNS, normalized).join(', ')}
     FROM ${REFERENCE_STAGING_TABLE} s
     ${joins}`,
  );
  const [after] = await tx.all<{ n: bigint }>('SELECT count(*) AS n FROM reference_records');
  for (const group of NORMALIZATION_GROUPS) {
    await tx.run(`DROP TABLE ${valuesTable(group)}`);
    await tx.run(`DROP TABLE ${normalizedTable(group)}`);
  }
  return Number(after?.n ?? 0) - Number(before?.n ?? 0);
}

/**
 * One group: its distinct values numbered in SQL, then read page by page, normalized on the pool's
 * threads and inserted. A page travels as one JSON string each way (DuckDB builds and parses it,
 * vectorized), so that the calling thread does no per-value work. DuckDB statements run one at a
 * time on the connection; while they run, the workers normalize the pages already read (up to one
 * page per worker in flight).
 */
async function normalizeGroup(
  tx: Store,
  pool: NormalizerPool,
  index: number,
  group: NormalizationGroup,
  onProgress?: (progress: LoadProgress) => void,
): Promise<void> {
  const fields = group.fields.join(', ');
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE ${valuesTable(group)} AS
     SELECT row_number() OVER () AS id, ${fields} FROM (SELECT DISTINCT ${fields} FROM ${REFERENCE_STAGING_TABLE})`,
  );
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE ${normalizedTable(group)} (id BIGINT, ${group.columns.map((c) => `${c} VARCHAR`).join(', ')})`,
  );
  const [size] = await tx.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${valuesTable(group)}`);
  const total = Number(size?.n ?? 0);
  const columns = group.columns.map((column, i) => `r[${i + 2}] AS ${column}`).join(', ');
  const inFlight: Promise<string>[] = [];
  let done = 0;
  const appendOldest = async () => {
    const rows = await inFlight.shift();
    if (rows === undefined) return;
    await tx.run(
      `INSERT INTO ${normalizedTable(group)}
       SELECT r[1]::BIGINT AS id, ${columns} FROM (SELECT unnest(from_json($1, '[["VARCHAR"]]')) AS r)`,
      [rows],
    );
    done = Math.min(done + PAGE, total);
    onProgress?.({ phase: group.name, done, total });
  };
  for (let start = 0; start < total; start += PAGE) {
    const [page] = await tx.all<{ page: string }>(
      `SELECT to_json(list([id::VARCHAR, ${fields}] ORDER BY id))::VARCHAR AS page
       FROM ${valuesTable(group)} WHERE id > $1 AND id <= $2`,
      [start, start + PAGE],
    );
    inFlight.push(pool.normalize(index, page?.page ?? '[]'));
    // A rejected page must not go unhandled while earlier ones are appended.
    inFlight[inFlight.length - 1]?.catch(() => undefined);
    while (inFlight.length > Math.max(1, pool.threads)) await appendOldest();
  }
  while (inFlight.length) await appendOldest();
}

/** The qualified expressions (`g0.nm_first`…) in the order of `columns`. */
function orderedLike(columns: readonly string[], qualified: readonly string[]): string[] {
  return columns.map((column) => {
    const found = qualified.find((q) => q.endsWith(`.${column}`));
    if (!found) throw new Error(`no normalization group gives ${column}`);
    return found;
  });
}
