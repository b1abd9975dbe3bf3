import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { axisRange, probabilityOf, waterfallBars } from './waterfall.ts';

describe('waterfallBars', () => {
  it('runs from the prior through each field to the total', () => {
    const bars = waterfallBars(-10, [
      { field: 'last_name', label: 'exact', bits: 12 },
      { field: 'dob', label: 'different', bits: -5 },
    ]);
    assert.deepEqual(
      bars.map((b) => [b.name, b.from, b.to]),
      [
        ['prior', 0, -10],
        ['last_name', -10, 2],
        ['dob', 2, -3],
        ['match weight', 0, -3],
      ],
    );
    assert.deepEqual(axisRange(bars), { min: -10, max: 2 });
  });

  it('for any weights chains each bar to the next and ends at the sum, inside the axis', () => {
    const bits = fc.double({ min: -40, max: 40, noNaN: true });
    fc.assert(
      fc.property(bits, fc.array(bits, { maxLength: 10 }), (prior, weights) => {
        const bars = waterfallBars(
          prior,
          weights.map((w, i) => ({ field: `f${i}`, label: '', bits: w })),
        );
        for (let i = 1; i < bars.length - 1; i++) assert.equal(bars[i]?.from, bars[i - 1]?.to);
        const total = bars.at(-1)?.to ?? NaN;
        assert.ok(Math.abs(total - weights.reduce((a, b) => a + b, prior)) < 1e-9);
        const { min, max } = axisRange(bars);
        for (const bar of bars) assert.ok(bar.from >= min && bar.to <= max && bar.to >= min);
      }),
    );
  });

  it('turns bits into probability', () => {
    assert.equal(probabilityOf(0), 0.5);
    assert.ok(Math.abs(probabilityOf(10) - 1024 / 1025) < 1e-12);
  });
});
