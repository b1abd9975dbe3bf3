/**
 * The rules a matcher's decision cites (decisions.rule_id), as the screening rules cite theirs
 * (src/policy/README.md): every outcome the matcher gives names the one rule that made it, so a
 * reviewer, an auditor and the benchmark can tell a confirmation from each kind of hold without
 * parsing the reason's prose. The response to the requesting agency never shows these ids (it
 * shows a rule only for a rejection: release/response-document.ts): which hold a request met is
 * about the taxpayers, not about the request.
 */
export interface DecisionRule {
  id: string;
  outcome: 'CONFIRMED' | 'NOT_CONFIRMED' | 'NO_RECORD' | 'AMBIGUOUS';
  /** What the rule decides, in a line. */
  decides: string;
}

/** Why a hold exists: a wrong-person confirmation is an unlawful disclosure. */
export const HOLD_CITATION = '26 U.S.C. §§ 7213, 7431; program matching.confirmProbability';

export const DECISION_RULES = {
  confirmed: {
    id: 'match.confirmed',
    outcome: 'CONFIRMED',
    decides:
      'identity probability at least confirmProbability, the next taxpayer at least minWeightMargin bits behind, and the address given agrees with the address of record',
  },
  addressDiffers: {
    id: 'match.address-differs',
    outcome: 'NOT_CONFIRMED',
    decides: 'the person is identified, but the address given is not the address of record',
  },
  noCandidate: {
    id: 'match.no-candidate',
    outcome: 'NO_RECORD',
    decides: 'no taxpayer shares a blocking key with the request',
  },
  belowRejectProbability: {
    id: 'match.below-reject-probability',
    outcome: 'NO_RECORD',
    decides: "the best candidate's identity probability is below rejectProbability",
  },
  generationApart: {
    id: 'match.generation-apart',
    outcome: 'NO_RECORD',
    decides:
      'the best candidate lives at the address given but was born a generation from the date of birth given, and no TIN agrees',
  },
  notIdentified: {
    id: 'match.not-identified',
    outcome: 'NO_RECORD',
    decides:
      'no taxpayer confidently identified and no candidate has an address of record that agrees: no review could end in a disclosure',
  },
  streetTypeUncertain: {
    id: 'review.street-type-uncertain',
    outcome: 'AMBIGUOUS',
    decides: "the street type asked is one slip from the record's and from another type",
  },
  secondIdentifierMissing: {
    id: 'review.second-identifier-missing',
    outcome: 'AMBIGUOUS',
    decides: 'the request carries none of the identifiers the program requires for an automatic confirmation',
  },
  partOfGivenName: {
    id: 'review.part-of-given-name',
    outcome: 'AMBIGUOUS',
    decides:
      'the given name is only an initial, or one part of a compound given name, or the middle name alone, and no TIN agrees',
  },
  otherSexForm: {
    id: 'review.other-sex-form',
    outcome: 'AMBIGUOUS',
    decides:
      "the given name asked is the record's without its final A, a name taxpayers carry, and no TIN agrees",
  },
  carriedNameTypo: {
    id: 'review.carried-name-typo',
    outcome: 'AMBIGUOUS',
    decides: "the given name asked is a typo's distance from the record's and itself a name taxpayers carry",
  },
  slipNearAnotherName: {
    id: 'review.slip-near-another-name',
    outcome: 'AMBIGUOUS',
    decides:
      "the given name asked, carried by no taxpayer, is no nearer to the record's than to another carried name, and no TIN or middle name agrees",
  },
  secondGivenNameDiffers: {
    id: 'review.second-given-name-differs',
    outcome: 'AMBIGUOUS',
    decides:
      'two given names of two parts share the first and differ in the second (MARIA ANGELA, MARIA ANGELICA), and no TIN agrees',
  },
  contradiction: {
    id: 'review.contradiction',
    outcome: 'AMBIGUOUS',
    decides:
      'identity probability high, but the date of birth, the TIN, the given name or the suffix contradicts',
  },
  closeCandidates: {
    id: 'review.close-candidates',
    outcome: 'AMBIGUOUS',
    decides: 'two candidates within minWeightMargin bits of each other',
  },
  uncertain: {
    id: 'review.uncertain',
    outcome: 'AMBIGUOUS',
    decides: 'identity probability between rejectProbability and confirmProbability',
  },
} as const satisfies Record<string, DecisionRule>;

/** The rules of the exact-matching baseline (exact-match-sql.ts). */
export const EXACT_RULES = {
  noName: { id: 'exact.no-name', outcome: 'NO_RECORD', decides: 'no taxpayer with exactly this name' },
  sharedName: {
    id: 'exact.shared-name',
    outcome: 'AMBIGUOUS',
    decides: 'several taxpayers share exactly this name',
  },
  confirmed: {
    id: 'exact.confirmed',
    outcome: 'CONFIRMED',
    decides: 'name and address equal the address of record',
  },
  addressDiffers: {
    id: 'exact.address-differs',
    outcome: 'NOT_CONFIRMED',
    decides: 'name equal, address differs from the address of record',
  },
} as const satisfies Record<string, DecisionRule>;

export type DecisionRuleId = (typeof DECISION_RULES)[keyof typeof DECISION_RULES]['id'];

/** Every rule id a matcher decision may cite. */
export const DECISION_RULE_IDS: ReadonlySet<string> = new Set(
  [...Object.values(DECISION_RULES), ...Object.values(EXACT_RULES)].map((rule) => rule.id),
);
