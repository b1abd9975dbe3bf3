import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reasonKind } from './reason-kind.ts';

describe('reasonKind', () => {
  it("groups the matcher's reasons whatever their figures", () => {
    assert.equal(
      reasonKind('identity probability 0.9731 is between 0.5000 and 0.9990; a reviewer must decide'),
      reasonKind('identity probability 0.6120 is between 0.5000 and 0.9990; a reviewer must decide'),
    );
    assert.equal(
      reasonKind('identity probability 0.999871, but the date of birth contradicts; a reviewer must decide'),
      'the date of birth contradicts',
    );
    assert.equal(
      reasonKind('two candidates within 3.0 bits (1.2); a reviewer must decide'),
      'two candidates too close to tell',
    );
  });

  it("groups the reviewers' reasons without their names or notes", () => {
    assert.equal(
      reasonKind('reviewer rita proposes CONFIRMED; awaiting a second reviewer: same DOB'),
      reasonKind('reviewer rob proposes CONFIRMED; awaiting a second reviewer: twins?'),
    );
    assert.equal(
      reasonKind('reviewer rita sends it to a second reviewer: cannot tell'),
      'sent to a second reviewer',
    );
  });

  it('keeps an unknown reason readable, without its figures or note', () => {
    assert.equal(reasonKind('program requires review: no DOB or TIN 2'), 'program requires review');
    assert.equal(reasonKind('held for 3 days'), 'held for … days');
  });
});
