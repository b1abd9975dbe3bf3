import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng } from '../prng.ts';
import { testHouseholds as households } from '../world/test-households.ts';
import { nameParts } from './name-rendering.ts';
import { nameOnReturns, referenceLines } from './reference-rows.ts';

describe('names as filers write them on their returns', () => {
  const world = households(20_000);
  const returns = new Prng(11, 5);
  const written = world.flatMap((household) => {
    const head = household.members.find((m) => m.role === 'head')?.person.surnames[0];
    return household.members.map((taxpayer) => {
      const parts = nameParts(taxpayer.person);
      return { taxpayer, parts, head, onReturns: nameOnReturns(returns, taxpayer, parts, head) };
    });
  });

  it('keeps the given name, and changes only what a return may write otherwise', () => {
    for (const { taxpayer, parts, head, onReturns } of written) {
      assert.equal(onReturns.given, parts.given);
      // The middle name changes only to the maternal surname, where there was none.
      if (onReturns.middle !== parts.middle) {
        assert.equal(parts.middle, '');
        assert.equal(onReturns.middle, parts.surnames[1]);
      }
      // A suffix is left off, never added or changed.
      assert.ok(onReturns.suffix === parts.suffix || onReturns.suffix === '');
      // Surnames: the paternal one alone (the maternal moved to the middle), or, for a spouse who
      // kept her own, the head's.
      if (onReturns.surnames.join(' ') !== parts.surnames.join(' ')) {
        const maternalMoved =
          onReturns.surnames.join(' ') === parts.surnames[0] && onReturns.middle === parts.surnames[1];
        if (!maternalMoved) {
          assert.equal(taxpayer.role, 'spouse');
          assert.equal(onReturns.surnames.join(' '), head);
          assert.ok(head !== undefined && !taxpayer.person.surnames.includes(head));
        }
      }
    }
  });

  it('writes each class for some filers and not for most', () => {
    const count = (test: (w: (typeof written)[number]) => boolean) => written.filter(test).length;
    const maternal = count(
      (w) => w.parts.middle === '' && w.onReturns.middle !== '' && w.parts.surnames.length === 2,
    );
    const twoSurnamesNoMiddle = count((w) => w.parts.middle === '' && w.parts.surnames.length === 2);
    const suffixOff = count((w) => w.parts.suffix !== '' && w.onReturns.suffix === '');
    const suffixed = count((w) => w.parts.suffix !== '');
    const married = count(
      (w) =>
        w.taxpayer.role === 'spouse' &&
        w.onReturns.surnames.join(' ') === w.head &&
        !w.parts.surnames.includes(w.head ?? ''),
    );
    for (const [name, n, of] of [
      ['maternal surname as middle name', maternal, twoSurnamesNoMiddle],
      ['suffix left off', suffixOff, suffixed],
    ] as const)
      assert.ok(n > 0 && n < of / 2, `${name}: ${n} of ${of}`);
    assert.ok(married > 0, `married surname on the returns: ${married}`);
  });

  it('leaves the world’s draws as they were: the returns stream is separate, and only names change', () => {
    const some = world.slice(0, 2_000);
    const [plainRng, withRng] = [new Prng(3, 1), new Prng(3, 1)];
    const returnsRng = new Prng(3, 5);
    const notNames = (line: string) =>
      line
        .split(',')
        .filter((_, i) => i < 2 || i > 4)
        .join(',');
    let changed = 0;
    for (const household of some) {
      const plain = referenceLines(plainRng, household).text.split('\n');
      const withReturns = referenceLines(withRng, household, returnsRng).text.split('\n');
      assert.deepEqual(withReturns.map(notNames), plain.map(notNames));
      changed += withReturns.filter((line, i) => line !== plain[i]).length;
    }
    assert.ok(changed > 0);
    // The world stream is where it would have been: the requests drawn after it stay the same.
    assert.equal(withRng.uint32(), plainRng.uint32());
  });
});
