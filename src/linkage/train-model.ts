import type { Store } from '../store/store.ts';
import { COMPARISONS, level, ROW_LEVELS_SQL, type ComparisonField } from './comparison-levels.ts';
import {
  CITY_IMPLIED_FROM,
  SURNAME_AGREES_FROM,
  householdWeightSql,
  type HouseholdShares,
} from './field-dependencies.ts';

/**
 * The Fellegi–Sunter model of a run: for every field and level, m = P(level | same person) and
 * u = P(level | different people), plus how many matches the candidate pairs hold. Trained on
 * the data at hand, unsupervised (Splink's approach: u from random pairs, m by EM).
 */
export interface LinkageModel {
  m: Record<string, Record<string, number>>;
  u: Record<string, Record<string, number>>;
  /** EM's share of matches among the candidate pairs. */
  lambda: number;
  /** EM's share of requests whose person is in the reference (π). */
  personFound: number;
  candidatePairs: number;
  expectedMatches: number;
  iterations: number;
  converged: boolean;
  randomPairs: number;
  /** Candidate pairs that agree exactly on TIN and on the surname: the anchors m was taken from. */
  tinAnchors: number;
  /** Fields whose m came from the TIN anchors rather than EM (none when anchors are too few). */
  anchoredFields: string[];
}

/**
 * Random pairs for u: this many taxpayers on each side, chosen by a hash of their id with a fixed
 * salt, so the same reference gives the same sample (deterministic; no RNG state). 1,000 × 1,000
 * = one million pairs resolve u down to about 1e-6; rarer levels get the Jeffreys pseudo-count.
 */
const U_SAMPLE_TAXPAYERS = 1000;
const SAMPLE_SALT = 'ddesk-u-sample-v1';

/** Jeffreys prior: half a pseudo-count per level, so that an unseen level gets a finite, cautious probability. */
const PSEUDO_COUNT = 0.5;

/**
 * EM stops when no m moves by more than this, or after MAX_ITERATIONS. 1e-5 is far below what
 * changes a weight visibly (0.01 bit at m = 0.001); 100 iterations is Splink's default cap.
 */
const EM_TOLERANCE = 1e-5;
const MAX_ITERATIONS = 100;

/** Level domain (field, level) for levels ≥ 1 (0 = missing carries no evidence). */
const LEVEL_DOMAIN_SQL = COMPARISONS.map(
  (c) => `SELECT '${c.field}' AS field, range AS level FROM range(1, ${c.levels.length})`,
).join(' UNION ALL ');

/** The comparison vectors of a table with lv_<field> columns, in long form (field, level). */
const unpivotLevels = (table: string, extra: string) =>
  COMPARISONS.map((c) => `SELECT ${extra}, '${c.field}' AS field, lv_${c.field} AS level FROM ${table}`).join(
    ' UNION ALL ',
  );

const U_SAMPLE_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_u AS
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
),
domain AS (${LEVEL_DOMAIN_SQL})
SELECT d.field, d.level,
  (coalesce(c.n, 0) + ${PSEUDO_COUNT}) / sum(coalesce(c.n, 0) + ${PSEUDO_COUNT}) OVER (PARTITION BY d.field) AS u,
  (SELECT count(*) FROM pairs) AS pairs
FROM domain d LEFT JOIN counts c USING (field, level)`;

const PATTERNS_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_patterns AS
SELECT row_number() OVER (ORDER BY ${COMPARISONS.map((c) => `lv_${c.field}`).join(', ')}) AS pattern_id, *
FROM (SELECT ${COMPARISONS.map((c) => `lv_${c.field}`).join(', ')}, count(*) AS n FROM linkage_compared GROUP BY ALL)`;

/**
 * The patterns in long form (field, level), without missing levels. Where the address agrees on
 * the street in the same place, the city is already counted (field-dependencies.ts): it is left
 * out, as it is when scoring.
 */
const PATTERN_LEVELS_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_pattern_levels AS
SELECT pattern_id, n, field, level, lv_address, lv_first_name, lv_suffix FROM (
  ${COMPARISONS.map((c) => `SELECT pattern_id, n, lv_address, lv_first_name, lv_suffix, '${c.field}' AS field, lv_${c.field} AS level FROM linkage_patterns`).join(' UNION ALL ')})
