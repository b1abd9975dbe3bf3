import type { Store } from '../store/store.ts';
import { COMPARISONS } from './comparison-levels.ts';
import {
  CITY_IMPLIED_FROM,
  coResidentBits,
  coResidentLog2Sql,
  householdWeightSql,
  type HouseholdShares,
} from './field-dependencies.ts';
import { byFieldLevel, LEVEL_DOMAIN_SQL, PSEUDO_COUNT, type ParamRow } from './model-sql.ts';
import { noneOfTheCandidates } from './score-candidates.ts';
import { WORK_TABLES } from './work-tables.ts';

/**
 * m and π by expectation–maximization over the compared candidate pairs, with u fixed (random
 * pairs, u-estimation.ts) and m of the anchored fields fixed (tin-anchors.ts).
 *
 * The latent variable is the one the scoring reasons about: which taxpayer, if any, a request is
 * about. A request is about at most one person, so its candidates' posteriors and that of "none
 * of them" sum to 1 — the E step normalizes over each request's candidates exactly as the scoring
 * does. Without that, every co-resident sharing a surname and a home counted as a match, and EM
 * estimated more than four persons per request. π, the share of requests whose person files, is
 * the mean over requests of their candidates' posterior mass: it cannot exceed what the requests
 * allow.
 */

/** What the prior is spread over, and the household shares (field-dependencies.ts). */
export interface Population {
  /** Requests being matched. */
  requests: number;
  /** Taxpayers in the reference. */
  taxpayers: number;
  households: HouseholdShares;
}

/** How co-residents resemble each other (u-estimation.ts), for the co-resident alternative; null: not estimated. */
export interface CoResidentEvidence {
  uHome: Record<string, Record<string, number>>;
  uHomeGivenNameAndDob: Record<string, number>;
  /** Co-resident pairs per joint cell (field-dependencies.ts coResidentBits); absent: every cell taken as shown. */
  shownGivenNameAndDob?: Record<string, number>;
}

export interface EmEstimate {
  m: Record<string, Record<string, number>>;
  /** EM's share of matches among the candidate pairs. */
  lambda: number;
  /** EM's share of requests whose person is in the reference (π): expected matches / requests. */
  personFound: number;
  candidatePairs: number;
  /** Σ of the posteriors: never more than the requests. */
  expectedMatches: number;
  /**
   * κ: EM's share of requests about someone who never filed and lives at the requested home with a
   * candidate who did (a namesake son, a twin, a spouse); 0 where co-residents are not estimated.
   */
  coResidentShare: number;
  iterations: number;
  converged: boolean;
}

/**
 * EM stops when no m and not π moves by more than this, or after MAX_ITERATIONS. 1e-5 is far below
 * what changes a weight visibly (0.01 bit at m = 0.001); 100 iterations is Splink's default cap.
 */
const EM_TOLERANCE = 1e-5;
export const MAX_ITERATIONS = 100;

/**
 * DuckDB sums in parallel, so a sum over millions of pairs can differ in its last binary digits from
 * run to run; m and π are rounded at each iteration (far below any visible effect) so that the same
 * data gives the same model and decisions.
 */
const ESTIMATE_DECIMALS = 12;
/** The least π or κ EM carries: their logarithms stay finite. */
const MIN_SHARE = 1e-12;
const roundEstimate = (value: number) =>
  Math.round(value * 10 ** ESTIMATE_DECIMALS) / 10 ** ESTIMATE_DECIMALS;

/** Levels fit in 5 bits (8 fields: 40 bits), so a pair's comparison vector packs into one integer: its pattern id. */
const LEVEL_BITS = 5;
for (const c of COMPARISONS)
  if (c.levels.length > 2 ** LEVEL_BITS) throw new Error(`comparison ${c.field}: too many levels to pack`);
const PATTERN_KEY_SQL = COMPARISONS.map((c, i) => `(lv_${c.field}::BIGINT << ${LEVEL_BITS * i})`).join(' | ');
const LEVEL_COLUMNS = COMPARISONS.map((c) => `lv_${c.field}`).join(', ');

const PATTERNS_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.patterns} AS
SELECT ${PATTERN_KEY_SQL} AS pattern_id, ${LEVEL_COLUMNS}, count(*) AS n FROM ${WORK_TABLES.compared} GROUP BY ALL;
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.pairPatterns} AS
SELECT request_id, ${PATTERN_KEY_SQL} AS pattern_id FROM ${WORK_TABLES.compared}`;

/**
 * The patterns in long form (field, level), without missing levels. Where the address agrees on
 * the street in the same place, the city is already counted (field-dependencies.ts): it is left
 * out, as it is when scoring.
 */
const PATTERN_LEVELS_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.patternLevels} AS
SELECT pattern_id, n, field, level, lv_address, lv_first_name, lv_suffix, lv_dob_of_pair AS lv_dob FROM (
  ${COMPARISONS.map((c) => `SELECT pattern_id, n, lv_address, lv_first_name, lv_suffix, lv_dob AS lv_dob_of_pair, '${c.field}' AS field, lv_${c.field} AS level FROM ${WORK_TABLES.patterns}`).join(' UNION ALL ')})
WHERE level > 0 AND NOT (field = 'city' AND lv_address >= ${CITY_IMPLIED_FROM})`;

