import type { Store } from '../store/store.ts';
import { comparisonOf, HOME_KEY, ROW_LEVELS_SQL } from './comparison-levels.ts';
import { GIVEN_NAME_AND_DOB, JOINT_LEVEL_RADIX } from './field-dependencies.ts';
import { byFieldLevel, levelSharesSql, PSEUDO_COUNT, unpivotLevels } from './model-sql.ts';
import { WORK_TABLES } from './work-tables.ts';

/**
 * u = P(level | two different people), Splink's way: from random pairs of taxpayers, which are
 * almost all different people. Term frequencies refine it per value when scoring
 * (term-frequencies.ts).
 */

/**
 * Random pairs for u: this many taxpayers on each side, chosen by a hash of their id with a fixed
 * salt, so the same reference gives the same sample (deterministic; no RNG state). 1,000 × 1,000
 * = one million pairs resolve u down to about 1e-6; rarer levels get the Jeffreys pseudo-count.
 */
const U_SAMPLE_TAXPAYERS = 1000;
const SAMPLE_SALT = 'ddesk-u-sample-v1';

const U_SAMPLE_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.u} AS
WITH taxpayers AS (SELECT DISTINCT taxpayer_id FROM reference_records),
left_side AS (
  SELECT taxpayer_id FROM taxpayers ORDER BY hash(taxpayer_id || '${SAMPLE_SALT}:a'), taxpayer_id LIMIT ${U_SAMPLE_TAXPAYERS}
),
right_side AS (
  SELECT taxpayer_id FROM taxpayers ORDER BY hash(taxpayer_id || '${SAMPLE_SALT}:b'), taxpayer_id LIMIT ${U_SAMPLE_TAXPAYERS}
),
-- One row per taxpayer on each side (its latest), so the sample costs one comparison per pair.
latest AS (
  SELECT * FROM reference_records
  WHERE taxpayer_id IN (SELECT taxpayer_id FROM left_side UNION SELECT taxpayer_id FROM right_side)
  QUALIFY row_number() OVER (PARTITION BY taxpayer_id ORDER BY tax_year DESC NULLS LAST, ad_line, nm_first) = 1
),
pairs AS (
  SELECT ${ROW_LEVELS_SQL}
  FROM (SELECT * FROM latest WHERE taxpayer_id IN (SELECT taxpayer_id FROM left_side)) r
  JOIN (SELECT * FROM latest WHERE taxpayer_id IN (SELECT taxpayer_id FROM right_side)) f ON f.taxpayer_id <> r.taxpayer_id
),
counts AS (
  SELECT field, level, count(*) AS n FROM (${unpivotLevels('pairs', '1 AS one')}) WHERE level > 0 GROUP BY field, level
)
SELECT *, (SELECT count(*) FROM pairs) AS pairs FROM (${levelSharesSql('counts', 'u')})`;

/** u from the fixed-seed random pairs, left in the `u` work table (field, level, u, pairs). */
export async function estimateRandomPairU(
  store: Store,
): Promise<{ u: Record<string, Record<string, number>>; randomPairs: number }> {
  await store.run(U_SAMPLE_SQL);
  const rows = await store.all<{ field: string; level: bigint; u: number; pairs: bigint }>(
    `SELECT field, level, u, pairs FROM ${WORK_TABLES.u} ORDER BY field, level`,
  );
  return { u: byFieldLevel(rows, (row) => row.u), randomPairs: Number(rows[0]?.pairs ?? 0) };
}

/**
 * Homes of record with more taxpayers than this (a building without unit numbers, a shelter) are
 * left out of the co-resident sample: their pairs grow with the square of their size and say
 * little about a family.
 */
const MAX_HOME_TAXPAYERS = 16;

/**
 * u among co-residents: the level shares of pairs of different taxpayers whose addresses of record
 * are one home (both orders, as a request may come from either). How a household member resembles
 * the person asked about — a shared surname often, a shared given name sometimes (father and son),
 * a shared date of birth rarely (twins) — which the co-resident bound weighs
 * (field-dependencies.ts).
 */
const CO_RESIDENT_PAIRS_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.coResidentPairs} AS
WITH homes AS (
  SELECT *, ${HOME_KEY('a')} AS home FROM address_of_record a
  WHERE ad_number IS NOT NULL AND ad_street IS NOT NULL AND ad_postcode IS NOT NULL
),
small_homes AS (SELECT home FROM homes GROUP BY home HAVING count(*) BETWEEN 2 AND ${MAX_HOME_TAXPAYERS}),
members AS (SELECT * FROM homes WHERE home IN (SELECT home FROM small_homes))
SELECT ${ROW_LEVELS_SQL}
FROM members r JOIN members f ON f.home = r.home AND f.taxpayer_id <> r.taxpayer_id`;

