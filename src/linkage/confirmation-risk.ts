import type { Store } from '../store/store.ts';

/**
 * What a batch's confirmations risk: each confirmation made with identity probability p is the
 * wrong person with probability 1 − p, so Σ (1 − p) is the number of wrong-person confirmations
 * to expect — each one an unlawful disclosure once released. The disclosure officer sees it
 * before approving; the benchmark sets it beside the wrongful disclosures it counts.
 */
export interface ConfirmationRisk {
  confirmations: number;
  /** Σ (1 − p) over the confirmations that carry an identity probability. */
  expectedWrongConfirmations: number;
  /** Confirmations with no identity probability (a reviewer's, or a matcher without a model). */
  withoutProbability: number;
}

/**
 * The risk of a batch's decisions with one of `outcomes` (CONFIRMED for disclosures; in linkage
 * mode NOT_CONFIRMED also names the person).
 */
export async function confirmationRisk(
  store: Store,
  batchId: string,
  outcomes: readonly string[] = ['CONFIRMED'],
): Promise<ConfirmationRisk> {
  const [row] = await store.all<{ n: bigint; expected: number | null; unscored: bigint }>(
    `SELECT count(*) AS n, coalesce(sum(1 - match_probability), 0) AS expected,
       count(*) FILTER (WHERE match_probability IS NULL) AS unscored
     FROM decisions WHERE batch_id = $1 AND list_contains(string_split($2, ','), outcome) AND taxpayer_id IS NOT NULL`,
    [batchId, outcomes.join(',')],
  );
  return {
    confirmations: Number(row?.n ?? 0),
    expectedWrongConfirmations: Number(row?.expected ?? 0),
    withoutProbability: Number(row?.unscored ?? 0),
  };
}

/** The risk in one sentence, for the officer about to approve the batch. */
export function describeConfirmationRisk(risk: ConfirmationRisk): string {
  if (risk.confirmations === 0) return 'no confirmations: nothing would be disclosed';
  const scored = risk.confirmations - risk.withoutProbability;
  const unscored =
    risk.withoutProbability > 0
      ? `; ${risk.withoutProbability} confirmation(s) carry no identity probability and are not counted`
      : '';
  return scored === 0
    ? `${risk.confirmations} confirmation(s), none with an identity probability: the expected number of wrong-person confirmations is unknown`
    : `expected wrong-person confirmations: ${risk.expectedWrongConfirmations.toFixed(3)} (the sum of 1 − p over ${scored} confirmation(s))${unscored}`;
}
