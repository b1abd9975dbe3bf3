import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { charDiff, type DiffSegment } from './char-diff.ts';

const join = (segments: DiffSegment[]) => segments.map((s) => s.text).join('');
const fold = (text: string) =>
  Array.from({ length: text.length }, (_, k) =>
    text.charAt(k).normalize('NFD').replace(/\p{M}/gu, '').toUpperCase(),
  ).join('');
const kept = (segments: DiffSegment[]) =>
  segments
    .filter((s) => s.same)
    .map((s) => fold(s.text))
    .join('');

describe('charDiff', () => {
  it('marks the differing characters of a misspelled name', () => {
    const { left, right } = charDiff('JOHNSON', 'Jonson');
    assert.deepEqual(left, [
      { text: 'JO', same: true },
      { text: 'H', same: false },
      { text: 'NSON', same: true },
    ]);
    assert.deepEqual(right, [{ text: 'Jonson', same: true }]);
  });

  it('ignores accents and capitals', () => {
    assert.deepEqual(charDiff('José Jiménez', 'JOSE JIMENEZ').left, [{ text: 'José Jiménez', same: true }]);
  });

  it('marks everything of unrelated values and nothing of equal ones', () => {
    assert.deepEqual(charDiff('1985-03-04', '1985-03-04').left, [{ text: '1985-03-04', same: true }]);
    assert.deepEqual(charDiff('ABC', 'XYZ').right, [{ text: 'XYZ', same: false }]);
    assert.deepEqual(charDiff('', 'X'), { left: [], right: [{ text: 'X', same: false }] });
  });

  it('for any two strings keeps each text whole and marks the same common subsequence on both sides', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40, unit: 'binary' }),
        fc.string({ maxLength: 40, unit: 'binary' }),
        (a, b) => {
          const { left, right } = charDiff(a, b);
          assert.equal(join(left), a);
          assert.equal(join(right), b);
          assert.equal(kept(left), kept(right));
          if (a === b) assert.ok(left.every((s) => s.same));
        },
      ),
    );
  });
});
