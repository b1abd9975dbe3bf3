import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Prng, WeightedTable } from './prng.ts';

describe('Prng', () => {
  it('gives the same sequence for the same seed and stream', () => {
    const a = new Prng(42, 1);
    const b = new Prng(42, 1);
    assert.deepEqual(
      Array.from({ length: 50 }, () => a.uint32()),
      Array.from({ length: 50 }, () => b.uint32()),
    );
  });

  it('gives different sequences for different seeds or streams', () => {
    const first = (rng: Prng) => Array.from({ length: 8 }, () => rng.uint32()).join(',');
    assert.notEqual(first(new Prng(42, 1)), first(new Prng(43, 1)));
    assert.notEqual(first(new Prng(42, 1)), first(new Prng(42, 2)));
  });

  it('draws integers inside the bounds, reaching both ends', () => {
    const rng = new Prng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = rng.int(3, 9);
      assert.ok(value >= 3 && value <= 9);
      seen.add(value);
    }
    assert.equal(seen.size, 7);
  });

  it('draws from a weighted table in proportion to the weights', () => {
    const rng = new Prng(11);
    const table = new WeightedTable([
      ['rare', 1],
      ['common', 9],
    ] as const);
    let common = 0;
    for (let i = 0; i < 20_000; i++) if (table.draw(rng) === 'common') common++;
    assert.ok(Math.abs(common / 20_000 - 0.9) < 0.01, `common share ${common / 20_000}`);
  });
});
