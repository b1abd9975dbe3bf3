import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Prng } from '../prng.ts';
import { standardizeAddress } from '../../address/us-address.ts';
import { DIRECTIONALS } from '../places/streets.ts';
import { directionalSlips, oneEditTypo } from './request-variations.ts';

function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (up[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
    }
  return (d[x.length] as number[])[y.length] ?? 0;
}

describe('oneEditTypo', () => {
  it('changes a name by at most one edit and keeps its first letter', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][a-zñáéíóú]{3,11}$/), fc.integer(), (name, seed) => {
        const typo = oneEditTypo(new Prng(seed), name);
        return editDistance(name, typo) <= 1 && typo[0] === name[0];
      }),
    );
  });

  it('leaves a one-letter name alone', () => {
    assert.equal(oneEditTypo(new Prng(1), 'A'), 'A');
  });
});

describe('directionalSlips', () => {
  it('writes only slips the desk reads back as the directional meant, before the name and after the type', () => {
    for (const directional of DIRECTIONALS)
      for (const slip of directionalSlips(directional)) {
        const read = (line: string) =>
          standardizeAddress({
            address_line1: line,
            address_line2: '',
            city: 'Austin',
            state: 'TX',
            zip: '78701',
          });
        assert.equal(read(`12 ${slip} Market Cir`).predir, directional.abbr.toUpperCase(), slip);
        assert.equal(read(`12 Market Cir ${slip}`).postdir, directional.abbr.toUpperCase(), slip);
      }
  });

  it('never writes a slip one letter from another directional (SOUTHEST: SOUTHEAST or SOUTHWEST)', () => {
    const southwest = DIRECTIONALS.find((d) => d.abbr === 'SW');
    assert.ok(southwest && !directionalSlips(southwest).some((slip) => slip.toUpperCase() === 'SOUTHEST'));
  });
});
