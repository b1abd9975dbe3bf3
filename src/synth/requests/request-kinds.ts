/**
 * The kinds of request the generator makes, each with the outcome its construction guarantees.
 * Filer kinds are drawn from the taxpayers as they stream by; the others are people who never
 * filed, made up on the spot.
 */
export const REQUEST_KINDS = [
  'confirmed',
  'moved-old-address',
  'unrelated-address',
  'household-non-filer',
  'same-name-same-city',
  'never-filed',
  'rejected-filer',
  'rejected-never-filed',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export type TruthOutcome = 'CONFIRMED' | 'NOT_CONFIRMED' | 'NO_RECORD' | 'REJECTED';

export const OUTCOME_OF: Record<RequestKind, TruthOutcome> = {
  confirmed: 'CONFIRMED',
  'moved-old-address': 'NOT_CONFIRMED',
  'unrelated-address': 'NOT_CONFIRMED',
  'household-non-filer': 'NO_RECORD',
  'same-name-same-city': 'NO_RECORD',
  'never-filed': 'NO_RECORD',
  'rejected-filer': 'REJECTED',
  'rejected-never-filed': 'REJECTED',
};

export const FILER_KINDS: readonly RequestKind[] = [
  'confirmed',
  'moved-old-address',
  'unrelated-address',
  'household-non-filer',
  'same-name-same-city',
  'rejected-filer',
];

/**
 * The default mix (shares of all requests), chosen to look like a bulk immigration-enforcement
 * batch checked against tax records: the 2025 batch asked about ~1.28 million people, fewer than
 * 5 % of whom an exact script could confirm; a desk that matches well should find most filers, so
 * the benchmark makes filers at their current address the majority (55 %), keeps an honest share of
 * out-of-date addresses (12 %) and of people with no return (25 %, a third of them sharing a home
 * or a name with a filer), and 8 % of requests the statute or the program does not allow.
 */
export const DEFAULT_MIX: Record<RequestKind, number> = {
  confirmed: 0.55,
  'moved-old-address': 0.07,
  'unrelated-address': 0.05,
  'household-non-filer': 0.09,
  'same-name-same-city': 0.05,
  'never-filed': 0.11,
  'rejected-filer': 0.055,
  'rejected-never-filed': 0.025,
};

/** Overrides merged into the default mix and normalized to sum to 1. */
export function resolveMix(
  overrides: Partial<Record<RequestKind, number>> = {},
): Record<RequestKind, number> {
  const merged = { ...DEFAULT_MIX, ...overrides };
  const total = REQUEST_KINDS.reduce((sum, kind) => sum + merged[kind], 0);
  if (!(total > 0) || REQUEST_KINDS.some((kind) => !(merged[kind] >= 0)))
    throw new Error('request mix shares must be non-negative and not all zero');
  return Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, merged[kind] / total])) as Record<
    RequestKind,
    number
  >;
}

/** Exact request counts per kind for a total, by largest remainder, so that they sum to the total. */
export function requestQuotas(total: number, mix: Record<RequestKind, number>): Record<RequestKind, number> {
  const exact = REQUEST_KINDS.map((kind) => ({ kind, value: mix[kind] * total }));
  const quotas = Object.fromEntries(exact.map(({ kind, value }) => [kind, Math.floor(value)])) as Record<
    RequestKind,
    number
  >;
  let left = total - REQUEST_KINDS.reduce((sum, kind) => sum + quotas[kind], 0);
  const byRemainder = [...exact].sort(
    (a, b) => (b.value % 1) - (a.value % 1) || REQUEST_KINDS.indexOf(a.kind) - REQUEST_KINDS.indexOf(b.kind),
  );
  for (const { kind } of byRemainder) {
    if (left <= 0) break;
    quotas[kind]++;
    left--;
  }
  return quotas;
}

/**
 * Selection sampling (Knuth, TAOCP vol. 2, Algorithm S) over a stream of known length: each item
 * is chosen with probability (still needed) / (still to come), which picks exactly `quota` items
 * without holding the stream. Quotas above the stream length give every item ⌊quota / n⌋ picks
 * and spread the remainder the same way.
 */
export class StreamQuota {
  readonly #each: number;
  #needed: number;
  #remaining: number;

  constructor(quota: number, streamLength: number) {
    this.#each = streamLength > 0 ? Math.floor(quota / streamLength) : 0;
    this.#needed = streamLength > 0 ? quota - this.#each * streamLength : 0;
    this.#remaining = streamLength;
  }

  /** How many picks the next item of the stream gets. */
  next(draw: number): number {
    if (this.#remaining <= 0) return 0;
    const extra = draw * this.#remaining < this.#needed ? 1 : 0;
    this.#needed -= extra;
    this.#remaining--;
    return this.#each + extra;
  }
}
