import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TinIssuer, isItinFormat, isNeverIssuedSsn, itinStyleTin, ssnStyleTin } from './tin.ts';

describe('synthetic TINs', () => {
  it('makes SSN-style numbers that the SSA never issues and that are not ITINs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 99 * 9999 + 898 * 9999 - 1 }), (slot) => {
        const tin = ssnStyleTin(slot);
        return /^\d{9}$/.test(tin) && isNeverIssuedSsn(tin) && !tin.startsWith('9');
      }),
    );
  });

  it('makes ITIN-style numbers: 9xx, digits 4–5 in 50–65, 70–88, 90–92 or 94–99', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 44 * 9999 - 1 }), (slot) => {
        const tin = itinStyleTin(slot);
        const group = Number(tin.slice(3, 5));
        const allowed =
          (group >= 50 && group <= 65) ||
          (group >= 70 && group <= 88) ||
          (group >= 90 && group <= 92) ||
          group >= 94;
        return tin.startsWith('9') && allowed && isItinFormat(tin);
      }),
    );
  });

  it('never hands out the same number twice, across lanes', () => {
    const seen = new Set<string>();
    for (const lane of [0, 1]) {
      const issuer = new TinIssuer(5, lane);
      for (let i = 0; i < 30_000; i++) {
        for (const tin of [issuer.issue('SSN'), issuer.issue('ITIN')]) {
          assert.ok(!seen.has(tin), `duplicate ${tin}`);
          seen.add(tin);
        }
      }
    }
  });

  it('recognizes a real-looking SSN as issuable', () => {
    assert.equal(isNeverIssuedSsn('123456789'), false);
    assert.equal(isNeverIssuedSsn('666121234'), true);
    assert.equal(isItinFormat('912345678'), false);
  });
});