WHERE level > 0 AND NOT (field = 'city' AND lv_address >= ${CITY_IMPLIED_FROM})`;

/**
 * TIN anchors. EM alone takes a household for a person: a namesake father and son at one address
 * agree on everything but the date of birth, so EM puts the pair in the match class and learns that
 * a true match often disagrees on the DOB (m ≈ 5% on synthetic data where it never happens). The TIN
 * is the IRS's own identifier: a pair agreeing exactly on it and on the surname (the TIN Matching
 * Program's test: TIN + name control) is the same person with near certainty, so among such pairs
 * the other fields show how a true match really varies. m for those fields is taken from the
 * anchors; TIN and surname (the anchors' definition, so biased there) stay with EM, as does π.
 */
const TIN_EXACT = level('tin', 'exact');
const ANCHOR_FIELDS = COMPARISONS.map((c) => c.field).filter(
  (field) => field !== 'tin' && field !== 'last_name',
);
/**
 * Below this many anchors EM alone estimates m. With N anchors a level's share is known to about
 * ±1/√N (95%: ±10 points at N = 100, i.e. ±0.15 bit on an agreement level of m ≈ 0.9), and a
 * level never seen among them gets m = 0.5 / N (Jeffreys; −7.6 bits at N = 100). Either error only
 * moves a decision between review and non-disclosure; EM alone errs the same way but further
 * (it learned m ≈ 5% for "DOB disagrees" where the truth was 0).
 */
export const MIN_TIN_ANCHORS = 100;

const TIN_ANCHOR_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_m_anchor AS
WITH anchors AS (
  SELECT * FROM linkage_compared WHERE lv_tin = ${TIN_EXACT} AND lv_last_name >= ${SURNAME_AGREES_FROM}
),
levels AS (
  SELECT field, level FROM (${unpivotLevels('anchors', 'lv_address')})
  WHERE level > 0 AND NOT (field = 'city' AND lv_address >= ${CITY_IMPLIED_FROM})
),
counts AS (SELECT field, level, count(*) AS n FROM levels GROUP BY field, level),
domain AS (SELECT * FROM (${LEVEL_DOMAIN_SQL}) WHERE field IN (${ANCHOR_FIELDS.map((f) => `'${f}'`).join(', ')}))
SELECT d.field, d.level,
  (coalesce(c.n, 0) + ${PSEUDO_COUNT}) / sum(coalesce(c.n, 0) + ${PSEUDO_COUNT}) OVER (PARTITION BY d.field) AS m,
  (SELECT count(*) FROM anchors) AS anchors
FROM domain d LEFT JOIN counts c USING (field, level)`;

/** Starting point: m favours agreement geometrically (each level twice as likely as the one below). */
const EM_INIT_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_em AS
SELECT u.field, u.level, coalesce(a.m, pow(2, u.level) / sum(pow(2, u.level)) OVER (PARTITION BY u.field)) AS m
FROM linkage_u u LEFT JOIN linkage_m_anchor a USING (field, level)`;

/**
 * E step, under the model that scores (Splink's: u fixed at the random-pair values, EM for m and
 * the prior): a pattern's match probability from the prior odds of one (request, taxpayer) pair,
 * $1 = π / taxpayers, times Π m/u. Where the address agrees, surname and given name are judged
 * against the household shares ($2, $3; field-dependencies.ts), as when scoring. Without that, "same surname, same home" counts twice and
 * EM takes a household for a person. One GROUP BY over patterns; exp() is kept finite.
 */
const E_STEP_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_em_posterior AS
WITH pattern_log_bf AS (
  SELECT l.pattern_id,
    sum(CASE ${COMPARISONS.map(
      (c) =>
        `WHEN l.field = '${c.field}' THEN ${householdWeightSql({
          field: c.field,
          weight: 'ln(e.m) - ln(u.u)',
          log: 'ln',
          level: 'l.level',
          lvAddress: 'l.lv_address',
          lvFirstName: 'l.lv_first_name',
          lvSuffix: 'l.lv_suffix',
          shares: { surname: '$2', givenName: '$3' },
        })}`,
    ).join('\n      ')} END) AS log_bf
  FROM linkage_pattern_levels l JOIN linkage_em e USING (field, level) JOIN linkage_u u USING (field, level)
  GROUP BY l.pattern_id
)
SELECT p.pattern_id, p.n,
  1 / (1 + exp(least(700, greatest(-700, ln(1 - $1) - ln($1) - coalesce(b.log_bf, 0))))) AS g
FROM linkage_patterns p LEFT JOIN pattern_log_bf b USING (pattern_id)`;

/** M step: m is the posterior-weighted level frequency among matches — one GROUP BY. */
const M_STEP_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_em AS
WITH sums AS (
  SELECT l.field, l.level, sum(l.n * q.g) AS sm
  FROM linkage_pattern_levels l JOIN linkage_em_posterior q USING (pattern_id)
  GROUP BY l.field, l.level
)
SELECT d.field, d.level,
  coalesce(a.m, (coalesce(s.sm, 0) + ${PSEUDO_COUNT}) / sum(coalesce(s.sm, 0) + ${PSEUDO_COUNT}) OVER (PARTITION BY d.field)) AS m
