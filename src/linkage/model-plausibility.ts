import { COMPARISONS, levelLabel, type ComparisonField } from './comparison-levels.ts';

/**
 * Estimates that cannot fail open. Every bound and cap the scoring derives from a trained
 * estimate (the prior, the mass of "none of the candidates", the co-resident bound) is safe only if
 * the estimate is; an implausible estimate is clamped to the cautious side and the run records a
 * warning, which `ddesk bench` and the run's parameters show.
 */

/**
 * π above the program's confirmation threshold is not taken at face value: the share of requests
 * whose person files is what makes a co-resident who never filed unlikely, and an overestimate is
 * exactly how the namesake bound once failed open (EM said 0.999999999). A π above it claims fewer
 * requests about non-filers than the error the program tolerates in one confirmation (1 − 0.999),
 * which no batch can show; the bounds use the threshold itself. (With π = 1 truly, as on FEBRL4,
 * that costs at most 0.1% of "none of them" mass.)
 */
/** Below this, EM found almost no one: the model probably did not fit (cautious anyway: kept). */
export const PERSON_FOUND_FLOOR = 0.01;
/** A clamp of less than this many bits is rounding, not a finding: no warning. */
const WARN_BITS = 0.5;

export interface PlausibleModel {
  /** π as the bounds use it. */
  personFound: number;
  /** log2(m/u) per field and level, after the clamps below. */
  weights: Map<ComparisonField, Map<number, number>>;
  warnings: string[];
}

/**
 * Clamps π to at most the confirmation threshold and the level weights so that
 * - a level at which the values differ is never evidence FOR identity (weight ≤ 0), and
 * - no lesser level of a field weighs more than its exact agreement (a partial surname level once
 *   weighed +20.78 bits, u never seen among random pairs, against +12 for the exact surname);
 * and records a warning for each clamp that moved something, for EM not converging, and for a π
 * near 0.
 */
export function plausibleModel(input: {
  personFound: number;
  /** The program's confirmation threshold: the highest π the bounds use. */
  personFoundCeiling: number;
  converged: boolean;
  iterations: number;
  weights: ReadonlyMap<string, ReadonlyMap<number, number>>;
}): PlausibleModel {
  const warnings: string[] = [];
  let personFound = input.personFound;
  if (!Number.isFinite(personFound) || personFound > input.personFoundCeiling) {
    warnings.push(
      `estimated share of requests whose person files (π) ${fmt(personFound)} is implausibly close to 1: the bounds use ${input.personFoundCeiling}`,
    );
    personFound = input.personFoundCeiling;
  } else if (personFound < PERSON_FOUND_FLOOR)
    warnings.push(
      `estimated share of requests whose person files (π) ${fmt(personFound)} is near 0: the model may not have fit (cautious: few confirmations)`,
    );
  if (!input.converged)
    warnings.push(`EM did not converge in ${input.iterations} iterations: its estimates are provisional`);
  const weights = new Map<ComparisonField, Map<number, number>>();
  for (const c of COMPARISONS) {
    const learned = input.weights.get(c.field) ?? new Map<number, number>();
    const out = new Map<number, number>();
    const top = c.levels.length - 1;
    const topWeight = learned.get(top);
    // Exactly 0: the field never occurs in this data (m and u both the prior), nothing to warn about.
    if (topWeight !== undefined && topWeight < 0)
      warnings.push(`${c.field}: exact agreement weighs ${fmt(topWeight)} bits (not evidence for identity)`);
    for (const [code, weight] of learned) {
      let clamped = weight;
      const kind = c.levels[code]?.kind;
      if (kind === 'contradicts' && clamped > 0) clamped = 0;
      if (code < top && topWeight !== undefined && clamped > topWeight) clamped = Math.max(topWeight, 0);
      if (weight - clamped > WARN_BITS)
        warnings.push(
          `${c.field} level '${levelLabel(c.field, code)}': weight ${fmt(weight)} bits clamped to ${fmt(clamped)}`,
        );
      out.set(code, clamped);
    }
    weights.set(c.field, out);
  }
  return { personFound, weights, warnings };
}

