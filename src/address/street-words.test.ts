import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { COMMON_SUFFIXES, STREET_SUFFIXES, STREET_SUFFIX_NAMES } from './pub28-street-suffixes.ts';
import {
  commonTypesOneSlipFrom,
  directionalWord,
  streetNameWord,
  misspeltSuffix,
  suffixSpelling,
  withinOneEdit,
} from './street-words.ts';

/** Levenshtein distance with adjacent transpositions, written out plainly as the oracle. */
function osaDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] ?? [];
      const up = d[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] ?? 0, (d[i - 2]?.[j - 2] ?? 0) + 1);
    }
  return d[a.length]?.[b.length] ?? 0;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** One edit anywhere but the first letter: deleted, inserted, substituted, or two neighbours swapped. */
const oneEdit = (word: string) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: word.length - 1 }),
      fc.constantFrom(...LETTERS),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([at, letter, kind]) => {
      if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
      if (kind === 1) return word.slice(0, at) + letter + word.slice(at);
      if (kind === 2) return word.slice(0, at) + letter + word.slice(at + 1);
      return at + 1 < word.length
        ? word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2)
        : word;
    });

describe('withinOneEdit', () => {
  it('agrees with the edit distance, for any two words', () => {
    const word = fc.stringMatching(/^[A-D]{0,6}$/);
    fc.assert(
      fc.property(word, word, (a, b) =>
        assert.equal(withinOneEdit(a, b), osaDistance(a, b) <= 1, `${a} ${b}`),
      ),
      { numRuns: 5000 },
    );
  });
});

describe('a suffix word in suffix position', () => {
  it('reads every Publication 28 spelling as its standard abbreviation, and none as a misspelling', () => {
    for (const [spelling, standard] of STREET_SUFFIXES) {
      assert.equal(suffixSpelling(spelling), standard);
      assert.equal(misspeltSuffix(spelling), undefined);
    }
  });

  it('reads a misspelt suffix word: AVNU, STREE, STRE, SRTEET, BOULEVRD', () => {
    assert.deepEqual(['AVNU', 'STREE', 'STRE', 'SRTEET', 'BOULEVRD', 'DRIVR', 'COURTT'].map(misspeltSuffix), [
      'AVE',
      'ST',
      'ST',
      'ST',
      'BLVD',
      'DR',
      'CT',
    ]);
  });

  it('reads a 3-letter common suffix with its last two letters swapped: WYA, AEV, CRI', () => {
    assert.deepEqual(['WYA', 'AEV', 'CRI'].map(misspeltSuffix), ['WAY', 'AVE', 'CIR']);
  });

  it('does not guess from short words, numbers or words far from every suffix', () => {
    for (const word of ['MAIN', 'ELM', 'OAK', 'SOL', 'STAR', '61', 'LUNA', 'JEROME', 'VIRGINIA', 'BROADWAY'])
      assert.equal(misspeltSuffix(word), undefined, word);
  });

  it('reads no word one slip from two common types as either: TRE (TER, TRL), PWY (PKWY, HWY, WAY), LAVE (LN, AVE)', () => {
    for (const word of ['TRE', 'PWY', 'HAY', 'LAVE', 'TERL', 'SR', 'DT', 'SY'])
      assert.equal(misspeltSuffix(word), undefined, word);
    assert.deepEqual([...commonTypesOneSlipFrom('SR')].sort(), ['DR', 'ST']);
    assert.deepEqual([...commonTypesOneSlipFrom('AVW')], ['AVE']);
  });

  it('never reads a word one slip from spellings of two common types (property)', () => {
    const spellings = [...STREET_SUFFIXES].filter(([, type]) => COMMON_SUFFIXES.includes(type));
    fc.assert(
      fc.property(
        fc.constantFrom(...spellings.map(([spelling]) => spelling)).chain((word) => oneEdit(word)),
        (typo) => {
          const types = new Set(spellings.filter(([s]) => withinOneEdit(s, typo)).map(([, type]) => type));
          fc.pre(types.size >= 2 && !STREET_SUFFIXES.has(typo));
          assert.equal(misspeltSuffix(typo), undefined, typo);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads one misspelling of a spelled-out suffix as that suffix wherever no other suffix is as close', () => {
    const spelledOut = COMMON_SUFFIXES.map(
      (standard) => STREET_SUFFIX_NAMES.get(standard) ?? standard,
    ).filter((word) => word.length >= 5);
    const spellings = [...STREET_SUFFIXES.keys()];
    fc.assert(
      fc.property(
        fc.constantFrom(...spelledOut).chain((word) => fc.tuple(fc.constant(word), oneEdit(word))),
        ([word, typo]) => {
          const standard = STREET_SUFFIXES.get(word);
          const rivals = spellings.filter(
            (spelling) => STREET_SUFFIXES.get(spelling) !== standard && withinOneEdit(spelling, typo),
          );
          fc.pre(typo.length >= 4 && !STREET_SUFFIXES.has(typo) && rivals.length === 0);
          assert.equal(misspeltSuffix(typo), standard, `${word} → ${typo}`);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('a directional word in directional position', () => {
  it('reads the Publication 28 spellings, common abbreviations and a spelled-out directional misspelt once', () => {
    assert.deepEqual(
      [
        'N',
        'NORTH',
        'NO',
        'SO',
        'NRTH',
        'EST',
        'SOUTHEAST',
        'NORHT',
        'SOUHTWEST',
        'NROTHEAST',
        'SOTH',
        'NOTH',
        'ESAT',
        'WSET',
        'EEAST',
      ].map((word) => directionalWord(word, 'before-name')),
      ['N', 'N', 'N', 'S', 'N', 'E', 'SE', 'N', 'SW', 'NE', 'S', 'N', 'E', 'W', 'E'],
    );
    assert.deepEqual(
      ['NO', 'SO', 'STH', 'WST', 'NORHT', 'NORTE'].map((word) => directionalWord(word, 'after-type')),
      ['N', 'S', 'S', 'W', 'N', 'N'],
      'after a street type: 3RD AVE SO, MAIN ST NORHT',
    );
    assert.deepEqual(
      ['N', 'NORTH', 'NORTE', 'NO'].map((word) => directionalWord(word, 'after-name')),
      ['N', 'N', undefined, undefined],
      'ending a name a word is a directional only as spelled: PASEO DEL NORTE',
    );
  });

  it('does not misread a short word one letter from EAST or WEST', () => {
    for (const word of [
      'EASY',
      'BEST',
      'REST',
      'WESTON',
      'MAIN',
      'NORTHERN',
      'EAT',
      'WENT',
      'VAST',
      'EASE',
      'WEPT',
    ])
      assert.equal(directionalWord(word, 'before-name'), undefined, word);
  });
});

describe('a word of the street name', () => {
  it('is SAINT when ST leads another name word and STREET when it ends the name', () => {
    assert.deepEqual(
      [streetNameWord('ST', false), streetNameWord('SAINT', false), streetNameWord('ST', true)],
      ['SAINT', 'SAINT', 'STREET'],
    );
  });

  it('spells a suffix word inside the name out, however it was written', () => {
    assert.deepEqual(
      ['SPG', 'SPRING', 'MT', 'MOUNT', 'PRK', 'PARK', 'ELM'].map((word) => streetNameWord(word, false)),
      ['SPRING', 'SPRING', 'MOUNT', 'MOUNT', 'PARK', 'PARK', 'ELM'],
    );
  });
});
