import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { level, topLevel } from './comparison-levels.ts';
import { plausibleModel } from './model-plausibility.ts';

const weights = (entries: [string, [number, number][]][]) =>
  new Map(entries.map(([field, levels]) => [field, new Map(levels)]));

describe('plausible model', () => {
  it('clamps a π near 1 to the confirmation threshold and warns', () => {
    const model = plausibleModel({
      personFound: 0.999999999,
      personFoundCeiling: 0.999,
      converged: true,
      iterations: 12,
      weights: new Map(),
    });
    assert.equal(model.personFound, 0.999);
    assert.match(model.warnings.join('\n'), /implausibly close to 1/);
  });

  it('keeps a plausible π and warns about nothing', () => {
    const model = plausibleModel({
      personFound: 0.73,
      personFoundCeiling: 0.999,
      converged: true,
      iterations: 12,
      weights: weights([
        [
          'dob',
          [
            [level('dob', 'different'), -6],
            [topLevel('dob'), 12],
          ],
        ],
      ]),
    });
    assert.equal(model.personFound, 0.73);
    assert.deepEqual(model.warnings, []);
  });

  it('warns when EM did not converge and when π is near 0 (kept: it is cautious)', () => {
    const model = plausibleModel({
      personFound: 0.001,
      personFoundCeiling: 0.999,
      converged: false,
      iterations: 100,
      weights: new Map(),
    });
    assert.equal(model.personFound, 0.001);
    assert.equal(model.warnings.length, 2);
  });

  it('never lets a differing value count for identity, nor a partial level outweigh exact agreement', () => {
    const model = plausibleModel({
      personFound: 0.5,
      personFoundCeiling: 0.999,
      converged: true,
      iterations: 12,
      weights: weights([
        [
          'last_name',
          [
            [level('last_name', 'different'), 2],
            [level('last_name', 'one of two surnames dropped'), 20.78],
            [topLevel('last_name'), 12],
          ],
        ],
      ]),
    });
    const lastName = model.weights.get('last_name');
    assert.equal(lastName?.get(level('last_name', 'different')), 0);
    assert.equal(lastName?.get(level('last_name', 'one of two surnames dropped')), 12);
    assert.equal(model.warnings.length, 2);
  });
});
