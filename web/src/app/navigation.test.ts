import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DUTIES } from '../../../src/people/duties.ts';
import { dutiesOf, mayVisit, navFor } from './navigation.ts';
import { parseRoute, routeHref } from './router.ts';

describe('navigation', () => {
  it('shows a role only the pages of its duties', () => {
    const pages = (...roles: string[]) => navFor(dutiesOf(roles)).map((item) => item.label);
    assert.deepEqual(pages('reviewer'), ['Batches', 'Review']);
    assert.deepEqual(pages('intake-clerk'), ['Batches', 'Submit a batch']);
    assert.deepEqual(pages('disclosure-officer'), ['Batches', 'Ledger', 'Annual report']);
    assert.deepEqual(pages('auditor'), ['Batches', 'Ledger', 'Annual report', 'Audit']);
    assert.deepEqual(pages(), []);
  });

  it("mirrors the service's authorization table for every duty it shows", () => {
    for (const duty of dutiesOf(['intake-clerk', 'reviewer', 'disclosure-officer', 'auditor', 'admin'])) {
      const roles: readonly string[] =
        (DUTIES as Record<string, { roles: readonly string[] }>)[duty]?.roles ?? [];
      for (const role of [
        'intake-clerk',
        'reviewer',
        'disclosure-officer',
        'auditor',
        'admin',
        'agency-client',
      ])
        assert.equal(dutiesOf([role]).includes(duty), roles.includes(role), `${role} × ${duty}`);
    }
  });

  it('refuses a typed link to a page the account has no duty for', () => {
    assert.equal(mayVisit(parseRoute('#/review/B-1'), dutiesOf(['auditor'])), false);
    assert.equal(mayVisit(parseRoute('#/batches/B-1'), dutiesOf(['auditor'])), true);
  });

  it('round-trips every route through its link', () => {
    for (const hash of ['#/batches', '#/batches/B%2F1', '#/review', '#/review/B-1', '#/ledger', '#/audit'])
      assert.equal(routeHref(parseRoute(hash)), hash);
  });
});
