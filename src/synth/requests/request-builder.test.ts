import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { standardizeAddress } from '../../address/us-address.ts';
import { englishFormOf } from '../names/english-given-names.ts';
import { DIRECTIONAL_STREET_NAMES } from '../places/streets.ts';
import { STANDARD_ADDRESS_STYLE, renderAddress } from '../render/address-rendering.ts';
import { testHouseholds } from '../world/test-households.ts';
import { gridLetterSpaced, particlesInGivenName } from './request-builder.ts';

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

describe('the address as a form writes it', () => {
  const read = (fields: {
    address_line1: string;
    address_line2: string;
    city: string;
    state: string;
    zip: string;
  }) => standardizeAddress(fields);

  it('spaces a one-axis grid number after its letter, which the desk reads as the same number (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('N', 'S', 'E', 'W'),
        fc.integer({ min: 1000, max: 19999 }),
        fc.constantFrom(
          'Elm St',
          'W Broadway',
          'Cypress Ct Apt 4',
          'E Pine Ave',
          'County Road X',
          'South St',
        ),
        (letter, n, street) => {
          const line = `${letter}${n} ${street}`;
          const spaced = gridLetterSpaced(line);
          assert.equal(spaced, `${letter} ${n} ${street}`);
          const at = (address_line1: string) =>
            read({ address_line1, address_line2: '', city: 'Waukesha', state: 'WI', zip: '53188' });
          assert.deepEqual(at(spaced), at(line));
        },
      ),
    );
    assert.equal(gridLetterSpaced('N59W28135 Woodlake Dr'), undefined);
    assert.equal(gridLetterSpaced('1234 Main St'), undefined);
  });

  it('writes a street named by a compass point by its letter or spelled out, one street to the desk', () => {
    const compass = testHouseholds(4000)
      .flatMap((household) => household.residences.map((residence) => residence.address))
      .filter((address) => DIRECTIONAL_STREET_NAMES.has(address.streetName));
    assert.ok(compass.length > 0);
    for (const address of compass) {
      const spelled = renderAddress(address, STANDARD_ADDRESS_STYLE);
      const letter = renderAddress(address, { ...STANDARD_ADDRESS_STYLE, nameAbbreviated: true });
      assert.notEqual(letter.address_line1, spelled.address_line1);
      assert.deepEqual(read(letter), read(spelled), `${letter.address_line1} / ${spelled.address_line1}`);
    }
  });
});

describe('the English form of a Spanish given name', () => {
  it('gives it for a one-word name, however accented or cased, and none for a compound, an English or an unknown name', () => {
    assert.equal(englishFormOf('José'), 'Joseph');
    assert.equal(englishFormOf('MARIA'), 'Mary');
    assert.equal(englishFormOf('Guillermo'), 'William');
    for (const name of ['Juan Carlos', 'John', 'Zeferino', 'J', ''])
      assert.equal(englishFormOf(name), undefined, name);
  });
});
