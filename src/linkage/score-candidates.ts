import type { Store } from '../store/store.ts';
import { BLOCKING_MISS_SHARE } from './blocking-miss.ts';
import { WORK_TABLES } from './work-tables.ts';
import { PENDING_REQUESTS_SQL } from './matcher.ts';
import { passNamesSql } from './blocking-passes.ts';
import { CANDIDATES_EXPLAINED } from './decide-requests.ts';
import { COMPARISONS, type ComparisonField } from './comparison-levels.ts';
import { TERM_FREQUENCY_LEVELS } from './term-frequencies.ts';
import {
  CITY_IMPLIED_FROM,
  householdWeightSql,
  SAME_HOME_FROM,
  SURNAME_AGREES_FROM,
  coResidentOddsSql,
  type CoResidentBits,
  type HouseholdShares,
} from './field-dependencies.ts';

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
 * The weight of one field: its level's log2(m/u), and where the level weighs a shared value by its
 * frequency (term-frequencies.ts), u replaced by this request's: log2(u / (count / taxpayers)) more,
 * `u` the level's random-pair u. The level weights are written into the SQL as DOUBLE literals
 * (JavaScript prints the shortest text that reads back as the same double), which spares a join
 * per field over millions of pairs.
 */
function fieldWeightSql(field: ComparisonField, weights: LevelWeights, model: ScoringModel): string {
  const weight = levelWeightSql(field, `c.lv_${field}`, weights, model);
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
      lvDob: 'c.lv_dob',
      shares: { surname: '$2', givenName: '$3' },
    }),
  );
}

/**
 * A field's weight at the level in `levelSql`, lowered where the request's value is more common
 * than the level's average: u for this request is (count − 1) / taxpayers — the other taxpayers
 * who agree with it there through the value they share (the person asked about is not a
 * "different person") — split between levels that count the same taxpayers (same home / exact
 * line) as their random-pair u's are; where that exceeds the level's u, the weight falls by the
 * ratio. One-sided: a value rare among filers is not thereby rare among the people requests are
 * about (a never-filed namesake elsewhere is invisible in the reference), so rarity adds nothing,
 * and a value can only weigh less as it grows more common.
 */
export function levelWeightSql(
  field: ComparisonField,
  levelSql: string,
  weights: LevelWeights,
  model: ScoringModel,
  counts = 'tf',
): string {
  const byLevel = [...(weights.get(field) ?? new Map<number, number>())];
  const levels = TERM_FREQUENCY_LEVELS.filter((t) => t.field === field);
  // The most any level of the field may weigh after the plausibility clamps (its exact agreement).
  const cap = Math.max(0, ...byLevel.map(([, w]) => w));
  const raw = model.rawWeights?.get(field);
  const weightAt = (code: number, clamped: number) => {
    const t = levels.find((level) => level.code === code);
    const uGroup = levels
      .filter((other) => other.sql === t?.sql)
      .reduce((sum, other) => sum + (model.u[field]?.[String(other.code)] ?? 0), 0);
    const rawWeight = raw?.get(code);
    if (!t || !(uGroup > 0) || !(model.taxpayers > 0)) return `${String(clamped)}::DOUBLE`;
    const adjustment = `greatest(0, log2(greatest(${counts}.${t.column} - 1, 1e-300) / ${String(uGroup * model.taxpayers)}::DOUBLE))`;
    // The request's own u replaces the level's random-pair u: start from the unclamped weight (a
    // level whose random-pair u was implausibly small is exactly one whose request u is not), then
    // clamp the result as the plausibility clamps would.
    return rawWeight === undefined
      ? `(${String(clamped)}::DOUBLE - ${adjustment})`
      : `least(${String(rawWeight)}::DOUBLE - ${adjustment}, ${String(Math.max(clamped, cap))}::DOUBLE)`;
  };
  return byLevel.length
    ? `CASE ${levelSql} ${byLevel.map(([code, w]) => `WHEN ${code} THEN ${weightAt(code, w)}`).join(' ')} ELSE 0 END`
    : '0';
}

/** What the scoring needs of the model besides the level weights. */
export interface ScoringModel {
  /** The trained weights before the plausibility clamps (levels with a term frequency start from them). */
  rawWeights?: LevelWeights;
  /** u per field and level (random pairs). */
  u: Record<string, Record<string, number>>;
  taxpayers: number;
}

/**
 * A common surname never outweighs the evidence of the requested home. Where a candidate at the
 * requested home shares the request's surname, the surname weighs little there (household
 * share, field-dependencies.ts) while the home weighs `home_bits`; a candidate elsewhere may then
 * weigh at most home_bits for surname and address together. So a request giving one of a
 * taxpayer's two surnames at their home (VERONICA CORTEZ for VERONICA CORTEZ ROMERO) is never
 * outranked by a stranger named VERONICA CORTEZ in another state on the strength of the surname.
 */
