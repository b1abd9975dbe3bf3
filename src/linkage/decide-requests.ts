import type { Program } from '../programs/program.ts';
import type { Store } from '../store/store.ts';
import { autoConfirmAllowedSql } from '../policy/second-identifier.ts';
import {
  ADDRESS_CONFIRMS_AT,
  ADDRESS_TYPE_UNCERTAIN,
  COMPARISONS,
  agreesFrom,
  level,
} from './comparison-levels.ts';
import { DECISION_RULES } from './decision-rules.ts';
import { latestLinkageRun, PENDING_REQUESTS_SQL } from './matcher.ts';
import {
  INITIAL_ONLY_SQL,
  OTHER_SEX_FORM_SQL,
  ANOTHER_CARRIED_NAME_SQL,
  NEAREST_GIVEN_NAMES_SQL,
  NEAR_SLIP_SQL,
  COMPOUND_SPLIT_SQL,
  COMPOUND_FIRST_PART_SQL,
  FAMILY_MIDDLES_SQL,
  SECOND_GIVEN_NAME_DIFFERS_SQL,
} from './twin-holds.ts';

/** How many candidates a decision's explanation lists for the reviewer. */
export const CANDIDATES_EXPLAINED = 5;

/**
 * One decision per pending request, from its best candidate (design.md § 3):
 * - NO_RECORD: no candidate, or the best one's identity probability is below rejectProbability;
 * - identity established: probability ≥ confirmProbability AND the next different taxpayer is at
 *   least minWeightMargin bits behind (father and son, two namesakes in one ZIP code);
 *   then CONFIRMED only if the requested address agrees with that taxpayer's address of record at
 *   "same number and street in the same place" or better, else NOT_CONFIRMED;
 * - everything in between, or two close candidates: AMBIGUOUS, to a reviewer — but only when a
 *   confirmation is at stake, i.e. some candidate above rejectProbability has an address of record
 *   that agrees with the request. Otherwise no review could end in a disclosure: the answer is
 *   NO_RECORD (no taxpayer confidently identified), which discloses nothing, and the reviewer's
 *   time goes where it can prevent or allow a disclosure. In linkage mode ($8) only identity is
 *   asked, so every uncertain case is for review.
 * The ordering of candidates breaks ties on taxpayer_id, so the same data gives the same decisions.
 */
/**
 * A strong identifier that flatly contradicts (DOB entirely different, a different TIN, JR against
 * SR) vetoes an automatic confirmation, whatever the score: EM learns how often true matches
 * disagree from data in which namesake relatives look like matches (a small batch has too few TIN
 * anchors to correct it), so a high score despite such a contradiction is exactly the father-and-son
 * case. A reviewer decides. Disclosure is at stake only in program mode.
 */
/**
 * The levels at which the dates of birth differ: a generation apart, within ten years, or the same
 * day decades apart where no TIN agrees (with the TIN agreeing that is the person's decade digit
 * mistyped, not a namesake son, whose TIN is his own).
 */
const DOB_DIFFERS_SQL = (alias: string) =>
  `(${alias}lv_dob IN (${level('dob', 'different')}, ${level('dob', 'within ten years')})
    OR (${alias}lv_dob = ${level('dob', 'same day, decades apart')} AND coalesce(${alias}lv_tin, 0) < ${agreesFrom('tin')}))`;
const TIN_DIFFERS = level('tin', 'different');
const SUFFIX_DIFFERS = level('suffix', 'different');
/**
 * The given names share nothing (or one side's given name is only the other's surname): a TIN
 * that agrees is then more likely a relative's copied into the file than the person's — a request
 * about MARY carrying ZACHARY's TIN, both of one home — and the strongest identifier must not
 * carry a confirmation the name contradicts.
 */
