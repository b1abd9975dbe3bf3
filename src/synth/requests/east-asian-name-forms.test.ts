import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Sex } from '../names/name-table.ts';
import { Prng } from '../prng.ts';
import type { NameParts } from '../render/name-rendering.ts';
import { writeEastAsianNameForm } from './east-asian-name-forms.ts';

const person = (given: string, middle: string, surname: string, sex: Sex = 'F') => ({
  given,
  middle,
  surnames: [surname],
  sex,
});
const partsOf = (p: ReturnType<typeof person>): NameParts => ({
  given: p.given,
  middle: p.middle,
  surnames: [...p.surnames],
  suffix: '',
});

/** Every form `p`'s name is written in over many draws, as "given / middle / surname". */
function formsOf(p: ReturnType<typeof person>, seed = 1): Map<string, string> {
  const rng = new Prng(seed);
  const seen = new Map<string, string>();
  for (let i = 0; i < 400; i++) {
    const name = partsOf(p);
    const form = writeEastAsianNameForm(rng, name, p);
    if (form) seen.set(form, `${name.given} / ${name.middle} / ${name.surnames.join(' ')}`);
  }
  return seen;
}

describe('East Asian given names written otherwise', () => {
  it('runs a two-syllable given name together, or splits it into given and middle name', () => {
    const forms = formsOf(person('Ji-Woo', '', 'Kim'));
    assert.deepEqual(Object.fromEntries(forms), {
      'given-syllables-joined': 'Jiwoo /  / Kim',
      'given-syllables-split-into-middle': 'Ji / Woo / Kim',
    });
    // With a middle name of its own the second syllable has no box to go to: joined only.
    assert.deepEqual([...formsOf(person('Min-Jun', 'Wei', 'Park', 'M')).keys()], ['given-syllables-joined']);
  });

  it('writes an Asian middle name before the given name, or the name family name first with the middle in the surname box', () => {
    const forms = formsOf(person('Lan', 'Mai', 'Tran'));
    assert.deepEqual(Object.fromEntries(forms), {
      'middle-name-before-given': 'Mai Lan /  / Tran',
      'name-order-swapped-middle-merged': 'Tran /  / Mai Lan',
    });
  });

  it('leaves alone a middle name from the general tables, a name a variation changed, and two surnames', () => {
    assert.equal(formsOf(person('Lan', 'Jennifer', 'Tran')).size, 0);
    assert.equal(formsOf({ ...person('Lan', 'Mai', 'Tran'), surnames: ['Tran', 'Le'] }).size, 0);
    const rng = new Prng(2);
    for (let i = 0; i < 100; i++) {
      const changed = { ...partsOf(person('Ji-Woo', '', 'Kim')), given: 'J' };
      assert.equal(writeEastAsianNameForm(rng, changed, person('Ji-Woo', '', 'Kim')), undefined);
      assert.equal(changed.given, 'J');
    }
  });

  it('keeps every letter of the name: the same letters, in the same or another box (property)', () => {
    const asian = fc.constantFrom('Ji-Woo', 'Min-Jun', 'Seo-Yeon', 'Lan', 'Minh', 'Linh', 'Thanh');
    const middle = fc.constantFrom('', 'Mai', 'Minh', 'Hoa', 'Jennifer');
    fc.assert(
      fc.property(
        asian,
        middle,
        fc.constantFrom('Kim', 'Tran', 'Nguyen'),
        fc.integer(),
        (given, mid, surname, seed) => {
          const p = person(given, mid === given ? '' : mid, surname);
          const name = partsOf(p);
          writeEastAsianNameForm(new Prng(seed), name, p);
          const letters = (s: string) => [...s.replace(/[^A-Za-z]/g, '').toLowerCase()].sort().join('');
          assert.equal(
            letters(`${name.given}${name.middle}${name.surnames.join('')}`),
            letters(`${p.given}${p.middle}${p.surnames.join('')}`),
          );
        },
      ),
    );
  });
});
