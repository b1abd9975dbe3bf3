import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import type { SqlValue, Store } from '../store/store.ts';
import {
  NORMALIZATION_GROUPS,
  normalizeGroupValue,
  type NormalizationGroup,
} from './normalization-groups.ts';
import { REFERENCE_STAGING_TABLE, TAX_YEAR_SQL } from './reference-sql.ts';

/** Progress of a reference load: distinct values of each group normalized, out of how many. */
export interface LoadProgress {
  phase: string;
  done: number;
  total: number;
}

/** Distinct values handed to JavaScript at a time: large enough to amortize a query, small enough to stay flat in memory. */
const PAGE = 50_000;

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
): Promise<number> {
  for (const group of NORMALIZATION_GROUPS) {
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
    for (let start = 0; start < total; start += PAGE) {
      const page = await tx.all<Record<string, string | bigint>>(
        `SELECT id, ${fields} FROM ${valuesTable(group)} WHERE id > $1 AND id <= $2`,
        [start, start + PAGE],
      );
      await tx.append(normalizedTable(group), normalizedRows(group, page));
      onProgress?.({ phase: group.name, done: Math.min(start + PAGE, total), total });
    }
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

function* normalizedRows(
  group: NormalizationGroup,
  page: readonly Record<string, string | bigint>[],
): Generator<SqlValue[]> {
  for (const row of page) {
    const values = group.fields.map((field) => String(row[field] ?? ''));
    yield [row['id'] ?? null, ...normalizeGroupValue(group, values)];
  }
}

/** The qualified expressions (`g0.nm_first`…) in the order of `columns`. */
function orderedLike(columns: readonly string[], qualified: readonly string[]): string[] {
  return columns.map((column) => {
    const found = qualified.find((q) => q.endsWith(`.${column}`));
    if (!found) throw new Error(`no normalization group gives ${column}`);
    return found;
  });
}