const GIVEN_NAME_CONTRADICTS = [
  level('first_name', 'different'),
  level('first_name', "given name is the other's surname"),
];
const CONTRADICTION_SQL = `(${DOB_DIFFERS_SQL('b.')} OR b.lv_tin = ${TIN_DIFFERS} OR b.lv_suffix = ${SUFFIX_DIFFERS}
  OR b.lv_first_name IN (${GIVEN_NAME_CONTRADICTS.join(', ')}))`;

/**
 * A candidate whose date of birth is a generation from the request's (ten years or more) and whose
 * TIN does not agree is no confirmation at stake: at the home of record that is the namesake son or
 * the mother of the filer, who never filed — what a reviewer would answer, from nothing more than
 * the matcher has. The request is answered NO_RECORD (which discloses nothing) instead of waiting
 * in review. A TIN that agrees keeps the candidate. A decade mistyped in the request's DOB with the
 * month and day exact (1985-03-12 for 1975-03-12) is not "a generation from" it: that is a slip's
 * shape (the DOB level 'year slipped'), which a relative shares about once in 365.
 */
const GENERATION_APART_SQL = `(lv_dob = ${level('dob', 'different')} AND coalesce(lv_tin, 0) < ${agreesFrom('tin')})`;

/** The best candidate is identified: probability at least confirmProbability ($3), no other taxpayer within minWeightMargin ($5). */
const IDENTIFIED = '(match_probability >= $3 AND (margin IS NULL OR margin >= $5))';
/** A strong identifier or the given name contradicts (CONTRADICTION_SQL, read from the judged row). */
const CONTRADICTS = `(${DOB_DIFFERS_SQL('')} OR lv_tin = ${TIN_DIFFERS} OR lv_suffix = ${SUFFIX_DIFFERS}
  OR lv_first_name IN (${GIVEN_NAME_CONTRADICTS.join(', ')}))`;
const R = DECISION_RULES;

