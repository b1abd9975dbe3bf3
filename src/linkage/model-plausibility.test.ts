import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { level, topLevel } from './comparison-levels.ts';
import {
  cautiousPersonFound,
  foundShareWarnings,
  plausibleCoResidentShare,
  plausibleModel,
} from './model-plausibility.ts';

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

describe('foundShareWarnings', () => {
  it('warns when EM counts more persons found than the scored candidates account for', () => {
    const scored = { dob: { requests: 7000, found: 5000 }, tin: { requests: 3000, found: 2300 } };
    // 7,300 of 10,000 accounted for: π 0.75 is 200 requests too many, π 0.738 within a point.
    assert.equal(foundShareWarnings(0.738, scored).length, 0);
    assert.match(
      foundShareWarnings(0.75, scored)[0] ?? '',
      /exceeds the share the scored candidates account for/,
    );
    assert.equal(foundShareWarnings(0.735, scored).length, 0);
  });

  it('warns when requests without an identifier look found far more often than requests with one', () => {
    const scored = {
      dob: { requests: 8000, found: 5600 },
      neither: { requests: 2000, found: 1800 },
    };
    const warnings = foundShareWarnings(0.74, scored);
    assert.ok(warnings.some((w) => /carrying neither DOB nor TIN/.test(w)));
    assert.equal(
      foundShareWarnings(0.7, {
        dob: { requests: 8000, found: 5600 },
        neither: { requests: 2000, found: 1400 },
      }).length,
      0,
    );
  });
});

describe('cautiousPersonFound', () => {
  const scored = { dob: { requests: 7000, found: 3600 }, tin: { requests: 3000, found: 1800 } };
  it('takes the scored share when EM is more than a point above it, and never raises π', () => {
    assert.equal(cautiousPersonFound(0.59, scored), 0.54);
    assert.equal(cautiousPersonFound(0.545, scored), 0.545);
    assert.equal(cautiousPersonFound(0.5, scored), 0.5);
    assert.equal(cautiousPersonFound(0.59, {}), 0.59);
  });
});

describe('plausible co-resident share', () => {
  const plausible = { personFound: 0.7, weights: new Map(), warnings: [] };
  it("takes EM's κ where it converged, never above 1 − π", () => {
    assert.equal(plausibleCoResidentShare({ coResidentShare: 0.1, converged: true }, plausible), 0.1);
    assert.ok(
      Math.abs(plausibleCoResidentShare({ coResidentShare: 0.5, converged: true }, plausible) - 0.3) < 1e-12,
    );
  });

  it('counts every non-filer as a co-resident (1 − π) where EM did not converge or found almost none', () => {
    const cautious = 1 - 0.7;
    assert.equal(plausibleCoResidentShare({ coResidentShare: 0.1, converged: false }, plausible), cautious);
    assert.equal(plausibleCoResidentShare({ coResidentShare: 1e-6, converged: true }, plausible), cautious);
  });
});