const scoreSql = (weights: LevelWeights, model: ScoringModel, coResidentOdds: string) => `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.scored} AS
-- A candidate at the requested home is bounded by the co-resident bound (field-dependencies.ts):
-- at most 1 / (1 + ρ), ρ the odds that the request is about someone living there who never filed.
SELECT * EXCLUDE (p), least(p, 1 / (1 + coalesce(co_resident_odds, 0))) AS match_probability
FROM (
SELECT *,
  -- One person per request: the candidates share the request's probability mass with "none of
  -- them" ($4), so a lone strong candidate is not doubted for taxpayers blocking already set aside,
  -- and two close candidates split the mass between them.
  pow(2, $1 + match_weight) / ($4 + sum(pow(2, $1 + match_weight)) OVER per_request) AS p,
  row_number() OVER (per_request ORDER BY match_weight DESC, taxpayer_id) AS candidate_rank
FROM (
  SELECT * EXCLUDE (home_bits), ${COMPARISONS.map((c) => `w_${c.field}`).join(' + ')} AS match_weight
  FROM (
    SELECT * REPLACE (CASE WHEN lv_address < ${SAME_HOME_FROM} AND home_bits IS NOT NULL
      THEN round(least(w_last_name, home_bits - greatest(w_address, 0)), ${WEIGHT_DECIMALS}) ELSE w_last_name END AS w_last_name)
    FROM (
      SELECT *,
        -- What the requested home weighs for a candidate there who shares the surname (see above).
        max(CASE WHEN lv_address >= ${SAME_HOME_FROM} AND lv_last_name >= ${SURNAME_AGREES_FROM} THEN w_address END)
          OVER (PARTITION BY request_id) AS home_bits
      FROM (
      SELECT c.*, ${coResidentOdds} AS co_resident_odds,
        ${COMPARISONS.map((c) => fieldWeightSql(c.field, weights, model)).join(',\n        ')}
      FROM ${WORK_TABLES.compared} c
      -- The request's own values and counts, for their term frequencies.
      JOIN requests r ON r.batch_id = $5 AND r.request_id = c.request_id
      JOIN ${WORK_TABLES.requestTermCounts} tf ON tf.request_id = c.request_id))))
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
 * The probability mass of "the person asked about is none of the candidates": not in the
 * reference at all (1 − π, π from EM) and not a co-resident of a candidate at the requested home
 * (κ, whose mass the co-resident alternative carries: em.ts), or in the reference but missed by
 * blocking (blocking-miss.ts: the cautious default until the run has estimated it).
 */
export function noneOfTheCandidates(
  personFound: number,
  missShare = BLOCKING_MISS_SHARE,
  coResidentShare = 0,
): number {
  return Math.max(1 - personFound - coResidentShare, 0) + missShare * personFound;
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
    /** Share of the persons found that blocking misses (blocking-miss.ts); the cautious default if absent. */
    blockingMissShare?: number;
    /** log2(u_home / m) per person field and level; null: no co-resident alternative (too few co-residents to tell). */
    coResidentBits: CoResidentBits | null;
    /** κ as the bounds use it: the share of requests about a co-resident who never filed (model-plausibility.ts). */
    coResidentShare: number;
    /** Level weights after the plausibility clamps. */
    weights: LevelWeights;
    model: ScoringModel;
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
  const coResidentShare = input.coResidentBits ? input.coResidentShare : 0;
  const coResidentOdds =
    input.coResidentBits && coResidentShare > 0 && input.personFound > 0
      ? coResidentOddsSql('c', input.coResidentBits, Math.log2(coResidentShare / input.personFound))
      : 'NULL::DOUBLE';
  await store.run(scoreSql(rounded, input.model, coResidentOdds), [
    input.priorBits,
    input.households.surname,
    input.households.givenName,
    // Not less κ: a request about a co-resident whose filer blocking did not propose keeps its mass.
    noneOfTheCandidates(input.personFound, input.blockingMissShare),
    batchId,
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

/** Which of DOB and TIN a request carries, as the benchmark groups requests. */
export type IdentifiersCarried = 'dob' | 'tin' | 'both' | 'neither';

/** Per group of requests: how many, and how many persons the scored candidates account for. */
export type FoundByIdentifiers = Partial<Record<IdentifiersCarried, { requests: number; found: number }>>;

/**
 * How many of the batch's pending requests the scored candidates account for — Σ over requests
 * of their candidates' identity probabilities (at most 1 each), after every bound — in all and by
 * the identifiers the request carries. EM's π counts the same thing without the co-resident bound
 * and the term frequencies: where the two differ by much, EM counted as found persons whom the
 * scoring doubts (model-plausibility.ts warns).
 */
export async function scoredFoundShares(store: Store, batchId: string): Promise<FoundByIdentifiers> {
  const rows = await store.all<{ identifiers: IdentifiersCarried; requests: bigint; found: number | null }>(
    `WITH per_request AS (
       SELECT request_id, least(1, sum(match_probability)) AS found FROM ${WORK_TABLES.scored} GROUP BY request_id)
     SELECT CASE WHEN r.n_dob IS NOT NULL AND r.n_tin IS NOT NULL THEN 'both' WHEN r.n_dob IS NOT NULL THEN 'dob'
         WHEN r.n_tin IS NOT NULL THEN 'tin' ELSE 'neither' END AS identifiers,
       count(*) AS requests, sum(coalesce(p.found, 0)) AS found
     FROM (${PENDING_REQUESTS_SQL}) r LEFT JOIN per_request p USING (request_id)
     GROUP BY ALL ORDER BY identifiers`,
    [batchId],
  );
  return Object.fromEntries(
    rows.map((row) => [
      row.identifiers,
      { requests: Number(row.requests), found: Math.round(Number(row.found ?? 0) * 1e6) / 1e6 },
    ]),
  );
}