const fmt = (value: number) =>
  Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);

/**
 * EM's π above the share of requests the scored candidates account for, by more than this, is
 * worth a warning: one request in a hundred is a third to a half of the review budget the
 * programs allow (2–3 %), and an overestimated π is what loosens the namesake bound.
 */
export const FOUND_SHARE_TOLERANCE = 0.01;

/** The share found among a group of requests, or null when the group is empty. */
const foundShare = (group: { requests: number; found: number } | undefined) =>
  group && group.requests > 0 ? group.found / group.requests : null;

/**
 * Warnings about π seen against the scoring: EM's π (no co-resident bound, no term frequencies)
 * against the share of requests the scored candidates account for, and — where requests carrying
 * no identifier were matched (a program under `review`) — their share against that of requests
 * carrying one: a name and an address alone let namesakes count as found persons.
 */
export function foundShareWarnings(
  emPersonFound: number,
  scored: Partial<Record<'dob' | 'tin' | 'both' | 'neither', { requests: number; found: number }>>,
): string[] {
  const warnings: string[] = [];
  const groups = Object.values(scored);
  const requests = groups.reduce((sum, g) => sum + g.requests, 0);
  const found = groups.reduce((sum, g) => sum + g.found, 0);
  if (requests > 0 && emPersonFound - found / requests > FOUND_SHARE_TOLERANCE)
    warnings.push(
      `EM's share of requests whose person files (π) ${fmt(emPersonFound)} exceeds the share the scored candidates account for (${fmt(found / requests)}) by ${fmt((emPersonFound - found / requests) * requests)} requests: EM counts as found persons whom scoring doubts (co-residents, namesakes); π is probably too high, and the bounds built on it too lenient`,
    );
  const without = foundShare(scored.neither);
  const identified = [scored.dob, scored.tin, scored.both].filter((g) => g !== undefined);
  const withShare = foundShare({
    requests: identified.reduce((sum, g) => sum + g.requests, 0),
    found: identified.reduce((sum, g) => sum + g.found, 0),
  });
  if (without !== null && withShare !== null && without - withShare > FOUND_SHARE_TOLERANCE)
    warnings.push(
      `requests carrying neither DOB nor TIN are scored as found ${fmt(without)} of the time against ${fmt(withShare)} for requests carrying one: by name and address alone, namesakes living with a filer look found`,
    );
  return warnings;
}

/**
 * π as the bounds should use it once the candidates are scored: EM's, unless it exceeds the share of
 * requests the scored candidates account for by more than FOUND_SHARE_TOLERANCE — then that share
 * (EM counted as found persons whom the co-resident bound and term frequencies doubt, and a π too
 * high is what loosens the namesake bound). Never raised: a lower scored share is the cautious side,
 * a higher one is not taken.
 */
export function cautiousPersonFound(
  personFound: number,
  scored: Partial<Record<'dob' | 'tin' | 'both' | 'neither', { requests: number; found: number }>>,
): number {
  const groups = Object.values(scored);
  const requests = groups.reduce((sum, g) => sum + g.requests, 0);
  if (requests === 0) return personFound;
  const share = groups.reduce((sum, g) => sum + g.found, 0) / requests;
  return personFound - share > FOUND_SHARE_TOLERANCE ? Math.max(share, PERSON_FOUND_FLOOR) : personFound;
}

/**
 * κ as the co-resident alternative should use it: EM's share of requests about someone who never
 * filed and lives with a candidate at the requested home, at most 1 − π (the bounds' π). Where EM
 * did not converge, or found almost none (below PERSON_FOUND_FLOOR), the cautious 1 − π: every
 * request about a non-filer is then counted as about some filer's co-resident, as before κ was
 * estimated.
 */
export function plausibleCoResidentShare(
  em: { coResidentShare: number; converged: boolean },
  plausible: PlausibleModel,
): number {
  const ceiling = Math.max(1 - plausible.personFound, 0);
  const estimated = em.coResidentShare;
  if (!em.converged || !Number.isFinite(estimated) || estimated < PERSON_FOUND_FLOOR) return ceiling;
  return Math.min(estimated, ceiling);
}
