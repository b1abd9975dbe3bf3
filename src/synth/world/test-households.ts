import { embeddedNameSource } from '../names/name-source.ts';
import { Prng } from '../prng.ts';
import { generateHousehold, type Household } from './household.ts';
import { TinIssuer } from './tin.ts';

/** `count` households of a seeded world, as the generator makes them: for the synth tests. */
export function testHouseholds(count: number, seed = 11): Household[] {
  const rng = new Prng(seed, 1);
  let n = 0;
  const ctx = {
    names: embeddedNameSource(),
    asOf: '2025-08-01',
    window: { first: 2018, last: 2024 },
    tins: new TinIssuer(seed, 0),
    nextTaxpayerId: () => `T${++n}`,
  };
  return Array.from({ length: count }, (_, i) => generateHousehold(rng, ctx, i));
}
