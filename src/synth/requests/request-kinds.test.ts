import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Prng } from '../prng.ts';
import { DEFAULT_MIX, REQUEST_KINDS, StreamQuota, requestQuotas, resolveMix } from './request-kinds.ts';

describe('request quotas', () => {
  it('split a total exactly, whatever the mix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (total, shares) => {
          fc.pre(shares.some((s) => s > 0.001));
          const mix = resolveMix(Object.fromEntries(REQUEST_KINDS.map((k, i) => [k, shares[i] ?? 0])));
          const quotas = requestQuotas(total, mix);
          return REQUEST_KINDS.reduce((sum, k) => sum + quotas[k], 0) === total;
        },
      ),
    );
  });

  it('follow the default mix: 55 % confirmed, 8 % rejected', () => {
    const quotas = requestQuotas(100_000, resolveMix());
    assert.equal(quotas.confirmed, 55_000);
    assert.equal(quotas['rejected-filer'] + quotas['rejected-never-filed'], 8_000);
    assert.equal(
      Object.values(DEFAULT_MIX)
        .reduce((a, b) => a + b, 0)
        .toFixed(6),
      '1.000000',
    );
  });
});

describe('StreamQuota', () => {
  it('picks exactly the quota from a stream of known length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer(),
        (length, quota, seed) => {
          const rng = new Prng(seed);
          const selection = new StreamQuota(quota, length);
          let picked = 0;
          for (let i = 0; i < length; i++) picked += selection.next(rng.next());
          return picked === quota;
        },
      ),
      { numRuns: 200 },
    );
  });
});
