import { COMPARISONS, type ComparisonField } from './comparison-levels.ts';

/**
 * SQL and row helpers shared by the steps that estimate the model (u-estimation.ts,
 * tin-anchors.ts, em.ts): levels in long form, the level domain, the Jeffreys prior.
 */

/** Jeffreys prior: half a pseudo-count per level, so that an unseen level gets a finite, cautious probability. */
export const PSEUDO_COUNT = 0.5;

/** Level domain (field, level) for levels ≥ 1 (0 = missing carries no evidence). */
export const LEVEL_DOMAIN_SQL = COMPARISONS.map(
  (c) => `SELECT '${c.field}' AS field, range AS level FROM range(1, ${c.levels.length})`,
).join(' UNION ALL ');

/** The comparison vectors of a table with lv_<field> columns, in long form (field, level). */
export const unpivotLevels = (table: string, extra: string) =>
  COMPARISONS.map((c) => `SELECT ${extra}, '${c.field}' AS field, lv_${c.field} AS level FROM ${table}`).join(
    ' UNION ALL ',
  );

/**
 * Level shares with the Jeffreys prior from a `counts` CTE (field, level, n): over the whole level
 * domain, or the fields listed.
 */
export const levelSharesSql = (counts: string, column: string, fields?: readonly ComparisonField[]) => `
SELECT d.field, d.level,
  (coalesce(c.n, 0) + ${PSEUDO_COUNT}) / sum(coalesce(c.n, 0) + ${PSEUDO_COUNT}) OVER (PARTITION BY d.field) AS ${column}
FROM (SELECT * FROM (${LEVEL_DOMAIN_SQL})${fields ? ` WHERE field IN (${fields.map((f) => `'${f}'`).join(', ')})` : ''}) d
LEFT JOIN ${counts} c USING (field, level)`;

export type ParamRow = { field: ComparisonField; level: number | bigint; m: number };

/** Rows of (field, level, value) as nested records: model.m.dob['5']. */
export function byFieldLevel<T extends { field: string; level: number | bigint }>(
  rows: readonly T[],
  pick: (row: T) => number,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) (out[row.field] ??= {})[String(row.level)] = pick(row);
  return out;
}