FROM (${LEVEL_DOMAIN_SQL}) d LEFT JOIN sums s USING (field, level) LEFT JOIN linkage_m_anchor a USING (field, level)`;

/** π is kept inside (0, 1) so that neither class vanishes. */
const clampShare = (value: number) => Math.min(1 - 1e-9, Math.max(1e-9, value));

type ParamRow = { field: ComparisonField; level: number | bigint; m: number };

function byFieldLevel<T extends ParamRow>(rows: readonly T[], pick: (row: T) => number) {
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) (out[row.field] ??= {})[String(row.level)] = pick(row);
  return out;
}

/** u from the fixed-seed random pairs, left in `linkage_u` (field, level, u, pairs). */
export async function estimateRandomPairU(store: Store): Promise<Pick<LinkageModel, 'u' | 'randomPairs'>> {
  await store.run(U_SAMPLE_SQL);
  const uRows = await store.all<ParamRow & { u: number; pairs: bigint }>(
    'SELECT field, level, u, u AS m, pairs FROM linkage_u ORDER BY field, level',
  );
  return { u: byFieldLevel(uRows, (row) => row.u), randomPairs: Number(uRows[0]?.pairs ?? 0) };
}

/** What the prior is spread over, and the household share (field-dependencies.ts). */
export interface Population {
  /** Requests being matched. */
  requests: number;
  /** Taxpayers in the reference. */
  taxpayers: number;
  households: HouseholdShares;
}

export type EmEstimate = Pick<
  LinkageModel,
  | 'm'
  | 'lambda'
  | 'personFound'
  | 'candidatePairs'
  | 'expectedMatches'
  | 'iterations'
  | 'converged'
  | 'tinAnchors'
  | 'anchoredFields'
>;

/**
 * m and π by EM over the comparison patterns of `linkage_compared` (lv_<field> per pair), with u
 * fixed at `linkage_u` (random pairs). Candidate pairs are a blocked subset of all
 * (request, taxpayer) pairs, so a pair's prior is π / taxpayers — the same prior the scoring
 * uses. Leaves the final m in `linkage_em`.
 */
export async function estimateMByEm(store: Store, population: Population): Promise<EmEstimate> {
  await store.run(PATTERNS_SQL);
  await store.run(PATTERN_LEVELS_SQL);
  const [totals] = await store.all<{ pairs: bigint | null }>('SELECT sum(n) AS pairs FROM linkage_patterns');
  const candidatePairs = Number(totals?.pairs ?? 0);
  await store.run(TIN_ANCHOR_SQL);
  const [anchorRow] = await store.all<{ anchors: bigint }>(
    'SELECT max(anchors) AS anchors FROM linkage_m_anchor',
  );
  const tinAnchors = Number(anchorRow?.anchors ?? 0);
  // Too few anchors: EM alone (an empty anchor table leaves every m to EM).
  if (tinAnchors < MIN_TIN_ANCHORS) await store.run('DELETE FROM linkage_m_anchor');
  const anchoredFields = tinAnchors < MIN_TIN_ANCHORS ? [] : ANCHOR_FIELDS;
  await store.run(EM_INIT_SQL);
  const requests = Math.max(population.requests, 1);
  // π, the share of requests whose person is in the reference: start from half.
  let personFound = 0.5;
  let lambda = 0;
  let previous = new Map<string, number>();
  let iterations = 0;
  let expectedMatches = 0;
  let converged = false;
  let params: ParamRow[] = [];
  while (candidatePairs > 0 && iterations < MAX_ITERATIONS) {
    iterations++;
    const pairPrior = personFound / Math.max(population.taxpayers, 1);
    await store.run(E_STEP_SQL, [
      Math.min(pairPrior, 0.5),
      population.households.surname,
      population.households.givenName,
    ]);
    const [posterior] = await store.all<{ matches: number }>(
      'SELECT sum(n * g) AS matches FROM linkage_em_posterior',
    );
    expectedMatches = posterior?.matches ?? 0;
    personFound = clampShare(expectedMatches / requests);
    lambda = expectedMatches / candidatePairs;
    await store.run(M_STEP_SQL);
    params = await store.all<ParamRow>('SELECT field, level, m FROM linkage_em ORDER BY field, level');
    const current = new Map(params.map((row) => [`${row.field}:${row.level}`, row.m]));
    const change = Math.max(
      ...params.map((row) => Math.abs(row.m - (previous.get(`${row.field}:${row.level}`) ?? 0))),
    );
    previous = current;
    if (change < EM_TOLERANCE) {
      converged = true;
      break;
    }
  }
  if (!params.length)
    params = await store.all<ParamRow>('SELECT field, level, m FROM linkage_em ORDER BY field, level');
  return {
    m: byFieldLevel(params, (row) => row.m),
    lambda,
    personFound,
    candidatePairs,
    expectedMatches,
    iterations,
    converged,
    tinAnchors,
    anchoredFields,
  };
}

/** Estimates u from random pairs, then m and π by EM over the candidate pairs in `linkage_compared`. */
export async function trainModel(store: Store, population: Population): Promise<LinkageModel> {
  const u = await estimateRandomPairU(store);
  const em = await estimateMByEm(store, population);
  return { ...em, ...u };
}
