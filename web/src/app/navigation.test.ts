import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayVisit, navFor } from './navigation.ts';
import { parseRoute, routeHref } from './router.ts';

describe('navigation', () => {
  it('shows a role only the pages of its duties', () => {
    assert.deepEqual(
      navFor(['batch.read', 'review.read', 'review.decide']).map((item) => item.label),
      ['Batches', 'Review'],
    );
    assert.deepEqual(
      navFor(['ledger.read', 'audit.read']).map((item) => item.label),
      ['Ledger', 'Annual report', 'Audit'],
    );
    assert.deepEqual(navFor([]), []);
  });

  it('refuses a typed link to a page the account has no duty for', () => {
    assert.equal(mayVisit(parseRoute('#/review/B-1'), ['batch.read']), false);
    assert.equal(mayVisit(parseRoute('#/batches/B-1'), ['batch.read']), true);
  });

  it('round-trips every route through its link', () => {
    for (const hash of ['#/batches', '#/batches/B%2F1', '#/review', '#/review/B-1', '#/ledger', '#/audit'])
      assert.equal(routeHref(parseRoute(hash)), hash);
  });
});
