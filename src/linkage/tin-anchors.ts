import type { Store } from '../store/store.ts';
import { COMPARISONS, level, type ComparisonField } from './comparison-levels.ts';
import { CITY_IMPLIED_FROM, SURNAME_AGREES_FROM } from './field-dependencies.ts';
import { levelSharesSql, unpivotLevels } from './model-sql.ts';
import { WORK_TABLES } from './work-tables.ts';

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
export const ANCHOR_FIELDS: readonly ComparisonField[] = COMPARISONS.map((c) => c.field).filter(
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
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.mAnchor} AS
WITH anchors AS (
  SELECT * FROM ${WORK_TABLES.compared} WHERE lv_tin = ${TIN_EXACT} AND lv_last_name >= ${SURNAME_AGREES_FROM}
),
levels AS (
  SELECT field, level FROM (${unpivotLevels('anchors', 'lv_address')})
  WHERE level > 0 AND NOT (field = 'city' AND lv_address >= ${CITY_IMPLIED_FROM})
),
counts AS (SELECT field, level, count(*) AS n FROM levels GROUP BY field, level)
SELECT *, (SELECT count(*) FROM anchors) AS anchors FROM (${levelSharesSql('counts', 'm', ANCHOR_FIELDS)})`;

export interface TinAnchors {
  /** Candidate pairs that agree exactly on TIN and on the surname: the anchors m was taken from. */
  tinAnchors: number;
  /** Fields whose m came from the TIN anchors rather than EM (none when anchors are too few). */
  anchoredFields: ComparisonField[];
}

/**
 * m of the anchored fields among the TIN anchors of the `compared` work table, left in the
 * `mAnchor` work table (field, level, m) — empty when there are too few anchors.
 */
export async function estimateTinAnchors(store: Store): Promise<TinAnchors> {
  await store.run(TIN_ANCHOR_SQL);
  const [row] = await store.all<{ anchors: bigint | null }>(
    `SELECT max(anchors) AS anchors FROM ${WORK_TABLES.mAnchor}`,
  );
  const tinAnchors = Number(row?.anchors ?? 0);
  if (tinAnchors < MIN_TIN_ANCHORS) {
    await store.run(`DELETE FROM ${WORK_TABLES.mAnchor}`);
    return { tinAnchors, anchoredFields: [] };
  }
  return { tinAnchors, anchoredFields: [...ANCHOR_FIELDS] };
}