const decideSql = (program: Program) => `
INSERT INTO decisions (batch_id, request_id, outcome, rule_id, reason, taxpayer_id, match_probability, explanation, decided_by, decided_at)
WITH pending AS (${PENDING_REQUESTS_SQL}),
best AS (SELECT * FROM match_candidates WHERE batch_id = $1 AND candidate_rank = 1),
runner_up AS (
  SELECT request_id, match_weight AS weight, taxpayer_id FROM match_candidates WHERE batch_id = $1 AND candidate_rank = 2
),
at_stake AS (
  SELECT request_id FROM match_candidates
  WHERE batch_id = $1 AND match_probability >= $4
    AND (coalesce(aor_level, 0) >= ${ADDRESS_CONFIRMS_AT} OR (NOT $8 AND aor_level = ${ADDRESS_TYPE_UNCERTAIN}))
    AND NOT ${GENERATION_APART_SQL}
  GROUP BY request_id
),
family_middles AS (${FAMILY_MIDDLES_SQL}),
other_sex_form AS (${OTHER_SEX_FORM_SQL}),
another_carried_name AS (${ANOTHER_CARRIED_NAME_SQL}),
near_slip AS (${NEAR_SLIP_SQL}),
compound_split AS (${COMPOUND_SPLIT_SQL}),
compound_first_part AS (${COMPOUND_FIRST_PART_SQL}),
second_given AS (${SECOND_GIVEN_NAME_DIFFERS_SQL}),
considered AS (
  SELECT request_id,
    list({'taxpayer_id': taxpayer_id, 'match_weight': round(match_weight, 3),
          'match_probability': match_probability, 'address_of_record_level': aor_level,
          'passes': passes} ORDER BY candidate_rank) AS candidates
  FROM match_candidates WHERE batch_id = $1 AND candidate_rank <= ${CANDIDATES_EXPLAINED}
  GROUP BY request_id
),
judged AS (
  SELECT p.request_id, b.taxpayer_id, b.match_weight, b.match_probability, b.aor_level, b.aor_tax_year,
    b.match_weight - n.weight AS margin, n.taxpayer_id AS runner_up,
    ${COMPARISONS.map((c) => `b.lv_${c.field}, b.w_${c.field}`).join(', ')},
    k.candidates,
    NOT $8 AND NOT ${autoConfirmAllowedSql(program, 'p')} AS lacks_identifiers,
    (${INITIAL_ONLY_SQL} OR cs.request_id IS NOT NULL OR cf.request_id IS NOT NULL) AS initial_only,
    o.request_id IS NOT NULL AS other_sex_form,
    a.request_id IS NOT NULL AS another_carried_name,
    ns.request_id IS NOT NULL AS near_slip,
    sg.request_id IS NOT NULL AS second_given_differs,
    CASE
      WHEN b.request_id IS NULL OR b.match_probability < $4 THEN 'NO_RECORD'
      WHEN b.match_probability >= $3 AND (n.weight IS NULL OR b.match_weight - n.weight >= $5) THEN
        CASE WHEN NOT $8 AND b.aor_level = ${ADDRESS_TYPE_UNCERTAIN} THEN 'AMBIGUOUS'
             WHEN coalesce(b.aor_level, 0) < ${ADDRESS_CONFIRMS_AT} THEN 'NOT_CONFIRMED'
             WHEN NOT $8 AND ${CONTRADICTION_SQL} THEN 'AMBIGUOUS'
             WHEN NOT $8 AND (${INITIAL_ONLY_SQL} OR cs.request_id IS NOT NULL OR cf.request_id IS NOT NULL) THEN 'AMBIGUOUS'
             WHEN NOT $8 AND o.request_id IS NOT NULL THEN 'AMBIGUOUS'
             WHEN NOT $8 AND a.request_id IS NOT NULL THEN 'AMBIGUOUS'
             WHEN NOT $8 AND ns.request_id IS NOT NULL THEN 'AMBIGUOUS'
             WHEN NOT $8 AND sg.request_id IS NOT NULL THEN 'AMBIGUOUS'
             WHEN NOT $8 AND NOT ${autoConfirmAllowedSql(program, 'p')} THEN 'AMBIGUOUS'
             ELSE 'CONFIRMED' END
      WHEN s.request_id IS NULL AND NOT $8 THEN 'NO_RECORD'
      ELSE 'AMBIGUOUS' END AS outcome,
    s.request_id IS NOT NULL AS confirmation_at_stake
  FROM pending p
  LEFT JOIN best b USING (request_id)
  LEFT JOIN runner_up n USING (request_id)
  LEFT JOIN considered k USING (request_id)
  LEFT JOIN at_stake s USING (request_id)
  LEFT JOIN other_sex_form o USING (request_id)
  LEFT JOIN another_carried_name a USING (request_id)
  LEFT JOIN near_slip ns USING (request_id)
  LEFT JOIN compound_split cs USING (request_id)
  LEFT JOIN compound_first_part cf USING (request_id)
  LEFT JOIN second_given sg USING (request_id)
),
-- The one rule each decision cites (decision-rules.ts); its reason is written from it below.
ruled AS (
  SELECT *, CASE outcome
    WHEN 'NO_RECORD' THEN CASE WHEN taxpayer_id IS NULL THEN '${R.noCandidate.id}'
      WHEN match_probability < $4 THEN '${R.belowRejectProbability.id}'
      WHEN coalesce(aor_level, 0) >= ${ADDRESS_CONFIRMS_AT} AND ${GENERATION_APART_SQL} THEN '${R.generationApart.id}'
      ELSE '${R.notIdentified.id}' END
    WHEN 'CONFIRMED' THEN '${R.confirmed.id}'
    WHEN 'NOT_CONFIRMED' THEN '${R.addressDiffers.id}'
    ELSE CASE WHEN aor_level = ${ADDRESS_TYPE_UNCERTAIN} AND ${IDENTIFIED} THEN '${R.streetTypeUncertain.id}'
      WHEN ${IDENTIFIED} AND NOT ${CONTRADICTS} AND lacks_identifiers THEN '${R.secondIdentifierMissing.id}'
      WHEN ${IDENTIFIED} AND NOT ${CONTRADICTS} AND initial_only THEN '${R.partOfGivenName.id}'
      WHEN ${IDENTIFIED} AND NOT ${CONTRADICTS} AND other_sex_form THEN '${R.otherSexForm.id}'
      WHEN ${IDENTIFIED} AND NOT ${CONTRADICTS} AND another_carried_name THEN '${R.carriedNameTypo.id}'
      WHEN ${IDENTIFIED} AND NOT ${CONTRADICTS} AND near_slip THEN '${R.slipNearAnotherName.id}'
      WHEN ${IDENTIFIED} AND NOT ${CONTRADICTS} AND second_given_differs THEN '${R.secondGivenNameDiffers.id}'
      WHEN ${IDENTIFIED} THEN '${R.contradiction.id}'
      WHEN match_probability >= $3 THEN '${R.closeCandidates.id}'
      ELSE '${R.uncertain.id}' END
  END AS rule_id
  FROM judged
)
SELECT $1, request_id, outcome, rule_id,
  CASE rule_id
    WHEN '${R.noCandidate.id}' THEN 'no taxpayer shares a blocking key with the request'
    WHEN '${R.belowRejectProbability.id}' THEN printf('best candidate''s identity probability %.4f is below %.4f', match_probability, $4)
    WHEN '${R.generationApart.id}'
    THEN printf('the best candidate (%.4f) lives at the address given but was born a generation from the date of birth given, and no TIN agrees: a relative of the same name, not the taxpayer; nothing could be confirmed', match_probability)
    WHEN '${R.notIdentified.id}' THEN printf('no taxpayer confidently identified (best %.4f, below %.4f or within %.1f bits of another) and no candidate''s address of record agrees with the request: nothing could be confirmed', match_probability, $3, $5)
    WHEN '${R.confirmed.id}' THEN printf('identity probability %.6f, %s; the address agrees with the address of record', match_probability,
      CASE WHEN margin IS NULL THEN 'no other candidate' ELSE printf('%.1f bits ahead of the next taxpayer', margin) END)
    WHEN '${R.addressDiffers.id}' THEN printf('identity probability %.6f, %s; the address differs from the address of record', match_probability,
      CASE WHEN margin IS NULL THEN 'no other candidate' ELSE printf('%.1f bits ahead of the next taxpayer', margin) END)
    WHEN '${R.streetTypeUncertain.id}'
    THEN printf('identity probability %.6f, but the street type asked is one slip from the record''s and from another type (CENTER SR: DR or ST), and the person may live on the street of the other type; a reviewer must decide', match_probability)
    WHEN '${R.secondIdentifierMissing.id}'
    THEN printf('identity probability %.6f, but the request carries none of the identifiers the program requires for an automatic confirmation (%s): a namesake living there cannot be ruled out; a reviewer must decide', match_probability, '${program.identity.autoConfirmRequiresOneOf.join(', ')}')
    WHEN '${R.partOfGivenName.id}'
    THEN printf('identity probability %.6f, but the given name is only an initial, or only one part of a compound given name (or the middle name alone), and no TIN agrees: a relative at the same home whose name starts with it (a twin shares the date of birth) cannot be ruled out; a reviewer must decide', match_probability)
    WHEN '${R.otherSexForm.id}'
    THEN printf('identity probability %.6f, but the given name asked is the record''s without its final A (DANIEL for DANIELA), a given name taxpayers carry, and no TIN agrees: a brother at the same home (a twin shares the date of birth) cannot be ruled out; a reviewer must decide', match_probability)
    WHEN '${R.carriedNameTypo.id}'
    THEN printf('identity probability %.6f, but the given name asked is a typo''s distance from the record''s (MARK for MARY) and is itself a given name taxpayers carry, and no TIN agrees: a relative at the same home so named (a twin shares the date of birth) cannot be ruled out; a reviewer must decide', match_probability)
    WHEN '${R.slipNearAnotherName.id}'
    THEN printf('identity probability %.6f, but the given name asked, a name no taxpayer carries, is no nearer to the record''s than to another given name taxpayers carry (LUS for LUISA: LUIS is nearer), and neither a TIN nor a middle name or initial agrees: a relative at the same home so named (a twin shares the date of birth) cannot be ruled out; a reviewer must decide', match_probability)
    WHEN '${R.secondGivenNameDiffers.id}'
    THEN printf('identity probability %.6f, but the two given names share the first part and differ in the second (MARIA ANGELA and MARIA ANGELICA, NGOC ANH and NGOC LAN), and no TIN agrees: a sibling at the same home so named (a twin shares the date of birth) cannot be ruled out; a reviewer must decide', match_probability)
    WHEN '${R.contradiction.id}'
    THEN printf('identity probability %.6f, but %s contradicts; a reviewer must decide', match_probability,
      CASE WHEN ${DOB_DIFFERS_SQL('')} THEN 'the date of birth' WHEN lv_tin = ${TIN_DIFFERS} THEN 'the TIN'
        WHEN lv_first_name IN (${GIVEN_NAME_CONTRADICTS.join(', ')}) THEN 'the given name' ELSE 'the generational suffix' END)
    WHEN '${R.closeCandidates.id}' THEN printf('two candidates within %.1f bits (%.1f); a reviewer must decide', $5, margin)
    ELSE printf('identity probability %.4f is between %.4f and %.4f; a reviewer must decide', match_probability, $4, $3)
  END,
  CASE WHEN outcome IN ('CONFIRMED', 'NOT_CONFIRMED') THEN taxpayer_id END,
  match_probability,
  to_json({
    'run_id': $6, 'prior_bits': $7, 'match_weight': match_weight, 'match_probability': match_probability,
    'margin_bits': margin, 'runner_up': runner_up, 'best_candidate': taxpayer_id,
    'address_of_record': {'level': aor_level, 'tax_year': aor_tax_year, 'confirms_at': ${ADDRESS_CONFIRMS_AT}},
    'fields': [${COMPARISONS.map((c) => `{'field': '${c.field}', 'level': lv_${c.field}, 'weight': w_${c.field}}`).join(', ')}],
    'candidates': coalesce(candidates, [])
  })::VARCHAR,
  'matcher:probabilistic', $2::TIMESTAMP
FROM ruled`;

