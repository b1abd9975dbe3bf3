import type { Store } from '../store/store.ts';
import { WORK_TABLES } from './work-tables.ts';
import { passNamesSql } from './blocking-passes.ts';
import { CANDIDATES_EXPLAINED } from './decide-requests.ts';
import { COMPARISONS, HOME_KEY, level, type ComparisonField } from './comparison-levels.ts';
import {
  CITY_IMPLIED_FROM,
  householdWeightSql,
  UNDISTINGUISHED_NAMESAKE_SQL,
  type HouseholdShares,
} from './field-dependencies.ts';

/**
 * Term frequencies from the reference: for each field with a tf adjustment, the share of taxpayers
 * carrying each value, and the chance that two random taxpayers share a value (Σ tf²) — what u
 * of exact agreement averages over. An agreeing value then weighs log2(Σ tf² / tf(value)) more
 * (or less) than the average agreement: GARCIA less, ZUBIZARRETA more.
 */
interface TermFrequency {
  field: ComparisonField;
  key: string;
  requestValue: string;
  referenceValue: string;
  levels: readonly number[];
}

const TERM_FREQUENCIES: readonly TermFrequency[] = [
  {
    field: 'first_name',
    key: 'first_name',
    requestValue: 'r.nm_first_canon',
    referenceValue: 'f.nm_first_canon',
    levels: [level('first_name', 'same formal name'), level('first_name', 'exact')],
  },
  {
    field: 'last_name',
    key: 'last_name',
    requestValue: 'r.nm_last',
    referenceValue: 'f.nm_last',
    levels: [level('last_name', 'exact')],
  },
  {
    field: 'address',
    key: 'address_street',
    requestValue: 'r.ad_street',
    referenceValue: 'f.ad_street',
    levels: [level('address', 'same street')],
  },
  {
    field: 'address',
    key: 'address_home',
    requestValue: HOME_KEY('r'),
    referenceValue: HOME_KEY('f'),
    levels: [level('address', 'same home'), level('address', 'exact')],
  },
  {
    field: 'city',
    key: 'city',
    requestValue: 'r.ad_city',
    referenceValue: 'f.ad_city',
    levels: [level('city', 'exact')],
  },
];

const TERM_FREQUENCY_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.termCounts} AS
WITH taxpayers AS (SELECT count(DISTINCT taxpayer_id) AS n FROM reference_records),
value_counts AS (
  ${TERM_FREQUENCIES.map(
    (t) =>
      `SELECT '${t.key}' AS field, value, count(*) AS c FROM (
         SELECT DISTINCT f.taxpayer_id, ${t.referenceValue} AS value
         FROM reference_records f WHERE ${t.referenceValue} IS NOT NULL)
       GROUP BY value`,
  ).join('\n  UNION ALL ')}
)
SELECT * FROM (
  SELECT field, value, c / t.n AS tf, sum((c / t.n) ^ 2) OVER (PARTITION BY field) AS sumsq
  FROM value_counts CROSS JOIN taxpayers t)
-- Only the values this batch asks about are looked up; Σ tf² above is over all of them.
WHERE (field, value) IN (
  ${TERM_FREQUENCIES.map(
    (t) => `SELECT '${t.key}', ${t.requestValue} FROM requests r WHERE r.batch_id = $1`,
  ).join(' UNION ALL ')})`;

/**
 * Weights are rounded to a millionth of a bit: DuckDB sums in parallel, so trained parameters can
 * differ in their last binary digits from run to run; rounded, the same data gives the same
 * weights and decisions, and a millionth of a bit changes no probability that matters.
 */
export const WEIGHT_DECIMALS = 6;

const WEIGHTS_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.weights} AS
SELECT e.field, e.level, e.m, u.u, round(log2(e.m / u.u), ${WEIGHT_DECIMALS}) AS weight
FROM ${WORK_TABLES.em} e JOIN ${WORK_TABLES.u} u USING (field, level)`;

/** A trained weight per field and level, log2(m/u). */
type LevelWeights = ReadonlyMap<string, ReadonlyMap<number, number>>;

/**
 * The weight of one field: its level's log2(m/u), plus the tf adjustment at agreeing levels. The
 * level weights are written into the SQL as DOUBLE literals (JavaScript prints the shortest text
 * that reads back as the same double), which spares a join per field over millions of pairs.
 */
function fieldWeightSql(
  field: string,
  termFrequencies: readonly TermFrequency[],
  weights: LevelWeights,
): string {
  const byLevel = [...(weights.get(field) ?? new Map<number, number>())];
  const base = byLevel.length
    ? `CASE c.lv_${field} ${byLevel.map(([level, w]) => `WHEN ${level} THEN ${String(w)}::DOUBLE`).join(' ')} ELSE 0 END`
    : '0';
  // A value the reference does not hold (a similar but not equal street) gets no adjustment.
  const weight = [
    base,
    ...termFrequencies.map(
      (t) => `CASE WHEN c.lv_${field} IN (${t.levels.join(', ')})
      THEN coalesce(log2(tf_${t.key}.sumsq / tf_${t.key}.tf), 0) ELSE 0 END`,
    ),
  ].join(' + ');
  const rounded = (sql: string) => `round(${sql}, ${WEIGHT_DECIMALS}) AS w_${field}`;
  // The city is part of the place that an address agreeing on its street already counted.
  if (field === 'city')
    return rounded(`CASE WHEN c.lv_address >= ${CITY_IMPLIED_FROM} THEN 0 ELSE ${weight} END`);
  return rounded(
    householdWeightSql({
      field,
      weight,
      log: 'log2',
      level: `c.lv_${field}`,
      lvAddress: 'c.lv_address',
      lvFirstName: 'c.lv_first_name',
      lvSuffix: 'c.lv_suffix',
      shares: { surname: '$2', givenName: '$3' },
    }),
  );
}

