import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { particlesInGivenName } from './request-builder.ts';

describe('a form whose first-name box took the surname’s particles', () => {
  it('moves the leading particles of the surname to the end of the given name', () => {
    for (const [first, last, givenAfter, lastAfter] of [
      ['Juan', 'de la Cruz', 'Juan de la', 'Cruz'],
      ['María', 'del Río García', 'María del', 'Río García'],
      ['Julio', 'De Jesús', 'Julio De', 'Jesús'],
      ['Hans', 'van der Berg', 'Hans van der', 'Berg'],
    ] as const) {
      const name = { first_name: first, last_name: last };
      assert.equal(particlesInGivenName(name), true, last);
      assert.deepEqual(name, { first_name: givenAfter, last_name: lastAfter });
    }
  });

  it('leaves a surname without particles, or of particles alone, and a name without a given name as they were', () => {
    for (const [first, last] of [
      ['Ana', 'Delgado'],
      ['Ana', 'De'],
      ['', 'de la Cruz'],
      ['Ana', 'Dela Cruz'],
    ] as const) {
      const name = { first_name: first, last_name: last };
      assert.equal(particlesInGivenName(name), false, `${first} / ${last}`);
      assert.deepEqual(name, { first_name: first, last_name: last });
    }
  });

  it('never loses or adds a word: given and surname read together are the name as it was (property)', () => {
    const word = fc.constantFrom('de', 'la', 'del', 'van', 'der', 'Cruz', 'Rosa', 'Santos', 'Ana', 'Juan');
    const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(words, words, (first, last) => {
        const name = { first_name: first, last_name: last };
        particlesInGivenName(name);
        assert.equal(`${name.first_name} ${name.last_name}`, `${first} ${last}`);
        assert.ok(name.last_name.length > 0);
      }),
    );
  });
});
