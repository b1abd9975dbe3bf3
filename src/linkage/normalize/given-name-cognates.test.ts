import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { COGNATE_NAMES, cognatesOf } from './given-name-cognates.ts';
import {
  canonicalGivenName,
  formalGivenNames,
  formalGivenNamesAllowingTypo,
  nicknamesByFormalName,
} from './nicknames.ts';
import { normalizePersonName } from './person-name.ts';

/** Every name the nickname and cognate tables know: formal names, nicknames, cognates. */
const KNOWN_NAMES = (() => {
  const names = new Set(COGNATE_NAMES);
  for (const [formal, nicknames] of nicknamesByFormalName()) {
    names.add(formal);
    for (const nickname of nicknames) names.add(nickname);
  }
  return [...names].sort();
})();

describe('English and Spanish forms of a given name', () => {
  it('are each other’s, both ways', () => {
    assert.deepEqual(cognatesOf('JUAN'), ['JOHN']);
    assert.deepEqual(cognatesOf('JOHN'), ['JUAN']);
    assert.deepEqual(cognatesOf('RAYMOND'), ['RAIMUNDO', 'RAMON']);
    assert.deepEqual(cognatesOf('RAFAEL'), ['RALPH', 'RAPHAEL']);
    assert.deepEqual(cognatesOf('ZEFERINO'), []);
  });

  it('extend the forms a name may stand for, a nickname’s included, but never its canonical form', () => {
    assert.equal(normalizePersonName('Ricky', '', 'Lopez').givenForms, 'RICARDO RICHARD');
    assert.equal(normalizePersonName('Ricky', '', 'Lopez').givenCanonical, 'RICHARD');
    assert.equal(normalizePersonName('Ricardo', '', 'Lopez').givenForms, 'RICARDO RICHARD');
    assert.equal(normalizePersonName('Ricardo', '', 'Lopez').givenCanonical, 'RICARDO');
    assert.equal(normalizePersonName('Pete', '', 'Lopez').givenForms, 'PEDRO PETER');
    assert.equal(normalizePersonName('Pete', '', 'Lopez').givenCanonical, 'PETER');
    assert.equal(normalizePersonName('María', '', 'Lopez').givenForms, 'MARIA MARY');
    // A name with no form in the other language stands for itself alone; MARK is no form of MARY.
    assert.equal(normalizePersonName('Zeferino', '', 'Lopez').givenForms, 'ZEFERINO');
    assert.deepEqual(formalGivenNamesAllowingTypo('MARK'), ['MARCOS', 'MARK']);
    assert.deepEqual(formalGivenNamesAllowingTypo('MARY'), ['MARIA', 'MARY']);
  });

  it('are no nicknames: GEORGE, HELEN and LUCY are their own canonical forms, not JORGE, ELENA and LUCIA', () => {
    for (const name of ['GEORGE', 'HELEN', 'LUCY']) {
      assert.equal(canonicalGivenName(name), name);
      assert.deepEqual(formalGivenNames(name), [name]);
    }
  });

  it('keep the forms relation symmetric: where a name may stand for another’s canonical form, that one may stand for the first’s (property)', () => {
    // Over the names whose canonical form is among their own forms (formal names, and nicknames of
    // one formal name): a nickname of an English name (RICKY) and the Spanish form (RICARDO) meet
    // both ways, as do nicknames of both sides (PETE, PEDRITO).
    const names = KNOWN_NAMES.filter((name) =>
      formalGivenNamesAllowingTypo(name).includes(canonicalGivenName(name)),
    );
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.constantFrom(...names), (a, b) => {
        const aStandsForB = formalGivenNamesAllowingTypo(a).includes(canonicalGivenName(b));
        const bStandsForA = formalGivenNamesAllowingTypo(b).includes(canonicalGivenName(a));
        assert.equal(aStandsForB, bStandsForA, `${a} / ${b}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('make every nickname of one form meet every nickname of the other (property)', () => {
    const pairs = [...COGNATE_NAMES].flatMap((name) =>
      cognatesOf(name).map((other) => [name, other] as const),
    );
    const withNicknames = (name: string) => [name, ...(nicknamesByFormalName().get(name) ?? [])];
    fc.assert(
      fc.property(
        fc
          .constantFrom(...pairs)
          .chain(([a, b]) =>
            fc.tuple(fc.constantFrom(...withNicknames(a)), fc.constantFrom(...withNicknames(b))),
          ),
        ([a, b]) => {
          const formsOfB = new Set(formalGivenNamesAllowingTypo(b));
          assert.ok(
            formalGivenNamesAllowingTypo(a).some((form) => formsOfB.has(form)),
            `${a} / ${b}`,
          );
        },
      ),
    );
  });
});
