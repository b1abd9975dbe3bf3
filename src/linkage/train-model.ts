import type { Store } from '../store/store.ts';
import { BEST_LEVELS_SQL, COMPARISONS, type ComparisonField } from './comparison-levels.ts';

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
  candidatePairs: number;
  expectedMatches: number;
  iterations: number;
  converged: boolean;
  randomPairs: number;
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
  (c) => `SELECT '${c.field}' AS field, range AS level FROM range(1, ${c.labels.length})`,
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
  SELECT ${BEST_LEVELS_SQL}
  FROM (SELECT * FROM latest WHERE taxpayer_id IN (SELECT taxpayer_id FROM left_side)) r
  JOIN (SELECT * FROM latest WHERE taxpayer_id IN (SELECT taxpayer_id FROM right_side)) f ON f.taxpayer_id <> r.taxpayer_id
  GROUP BY r.taxpayer_id, f.taxpayer_id
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

const PATTERN_LEVELS_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_pattern_levels AS
SELECT * FROM (${unpivotLevels('linkage_patterns', 'pattern_id, n')}) WHERE level > 0`;

/** Starting point: m favours agreement geometrically (each level twice as likely as the one below); u_c = random u. */
const EM_INIT_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_em AS
SELECT field, level, pow(2, level) / sum(pow(2, level)) OVER (PARTITION BY field) AS m, u AS uc
FROM linkage_u`;

/** Each candidate pair and its comparison pattern, for the E step's per-request normalization. */
const PAIR_PATTERNS_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_pair_patterns AS
SELECT c.request_id, p.pattern_id
FROM linkage_compared c JOIN linkage_patterns p USING (${COMPARISONS.map((c) => `lv_${c.field}`).join(', ')})`;

/**
 * E step, with the constraint that a request names one person: a request's candidates compete
 * for one match, P(candidate j) = ρ·BF_j / (1 + ρ·Σ_k BF_k), ρ = λ / (1 − λ). Without it, EM takes
 * "same surname, same home" for the match class — the household members of every request agree
 * there — and learns that a different given name and birth date are normal for a match.
 * The posteriors are then summed back per pattern, so the M step stays one GROUP BY.
 */
const E_STEP_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_em_posterior AS
WITH pattern_log_odds AS (
  SELECT p.pattern_id, ln($1) - ln(1 - $1) + coalesce(s.lm, 0) - coalesce(s.lu, 0) AS log_odds
  FROM linkage_patterns p LEFT JOIN (
    SELECT l.pattern_id, sum(ln(e.m)) AS lm, sum(ln(e.uc)) AS lu
    FROM linkage_pattern_levels l JOIN linkage_em e USING (field, level)
    GROUP BY l.pattern_id) s USING (pattern_id)
),
pair_odds AS (
  -- capped at e^600 so that exp() stays finite; such a pair is a match at any rate
  SELECT q.request_id, q.pattern_id, exp(least(o.log_odds, 600)) AS odds
  FROM linkage_pair_patterns q JOIN pattern_log_odds o USING (pattern_id)
),
per_request AS (SELECT request_id, sum(odds) AS total FROM pair_odds GROUP BY request_id)
SELECT p.pattern_id, any_value(p.n) AS n, sum(q.odds / (1 + r.total)) / any_value(p.n) AS g
FROM pair_odds q JOIN per_request r USING (request_id) JOIN linkage_patterns p USING (pattern_id)
GROUP BY p.pattern_id`;

/** M step: m and u_c are the posterior-weighted level frequencies — one GROUP BY. */
const M_STEP_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_em AS
WITH sums AS (
  SELECT l.field, l.level, sum(l.n * q.g) AS sm, sum(l.n * (1 - q.g)) AS su
  FROM linkage_pattern_levels l JOIN linkage_em_posterior q USING (pattern_id)
  GROUP BY l.field, l.level
)
SELECT d.field, d.level,
  (coalesce(s.sm, 0) + ${PSEUDO_COUNT}) / sum(coalesce(s.sm, 0) + ${PSEUDO_COUNT}) OVER (PARTITION BY d.field) AS m,
  (coalesce(s.su, 0) + ${PSEUDO_COUNT}) / sum(coalesce(s.su, 0) + ${PSEUDO_COUNT}) OVER (PARTITION BY d.field) AS uc
FROM (${LEVEL_DOMAIN_SQL}) d LEFT JOIN sums s USING (field, level)`;

/** λ is kept inside (0, 1) so that its logarithm stays finite. */
const clampShare = (value: number) => Math.min(1 - 1e-9, Math.max(1e-9, value));

type ParamRow = { field: ComparisonField; level: number | bigint; m: number; uc: number };

function byFieldLevel<T extends ParamRow>(rows: readonly T[], pick: (row: T) => number) {
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) (out[row.field] ??= {})[String(row.level)] = pick(row);
  return out;
}

/** Estimates u from random pairs, then m and λ by EM over the comparison patterns of `linkage_compared`. */
export async function trainModel(store: Store): Promise<LinkageModel> {
  await store.run(U_SAMPLE_SQL);
  await store.run(PATTERNS_SQL);
  await store.run(PATTERN_LEVELS_SQL);
  await store.run(PAIR_PATTERNS_SQL);
  const [totals] = await store.all<{ pairs: bigint | null; requests: bigint | null }>(
    'SELECT sum(n) AS pairs FROM linkage_patterns',
  );
  const candidatePairs = Number(totals?.pairs ?? 0);
  const [sample] = await store.all<{ pairs: bigint }>('SELECT any_value(pairs) AS pairs FROM linkage_u');
  const uRows = await store.all<ParamRow & { u: number }>(
    'SELECT field, level, u, u AS m, u AS uc FROM linkage_u ORDER BY field, level',
  );
  await store.run(EM_INIT_SQL);
  const [distinctRequests] = await store.all<{ n: bigint }>(
    'SELECT count(DISTINCT request_id) AS n FROM linkage_compared',
  );
  // Each request has at most one true taxpayer: start from one match per request.
  let lambda = clampShare(candidatePairs ? Number(distinctRequests?.n ?? 0) / candidatePairs / 2 : 0.5);
  let previous = new Map<string, number>();
  let iterations = 0;
  let expectedMatches = 0;
  let converged = false;
  let params: ParamRow[] = [];
  while (candidatePairs > 0 && iterations < MAX_ITERATIONS) {
    iterations++;
    await store.run(E_STEP_SQL, [lambda]);
    const [share] = await store.all<{ g: number }>(
      'SELECT sum(n * g) / sum(n) AS g FROM linkage_em_posterior',
    );
    lambda = clampShare(share?.g ?? lambda);
    expectedMatches = lambda * candidatePairs;
    await store.run(M_STEP_SQL);
    params = await store.all<ParamRow>('SELECT field, level, m, uc FROM linkage_em ORDER BY field, level');
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
    params = await store.all<ParamRow>('SELECT field, level, m, uc FROM linkage_em ORDER BY field, level');
  return {
    m: byFieldLevel(params, (row) => row.m),
    u: byFieldLevel(uRows, (row) => row.u),
    lambda,
    candidatePairs,
    expectedMatches,
    iterations,
    converged,
    randomPairs: Number(sample?.pairs ?? 0),
  };
}