/** Starting point: m favours agreement geometrically (each level twice as likely as the one below). */
const EM_INIT_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.em} AS
SELECT u.field, u.level, coalesce(a.m, pow(2, u.level) / sum(pow(2, u.level)) OVER (PARTITION BY u.field)) AS m
FROM ${WORK_TABLES.u} u LEFT JOIN ${WORK_TABLES.mAnchor} a USING (field, level)`;

/**
 * A pattern's log Bayes factor Σ ln(m/u), with the household corrections the scoring applies
 * (field-dependencies.ts: where the address agrees, surname and given name are judged against the
 * household shares $1, $2), so the model is trained as it decides.
 */
const PATTERN_BF_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.emPatternBf} AS
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
        lvDob: 'l.lv_dob',
        shares: { surname: '$1', givenName: '$2' },
      })}`,
  ).join('\n    ')} END) AS log_bf,
  -- Without the household corrections: the co-resident alternative weighs the names itself.
  sum(ln(e.m) - ln(u.u)) AS log_bf_raw
FROM ${WORK_TABLES.patternLevels} l JOIN ${WORK_TABLES.em} e USING (field, level) JOIN ${WORK_TABLES.u} u USING (field, level)
GROUP BY l.pattern_id`;

/**
 * Per pattern: log of how much likelier a co-resident who never filed than the candidate shows the
 * pattern (ln of Π u_home / m, field-dependencies.ts), under the current m; NULL away from the
 * requested home.
 */
const patternCoResidentSql = (bits: ReturnType<typeof coResidentBits> | null) => `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.emPatternCoResident} AS
SELECT pattern_id, ${bits ? `ln(2) * (${coResidentLog2Sql('p', bits)})` : 'NULL::DOUBLE'} AS co_resident_ln
FROM ${WORK_TABLES.patterns} p`;

/**
 * E step, per request: a pair's weight is its prior odds ($1 = ln(π / taxpayers)) plus its log
 * Bayes factor. Where the candidate is at the requested home, the request may instead be about
 * someone living with them who never filed: that alternative weighs κ / taxpayers ($3 = ln(κ / π)
 * on top of $1) times the pair's Bayes factor without the household corrections times
 * Π u_home / m — the names judged as co-residents show them. A request's candidates, their co-residents and
 * "none of them" ($2, the rest of the mass) share probability 1, so a co-resident is never counted
 * as a match. Computed relative to the request's largest term (log-sum-exp), so nothing overflows.
 * Summed per pattern for the M step: g the match mass, k the co-resident mass.
 */
const E_STEP_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.emPosterior} AS
WITH weighted AS (
  SELECT p.request_id, p.pattern_id, greatest(-700, least(700, $1 + coalesce(b.log_bf, 0))) AS a,
    -- (least and greatest skip NULLs: the CASE keeps "no co-resident alternative" NULL.)
    CASE WHEN c.co_resident_ln IS NOT NULL
      THEN greatest(-700, least(700, $1 + coalesce(b.log_bf_raw, 0) + $3 + c.co_resident_ln)) END AS h
  FROM ${WORK_TABLES.pairPatterns} p LEFT JOIN ${WORK_TABLES.emPatternBf} b USING (pattern_id)
  LEFT JOIN ${WORK_TABLES.emPatternCoResident} c USING (pattern_id)
),
relative AS (
  SELECT request_id, pattern_id, a - top AS rel, h - top AS rel_h, top
  FROM (SELECT *, max(greatest(a, coalesce(h, a))) OVER (PARTITION BY request_id) AS top FROM weighted)
),
with_mass AS (
  SELECT *, sum(exp(rel) + coalesce(exp(rel_h), 0)) OVER (PARTITION BY request_id) AS mass FROM relative
)
SELECT pattern_id, sum(exp(rel) / (exp(ln($2) - top) + mass)) AS g,
  sum(coalesce(exp(rel_h), 0) / (exp(ln($2) - top) + mass)) AS k
FROM with_mass GROUP BY pattern_id`;