const scoreSql = (weights: LevelWeights) => `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.scored} AS
-- An undistinguished namesake candidate is bounded by $6 (field-dependencies.ts).
SELECT * EXCLUDE (p), CASE WHEN ${UNDISTINGUISHED_NAMESAKE_SQL('c')} THEN least($6, p) ELSE p END AS match_probability
FROM (
SELECT *,
  -- One person per request: the candidates share the request's probability mass with "none of
  -- them" ($4), so a lone strong candidate is not doubted for taxpayers blocking already set aside,
  -- and two close candidates split the mass between them.
  pow(2, $1 + match_weight) / ($4 + sum(pow(2, $1 + match_weight)) OVER per_request) AS p,
  row_number() OVER (per_request ORDER BY match_weight DESC, taxpayer_id) AS candidate_rank
FROM (
  SELECT *, ${COMPARISONS.map((c) => `w_${c.field}`).join(' + ')} AS match_weight
  FROM (
    SELECT c.*,
      ${COMPARISONS.map((c) =>
        fieldWeightSql(
          c.field,
          TERM_FREQUENCIES.filter((t) => t.field === c.field),
          weights,
        ),
      ).join(',\n      ')}
    FROM ${WORK_TABLES.compared} c
    -- The request's own values, for their term frequencies.
    JOIN requests r ON r.batch_id = $5 AND r.request_id = c.request_id
    ${TERM_FREQUENCIES.map(
      (t) =>
        `LEFT JOIN ${WORK_TABLES.termCounts} tf_${t.key} ON tf_${t.key}.field = '${t.key}' AND tf_${t.key}.value = ${t.requestValue}`,
    ).join('\n    ')}))
WINDOW per_request AS (PARTITION BY request_id)) c`;

const FIELD_COLUMNS = COMPARISONS.map((c) => `lv_${c.field}`)
  .concat(COMPARISONS.map((c) => `w_${c.field}`))
  .join(', ');

const KEEP_CANDIDATES_SQL = `
INSERT INTO match_candidates (batch_id, request_id, taxpayer_id, passes, ${FIELD_COLUMNS},
  match_weight, match_probability, candidate_rank, aor_level, aor_tax_year)
SELECT $1, request_id, taxpayer_id, ${passNamesSql('pass_mask')}, ${FIELD_COLUMNS},
  match_weight, match_probability, candidate_rank, aor_level, aor_tax_year
FROM ${WORK_TABLES.scored}
-- What a decision and its explanation read: the best candidates, and any that could still be the
-- person; the long tail of each request's blocked pairs is dropped (counted in the run's figures).
WHERE candidate_rank <= ${CANDIDATES_EXPLAINED} OR match_probability >= $2`;

/**
 * Share of true matches that blocking misses, assumed for the posterior: the benchmarks measure
 * 0.07–0.4% (pair completeness 0.996–0.9993); 1% errs on the side of doubt.
 */
export const BLOCKING_MISS_SHARE = 0.01;

/**
 * The probability mass of "the person asked about is none of the candidates": not in the
 * reference at all (1 − π, π from EM), or in it but missed by blocking.
 */
export function noneOfTheCandidates(personFound: number): number {
  return 1 - personFound + BLOCKING_MISS_SHARE * personFound;
}

export async function computeTermFrequencies(store: Store, batchId: string): Promise<void> {
  await store.run(TERM_FREQUENCY_SQL, [batchId]);
}

/** The trained weights log2(m/u) per field and level, as EM and the random pairs left them. */
export async function trainedWeights(store: Store): Promise<Map<string, Map<number, number>>> {
  await store.run(WEIGHTS_SQL);
  const rows = await store.all<{ field: string; level: number; weight: number }>(
    `SELECT field, level::INTEGER AS level, weight FROM ${WORK_TABLES.weights} ORDER BY field, level`,
  );
  const weights = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (!Number.isFinite(row.weight))
      throw new Error(`weight of ${row.field} level ${row.level} is not finite`);
    weights.set(row.field, (weights.get(row.field) ?? new Map<number, number>()).set(row.level, row.weight));
  }
  return weights;
}

/** Weights every candidate pair with the trained model (the `scored` work table). */
export async function scoreCandidates(
  store: Store,
  batchId: string,
  input: {
    priorBits: number;
    households: HouseholdShares;
    /** π as the bounds use it (model-plausibility.ts). */
    personFound: number;
    namesakeBound: number;
    /** Level weights after the plausibility clamps. */
    weights: LevelWeights;
  },
): Promise<void> {
  const rounded = new Map(
    [...input.weights].map(([field, levels]) => [
      field,
      new Map(
        [...levels].map(([code, w]) => [code, Math.round(w * 10 ** WEIGHT_DECIMALS) / 10 ** WEIGHT_DECIMALS]),
      ),
    ]),
  );
  await store.run(scoreSql(rounded), [
    input.priorBits,
    input.households.surname,
    input.households.givenName,
    noneOfTheCandidates(input.personFound),
    batchId,
    input.namesakeBound,
  ]);
}

/**
 * Keeps the batch's scored pairs that decisions use in `match_candidates` (the top candidates of
 * each request, and any at or above the reject threshold), replacing those of an earlier run.
 */
export async function keepCandidates(
  store: Store,
  batchId: string,
  rejectProbability: number,
): Promise<void> {
  await store.run('DELETE FROM match_candidates WHERE batch_id = $1', [batchId]);
  await store.run(KEEP_CANDIDATES_SQL, [batchId, rejectProbability]);
}
