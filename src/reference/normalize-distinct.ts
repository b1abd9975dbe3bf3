import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import type { Store } from '../store/store.ts';
import {
  NORMALIZATION_GROUPS,
  NULL_MARK,
  RECORD_SEPARATOR,
  UNIT_SEPARATOR,
  type NormalizationGroup,
  type NormalizedPage,
} from './normalization-groups.ts';
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

/** A control character as SQL (chr(n)), so that the statement's text holds none. */
const chr = (character: string) => `chr(${character.charCodeAt(0)})`;

const valuesTable = (group: NormalizationGroup) => `reference_load_${group.name}_values`;
const normalizedTable = (group: NormalizationGroup) => `reference_load_${group.name}_normalized`;

/**
 * Normalizes the staged reference rows into reference_records: per group (name, address, date of
 * birth), its distinct values are numbered in SQL, normalized once each in JavaScript page by page,
 * and joined back to the rows in one set-based INSERT; a group the normalizer can be written for in
 * SQL (the TIN) is computed in that INSERT instead. Returns the rows inserted.
 */
export async function normalizeDistinctValues(
  tx: Store,
  onProgress?: (progress: LoadProgress) => void,
  options: { threads?: number } = {},
): Promise<number> {
  const inJavaScript = NORMALIZATION_GROUPS.flatMap((group, index) => (group.sql ? [] : [{ group, index }]));
  const pool = new NormalizerPool(options.threads);
  try {
    for (const { group, index } of inJavaScript) await normalizeGroup(tx, pool, index, group, onProgress);
  } finally {
    await pool.close();
  }
  const joins = inJavaScript
    .map(
      ({ group }, i) =>
        `JOIN (SELECT * FROM ${valuesTable(group)} JOIN ${normalizedTable(group)} USING (id)) g${i}
         ON ${group.fields.map((field) => `g${i}.${field} = s.${field}`).join(' AND ')}`,
    )
    .join('\n');
  const normalized = new Map<string, string>();
  inJavaScript.forEach(({ group }, i) => group.columns.forEach((c) => normalized.set(c, `g${i}.${c}`)));
  for (const group of NORMALIZATION_GROUPS) {
    const expressions = group.sql?.((field) => `s.${field}`);
    group.columns.forEach((c, i) => {
      if (expressions) normalized.set(c, `${expressions[i] ?? 'NULL'} AS ${c}`);
    });
  }
  const [before] = await tx.all<{ n: bigint }>('SELECT count(*) AS n FROM reference_records');
  await tx.run(
    `INSERT INTO reference_records (${[...REFERENCE_COLUMNS, ...NORMALIZED_COLUMNS].join(', ')})
     SELECT s.taxpayer_id, ${TAX_YEAR_SQL.replace('tax_year', 's.tax_year')},
       ${REFERENCE_COLUMNS.slice(2)
         .map((c) => `s.${c}`)
         .join(', ')},
       ${NORMALIZED_COLUMNS.map((column) => {
         const expression = normalized.get(column);
         if (!expression) throw new Error(`no normalization group gives ${column}`);
         return expression;
       }).join(', ')}
     FROM ${REFERENCE_STAGING_TABLE} s
     ${joins}`,
  );
  const [after] = await tx.all<{ n: bigint }>('SELECT count(*) AS n FROM reference_records');
  for (const { group } of inJavaScript) {
    await tx.run(`DROP TABLE ${valuesTable(group)}`);
    await tx.run(`DROP TABLE ${normalizedTable(group)}`);
  }
  return Number(after?.n ?? 0) - Number(before?.n ?? 0);
}

/**
 * One group: its distinct values numbered in SQL, then read page by page, normalized on the pool's
 * threads and inserted. A page travels as one string each way (DuckDB builds the JSON going out and
 * splits the separated text coming back, vectorized), so that the calling thread does no per-value
 * work. DuckDB statements run one at a time on the connection; while they run, the workers
 * normalize the pages already read (up to one page per worker in flight).
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
  const inFlight: Promise<NormalizedPage>[] = [];
  let done = 0;
  const appendOldest = async () => {
    const page = await inFlight.shift();
    if (page === undefined) return;
    if (page.text !== '')
      await tx.run(insertNormalizedPageSql(normalizedTable(group), group.columns, page.format), [page.text]);
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

/** The INSERT of a normalized page ($1 = its text) into `table` (id, columns…), for either format. */
export function insertNormalizedPageSql(
  table: string,
  columns: readonly string[],
  format: NormalizedPage['format'],
): string {
  if (format === 'json')
    return `INSERT INTO ${table}
      SELECT r[1]::BIGINT AS id, ${columns.map((column, i) => `r[${i + 2}] AS ${column}`).join(', ')}
      FROM (SELECT unnest(from_json($1, '[["VARCHAR"]]')) AS r)`;
  return `INSERT INTO ${table}
    SELECT r[1]::BIGINT AS id, ${columns.map((column, i) => `nullif(r[${i + 2}], ${chr(NULL_MARK)}) AS ${column}`).join(', ')}
    FROM (SELECT string_split(unnest(string_split($1, ${chr(RECORD_SEPARATOR)})), ${chr(UNIT_SEPARATOR)}) AS r)`;
}
