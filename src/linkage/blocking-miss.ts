import type { Store } from '../store/store.ts';
import { WORK_TABLES } from './work-tables.ts';

/**
 * Share of the persons found that blocking is assumed to miss when the data cannot tell: the
 * benchmarks measure 0.04–0.4% (pair completeness 0.996–0.9999); 1% errs on the side of doubt. It
 * is also the most the estimate below may say.
 */
export const BLOCKING_MISS_SHARE = 0.01;

/** How many passes found the persons the scored candidates account for. */
export interface PassCaptures {
  /** Σ of the identity probabilities of the pairs exactly one pass found. */
  once: number;
  /** … exactly two passes found. */
  twice: number;
  /** Σ of the identity probabilities of every pair (the persons found). */
  found: number;
}

/**
 * The share of true matches that no blocking pass finds, estimated from how many passes found the
 * ones they did: each pass is one more "capture" of a match, so the matches found by exactly one
 * pass (f1) and by exactly two (f2) estimate those found by none, f0 = f1² / (2 f2) (Chao's
 * estimator of unseen classes, Chao 1987 — the capture–recapture count of the missing). Each pair
 * counts with its identity probability, so no truth is needed. One miss is always assumed possible
 * (add one, as in the rule of succession), so a small batch stays at the cautious default; the
 * estimate never exceeds it.
 */
export function blockingMissShare(captures: PassCaptures): number {
  const { once, twice, found } = captures;
  if (!(found > 0)) return BLOCKING_MISS_SHARE;
  const unseen = twice > 0 ? (once * once) / (2 * twice) : (once * (once - 1)) / 2;
  const missed = Math.max(unseen, 0) + 1;
  const share = missed / (found + missed);
  return Number.isFinite(share) ? Math.min(BLOCKING_MISS_SHARE, share) : BLOCKING_MISS_SHARE;
}

/** The pass captures of the scored candidates (the `scored` work table). */
export async function scoredPassCaptures(store: Store): Promise<PassCaptures> {
  const [row] = await store.all<{ once: number | null; twice: number | null; found: number | null }>(
    `SELECT sum(match_probability) FILTER (WHERE bit_count(pass_mask) = 1) AS once,
       sum(match_probability) FILTER (WHERE bit_count(pass_mask) = 2) AS twice,
       sum(match_probability) AS found
     FROM ${WORK_TABLES.scored}`,
  );
  // Rounded like the estimates (parallel sums differ in their last digits), so reruns agree.
  const round = (value: number | null | undefined) => Math.round(Number(value ?? 0) * 1e9) / 1e9;
  return { once: round(row?.once), twice: round(row?.twice), found: round(row?.found) };
}
