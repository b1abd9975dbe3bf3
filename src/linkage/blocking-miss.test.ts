import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BLOCKING_MISS_SHARE, blockingMissShare } from './blocking-miss.ts';
import { noneOfTheCandidates } from './score-candidates.ts';

describe('the share of persons blocking misses, from how many passes found the rest', () => {
  it('is small where almost every match was found by several passes (FEBRL4-like captures)', () => {
    // 5,000 persons found, 27 of them by one pass only, 62 by two: f0 = 27² / 124 ≈ 5.9 missed.
    const share = blockingMissShare({ once: 27, twice: 62, found: 5000 });
    assert.ok(share > 0.001 && share < 0.002, String(share));
  });

  it('stays at the cautious default for a small batch, whatever the passes say', () => {
    assert.equal(blockingMissShare({ once: 0, twice: 3, found: 40 }), BLOCKING_MISS_SHARE);
    assert.equal(blockingMissShare({ once: 0, twice: 0, found: 0 }), BLOCKING_MISS_SHARE);
  });

  it('grows with the matches only one pass found and never exceeds the default (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (once, twice, found, more) => {
          const share = blockingMissShare({ once, twice, found });
          assert.ok(share > 0 && share <= BLOCKING_MISS_SHARE);
          assert.ok(blockingMissShare({ once: once + more, twice, found }) >= share);
        },
      ),
    );
  });

  it('gives "none of the candidates" the mass of the persons not found plus those missed', () => {
    assert.equal(noneOfTheCandidates(0.999, 0.001), 1 - 0.999 + 0.001 * 0.999);
    assert.equal(noneOfTheCandidates(0.5), 0.5 + BLOCKING_MISS_SHARE * 0.5);
  });
});