const U_HOME_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.uHome} AS
WITH counts AS (
  SELECT field, level, count(*) AS n FROM (${unpivotLevels(WORK_TABLES.coResidentPairs, '1 AS one')}) WHERE level > 0 GROUP BY field, level
)
SELECT *, (SELECT count(*) FROM ${WORK_TABLES.coResidentPairs}) AS pairs FROM (${levelSharesSql('counts', 'u')})`;

const [GIVEN, DOB] = GIVEN_NAME_AND_DOB;
/**
 * u among co-residents of given name and DOB jointly (field-dependencies.ts), over the pairs where
 * both are compared, with the Jeffreys prior per cell: a cell no co-resident pair shows (a similar
 * name and a birthday a day off) gets half a pair's worth, not zero.
 */
const U_HOME_GIVEN_NAME_AND_DOB_SQL = `
WITH cells AS (
  SELECT g.range * ${JOINT_LEVEL_RADIX} + d.range AS cell
  FROM range(1, ${comparisonOf(GIVEN).levels.length}) g, range(1, ${comparisonOf(DOB).levels.length}) d
),
counts AS (
  SELECT lv_${GIVEN} * ${JOINT_LEVEL_RADIX} + lv_${DOB} AS cell, count(*) AS n FROM ${WORK_TABLES.coResidentPairs}
  WHERE lv_${GIVEN} > 0 AND lv_${DOB} > 0 GROUP BY ALL
)
SELECT cells.cell, coalesce(n, 0) AS n, (coalesce(n, 0) + ${PSEUDO_COUNT}) / sum(coalesce(n, 0) + ${PSEUDO_COUNT}) OVER () AS u
FROM cells LEFT JOIN counts USING (cell) ORDER BY cells.cell`;

/**
 * u among co-residents, per field (the `uHome` work table: field, level, u, pairs) and for given
 * name × DOB, with the pairs each joint cell counts (0: its u is the prior's alone).
 */
export async function estimateCoResidentU(store: Store): Promise<{
  uHome: Record<string, Record<string, number>>;
  uHomeGivenNameAndDob: Record<string, number>;
  shownGivenNameAndDob: Record<string, number>;
  coResidentPairs: number;
}> {
  await store.run(CO_RESIDENT_PAIRS_SQL);
  await store.run(U_HOME_SQL);
  const rows = await store.all<{ field: string; level: bigint; u: number; pairs: bigint }>(
    `SELECT field, level, u, pairs FROM ${WORK_TABLES.uHome} ORDER BY field, level`,
  );
  const joint = await store.all<{ cell: bigint; n: bigint; u: number }>(U_HOME_GIVEN_NAME_AND_DOB_SQL);
  await store.run(`DROP TABLE ${WORK_TABLES.coResidentPairs}`);
  return {
    uHome: byFieldLevel(rows, (row) => row.u),
    uHomeGivenNameAndDob: Object.fromEntries(joint.map((row) => [String(row.cell), row.u])),
    shownGivenNameAndDob: Object.fromEntries(joint.map((row) => [String(row.cell), Number(row.n)])),
    coResidentPairs: Number(rows[0]?.pairs ?? 0),
  };
}
