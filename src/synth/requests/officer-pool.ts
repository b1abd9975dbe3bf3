import type { NameSource } from '../names/name-source.ts';
import type { Prng } from '../prng.ts';
import { GROUP_SHARES } from '../world/household.ts';

/**
 * Investigating officers named in a batch. One court doubted that a single official could be
 * "personally and directly engaged" in over a million investigations; a plausible batch spreads
 * its requests over many officers. The pool is sized from the load per officer (default 200, well
 * under the program's maxRecordsPerOfficer of 500) and requests are dealt out in turn, so no
 * officer carries more than ⌈requests / pool⌉. Officers are synthetic, told apart by an ID.
 */
export const DEFAULT_OFFICER_LOAD = 200;

export class OfficerPool {
  readonly #officers: string[];
  #next = 0;

  constructor(rng: Prng, names: NameSource, requests: number, loadPerOfficer = DEFAULT_OFFICER_LOAD) {
    const size = Math.max(1, Math.ceil(requests / Math.max(1, loadPerOfficer)));
    this.#officers = Array.from({ length: size }, (_, i) => {
      const group = GROUP_SHARES.draw(rng);
      const sex = rng.chance(0.5) ? 'M' : 'F';
      const given = names.givenName(rng, group, sex).split(' ')[0] ?? 'Alex';
      return `DO ${given} ${names.surname(rng, group)} (ID ${String(10_001 + i)})`;
    });
  }

  get size(): number {
    return this.#officers.length;
  }

  /** The officer for the next request in output order. */
  nextOfficer(): string {
    const officer = this.#officers[this.#next % this.#officers.length] ?? '';
    this.#next++;
    return officer;
  }
}
