import type { Store } from '../store/store.ts';
import { COMPARISONS } from './comparison-levels.ts';

/**
 * Term frequencies from the reference: for each field with a tf adjustment, the share of taxpayers
 * carrying each value, and the chance that two random taxpayers share a value (Σ tf²) — what u
 * of exact agreement averages over. An agreeing value then weighs log2(Σ tf² / tf(value)) more
 * (or less) than the average agreement: GARCIA less, ZUBIZARRETA more.
 */
const TERM_FREQUENCY_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_tf AS
WITH taxpayers AS (SELECT count(DISTINCT taxpayer_id) AS n FROM reference_records),
value_counts AS (
  ${COMPARISONS.flatMap((c) =>
    c.termFrequency
      ? [
          `SELECT '${c.field}' AS field, value, count(*) AS c FROM (
             SELECT DISTINCT f.taxpayer_id, ${c.termFrequency.referenceValue} AS value
             FROM reference_records f WHERE ${c.termFrequency.referenceValue} IS NOT NULL)
           GROUP BY value`,
        ]
      : [],
  ).join('\n  UNION ALL ')}
)
SELECT field, value, c / t.n AS tf, sum((c / t.n) ^ 2) OVER (PARTITION BY field) AS sumsq
FROM value_counts CROSS JOIN taxpayers t`;

const WEIGHTS_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_weights AS
SELECT e.field, e.level, e.m, u.u, log2(e.m / u.u) AS weight FROM linkage_em e JOIN linkage_u u USING (field, level)`;

/**
 * Surname and address are not independent among different people: a household shares both. So
 * when the address agrees, an agreeing surname is judged against how often two different people
 * at one address share a surname (pairs at the same number, street and postal code in the
 * reference's addresses of record), not against random pairs — otherwise "same surname, same
 * home" would count twice and a spouse who never filed would be confirmed as the one who did.
 * One pseudo-pair sharing no surname keeps the share defined; a reference in which no address
 * is shared (share 0) gives no correction rather than a guessed one.
 */
const HOUSEHOLD_SQL = `
WITH homes AS (
  SELECT nm_last, ad_number, ad_street, ad_postcode FROM address_of_record
  WHERE ad_number IS NOT NULL AND ad_street IS NOT NULL AND ad_postcode IS NOT NULL
),
by_address AS (SELECT count(*) AS n FROM homes GROUP BY ad_number, ad_street, ad_postcode),
by_address_surname AS (
  SELECT count(*) AS n FROM homes WHERE nm_last IS NOT NULL GROUP BY nm_last, ad_number, ad_street, ad_postcode
)
SELECT coalesce((SELECT sum(n * (n - 1) / 2) FROM by_address_surname), 0)
     / (coalesce((SELECT sum(n * (n - 1) / 2) FROM by_address), 0) + 1) AS surname_share_at_one_address,
  (SELECT sum(n * (n - 1) / 2) FROM by_address) AS address_pairs`;

/**
 * Surname levels that a household shares: exact, the two surnames in the other order, one of two
 * dropped. A surname a typo away is not what a spouse or child carries, so it keeps its weight.
 */
const SURNAME_AGREES_FROM = 7;
/** Address levels from "same street in the same place" up already agree on the place (postcode or city). */
const CITY_IMPLIED_FROM = 4;
/** Address levels from "same number and street in the same place" up are one home. */
const SAME_HOME_FROM = 5;

/**
 * Weights are rounded to a millionth of a bit: DuckDB sums in parallel, so trained parameters can
 * differ in their last binary digits from run to run; rounded, the same data gives the same
 * weights and decisions, and a millionth of a bit changes no probability that matters.
 */
export const WEIGHT_DECIMALS = 6;

/** The weight of one field: its level's log2(m/u), plus the tf adjustment at agreeing levels. */
function fieldWeightSql(field: string, tfLevels: readonly number[] | undefined): string {
  const base = `coalesce(wt_${field}.weight, 0)`;
  // A value the reference does not hold (a similar but not equal street) gets no adjustment.
  const weight = tfLevels
    ? `${base} + CASE WHEN c.lv_${field} IN (${tfLevels.join(', ')})
      THEN coalesce(log2(tf_${field}.sumsq / tf_${field}.tf), 0) ELSE 0 END`
    : base;
  const rounded = (sql: string) => `round(${sql}, ${WEIGHT_DECIMALS}) AS w_${field}`;
  // The city is part of the place that an address agreeing on its street already counted.
  if (field === 'city')
    return rounded(`CASE WHEN c.lv_address >= ${CITY_IMPLIED_FROM} THEN 0 ELSE ${weight} END`);
  if (field !== 'last_name') return rounded(weight);
  return rounded(`CASE WHEN c.lv_last_name >= ${SURNAME_AGREES_FROM} AND c.lv_address >= ${SAME_HOME_FROM}
      AND $2 > 0 THEN least(${weight}, log2(wt_last_name.m / $2)) ELSE ${weight} END`);
}

const SCORE_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_scored AS
SELECT *,
  ${COMPARISONS.map((c) => `w_${c.field}`).join(' + ')} AS match_weight,
  1 / (1 + pow(2, -($1 + ${COMPARISONS.map((c) => `w_${c.field}`).join(' + ')}))) AS match_probability,
  row_number() OVER (PARTITION BY request_id
    ORDER BY ${COMPARISONS.map((c) => `w_${c.field}`).join(' + ')} DESC, taxpayer_id) AS candidate_rank
FROM (
  SELECT c.*,
    ${COMPARISONS.map((c) => fieldWeightSql(c.field, c.termFrequency?.levels)).join(',\n    ')}
  FROM linkage_compared c
  ${COMPARISONS.map(
    (c) =>
      `LEFT JOIN linkage_weights wt_${c.field} ON wt_${c.field}.field = '${c.field}' AND wt_${c.field}.level = c.lv_${c.field}` +
      (c.termFrequency
        ? `\n  LEFT JOIN linkage_tf tf_${c.field} ON tf_${c.field}.field = '${c.field}' AND tf_${c.field}.value = c.tf_value_${c.field}`
        : ''),
  ).join('\n  ')}
)`;

const FIELD_COLUMNS = COMPARISONS.map((c) => `lv_${c.field}`)
  .concat(COMPARISONS.map((c) => `w_${c.field}`))
  .join(', ');

const KEEP_CANDIDATES_SQL = `
INSERT INTO match_candidates (batch_id, request_id, taxpayer_id, passes, ${FIELD_COLUMNS},
  match_weight, match_probability, candidate_rank, aor_level, aor_tax_year)
SELECT $1, request_id, taxpayer_id, passes, ${FIELD_COLUMNS},
  match_weight, match_probability, candidate_rank, aor_level, aor_tax_year
FROM linkage_scored`;

export async function computeTermFrequencies(store: Store): Promise<void> {
  await store.run(TERM_FREQUENCY_SQL);
}

/** Weights every candidate pair with the trained model and keeps them in `match_candidates`. */
export async function scoreCandidates(store: Store, batchId: string, priorBits: number): Promise<void> {
  await store.run(WEIGHTS_SQL);
  const [household] = await store.all<{ surname_share_at_one_address: number }>(HOUSEHOLD_SQL);
  await store.run(SCORE_SQL, [priorBits, household?.surname_share_at_one_address ?? 1]);
  await store.run('DELETE FROM match_candidates WHERE batch_id = $1', [batchId]);
  await store.run(KEEP_CANDIDATES_SQL, [batchId]);
}