/** M step: m is the posterior-weighted level frequency among matches — one GROUP BY. */
const M_STEP_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.em} AS
WITH sums AS (
  SELECT l.field, l.level, sum(q.g) AS sm
  FROM ${WORK_TABLES.patternLevels} l JOIN ${WORK_TABLES.emPosterior} q USING (pattern_id)
  GROUP BY l.field, l.level
)
SELECT d.field, d.level,
  coalesce(a.m, round((coalesce(s.sm, 0) + ${PSEUDO_COUNT}) / sum(coalesce(s.sm, 0) + ${PSEUDO_COUNT}) OVER (PARTITION BY d.field), ${ESTIMATE_DECIMALS})) AS m
FROM (${LEVEL_DOMAIN_SQL}) d LEFT JOIN sums s USING (field, level) LEFT JOIN ${WORK_TABLES.mAnchor} a USING (field, level)`;

/**
 * m and π by EM over the comparison patterns of the `compared` work table, with u fixed at the
 * `u` table and the anchored m at `mAnchor` (which must exist, empty when there are no anchors).
 * Leaves the final m in the `em` table.
 */
export async function estimateMByEm(
  store: Store,
  population: Population,
  coResidents: CoResidentEvidence | null = null,
): Promise<EmEstimate> {
  await store.run(PATTERNS_SQL);
  await store.run(PATTERN_LEVELS_SQL);
  const [totals] = await store.all<{ pairs: bigint | null }>(
    `SELECT sum(n) AS pairs FROM ${WORK_TABLES.patterns}`,
  );
  const candidatePairs = Number(totals?.pairs ?? 0);
  await store.run(EM_INIT_SQL);
  const requests = Math.max(population.requests, 1);
  const taxpayers = Math.max(population.taxpayers, 1);
  // π starts from half: neither class favoured; κ from half the rest.
  let personFound = 0.5;
  let coResidentShare = coResidents ? 0.25 : 0;
  let expectedMatches = 0;
  let iterations = 0;
  let converged = false;
  let previous = new Map<string, number>();
  let params: ParamRow[] = [];
  while (candidatePairs > 0 && iterations < MAX_ITERATIONS) {
    iterations++;
    await store.run(PATTERN_BF_SQL, [population.households.surname, population.households.givenName]);
    const m = byFieldLevel(
      await store.all<ParamRow>(`SELECT field, level, m FROM ${WORK_TABLES.em}`),
      (row) => row.m,
    );
    await store.run(
      patternCoResidentSql(
        coResidents
          ? coResidentBits(
              m,
              coResidents.uHome,
              coResidents.uHomeGivenNameAndDob,
              coResidents.shownGivenNameAndDob,
            )
          : null,
      ),
    );
    await store.run(E_STEP_SQL, [
      Math.log(personFound / taxpayers),
      noneOfTheCandidates(personFound, undefined, coResidentShare),
      Math.log(Math.max(coResidentShare, MIN_SHARE) / personFound),
    ]);
    const [posterior] = await store.all<{ matches: number | null; co_residents: number | null }>(
      `SELECT sum(g) AS matches, sum(k) AS co_residents FROM ${WORK_TABLES.emPosterior}`,
    );
    expectedMatches = roundEstimate(posterior?.matches ?? 0);
    const nextPersonFound = Math.max(roundEstimate(expectedMatches / requests), MIN_SHARE);
    const nextCoResidentShare = coResidents
      ? Math.max(roundEstimate((posterior?.co_residents ?? 0) / requests), MIN_SHARE)
      : 0;
    await store.run(M_STEP_SQL);
    params = await store.all<ParamRow>(`SELECT field, level, m FROM ${WORK_TABLES.em} ORDER BY field, level`);
    const current = new Map(params.map((row) => [`${row.field}:${row.level}`, row.m]));
    const change = Math.max(
      Math.abs(nextPersonFound - personFound),
      Math.abs(nextCoResidentShare - coResidentShare),
      ...params.map((row) => Math.abs(row.m - (previous.get(`${row.field}:${row.level}`) ?? 0))),
    );
    previous = current;
    personFound = nextPersonFound;
    coResidentShare = nextCoResidentShare;
    if (change < EM_TOLERANCE) {
      converged = true;
      break;
    }
  }
  if (!params.length)
    params = await store.all<ParamRow>(`SELECT field, level, m FROM ${WORK_TABLES.em} ORDER BY field, level`);
  return {
    m: byFieldLevel(params, (row) => row.m),
    lambda: candidatePairs ? expectedMatches / candidatePairs : 0,
    personFound: candidatePairs ? personFound : 0,
    candidatePairs,
    expectedMatches,
    coResidentShare: candidatePairs ? coResidentShare : 0,
    iterations,
    converged: candidatePairs === 0 || converged,
  };
}