export async function decideRequests(
  store: Store,
  input: {
    batchId: string;
    decidedAt: string;
    program: Program;
    runId: string;
    priorBits: number;
    mode: 'program' | 'linkage';
  },
): Promise<void> {
  const { confirmProbability, rejectProbability, minWeightMargin } = input.program.matching;
  await store.run(NEAREST_GIVEN_NAMES_SQL, [input.batchId]);
  await store.run(decideSql(input.program), [
    input.batchId,
    input.decidedAt,
    confirmProbability,
    rejectProbability,
    minWeightMargin,
    input.runId,
    input.priorBits,
    input.mode === 'linkage',
  ]);
}

/**
 * Decides the batch again from the candidates its last matching run kept, under other program
 * thresholds — without blocking, comparing or training again: the benchmark's what-if (how many
 * more confirmations, at what cost in wrongful disclosures, would a lower threshold give?). Only
 * the matcher's own decisions are replaced; screening refusals stay. It writes no audit event:
 * a re-decision on a real batch belongs in matchBatch, which does.
 */
export async function redecideFromStoredCandidates(
  store: Store,
  input: { batchId: string; decidedAt: string; program: Program; mode: 'program' | 'linkage' },
): Promise<void> {
  const run = await latestLinkageRun(store, input.batchId);
  if (!run) throw new Error(`batch ${input.batchId} has no matching run to decide again from`);
  await store.run(`DELETE FROM decisions WHERE batch_id = $1 AND decided_by = 'matcher:probabilistic'`, [
    input.batchId,
  ]);
  await decideRequests(store, { ...input, runId: run.runId, priorBits: Number(run.parameters['priorBits']) });
}
