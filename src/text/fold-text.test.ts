import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { foldText } from './fold-text.ts';

/** foldText as first written, one step after another for any string. */
function foldTextPlainly(value: string): string | null {
  const folded = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return folded === '' ? null : folded;
}

describe('foldText', () => {
  it('folds accents, case, punctuation and spaces', () => {
    assert.equal(foldText('  José  Núñez-O’Brien\t3º '), 'JOSE NUNEZ O BRIEN 3');
    assert.equal(foldText('ß straße'), 'SS STRASSE');
    assert.equal(foldText(' - '), null);
  });

  it('gives what the plain sequence of steps gives, for any string (ASCII or not)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({
        unit: fc.constantFrom('a', 'É', 'ñ', ' ', '\t', '\u00a0', '-', 'ß', 'ǅ', '\u0301', '1'),
        maxLength: 20,
      }),
    );
    fc.assert(
      fc.property(text, (value) => assert.equal(foldText(value), foldTextPlainly(value))),
      { numRuns: 5000 },
    );
  });
});
