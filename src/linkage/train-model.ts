import type { Store } from '../store/store.ts';
import { estimateMByEm, type CoResidentEvidence, type EmEstimate, type Population } from './em.ts';
import { estimateTinAnchors, type TinAnchors } from './tin-anchors.ts';
import { estimateRandomPairU } from './u-estimation.ts';

export type { Population } from './em.ts';
export { estimateMByEm } from './em.ts';
export { MIN_TIN_ANCHORS } from './tin-anchors.ts';

/**
 * The Fellegi–Sunter model of a run: for every field and level, m = P(level | same person) and
 * u = P(level | different people), plus how many matches the candidate pairs hold. Trained on
 * the data at hand, unsupervised (Splink's approach: u from random pairs, u-estimation.ts; m from
 * TIN anchors where there are enough, tin-anchors.ts, and by EM, em.ts).
 */
export interface LinkageModel extends EmEstimate, TinAnchors {
  u: Record<string, Record<string, number>>;
  randomPairs: number;
}

/** Estimates u from random pairs, m from the TIN anchors, then the rest of m and π by EM over the `compared` pairs. */
export async function trainModel(
  store: Store,
  population: Population,
  coResidents: CoResidentEvidence | null = null,
): Promise<LinkageModel> {
  const u = await estimateRandomPairU(store);
  const anchors = await estimateTinAnchors(store);
  const em = await estimateMByEm(store, population, coResidents);
  return { ...em, ...anchors, ...u };
}
