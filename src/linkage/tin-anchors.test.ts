import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { SqlValue } from '../store/store.ts';
import { COMPARISONS, level, topLevel } from './comparison-levels.ts';
import { estimateMByEm } from './em.ts';
import { estimateTinAnchors, MIN_TIN_ANCHORS } from './tin-anchors.ts';

const REQUESTS = 4000;
const POPULATION = { requests: REQUESTS, taxpayers: 3, households: { surname: 0, givenName: 0 } };

/**
 * A world where every request's person has a namesake relative in the reference (a father and
 * son): the relative agrees on names and address and disagrees on the date of birth, which a true
 * match never does. Two in five requests carry the right TIN.
 */
async function namesakeWorld(store: DuckDbStore, withTin: boolean): Promise<void> {
  await store.run('DROP TABLE IF EXISTS linkage_compared');
  await store.run(
    `CREATE TABLE linkage_compared (request_id VARCHAR, taxpayer_id VARCHAR, ${COMPARISONS.map((c) => `lv_${c.field} TINYINT`).join(', ')})`,
  );
  const rows: SqlValue[][] = [];
  const pair = (request: number, taxpayer: string, levels: Record<string, number>) =>
    rows.push([`R${request}`, taxpayer, ...COMPARISONS.map((c) => levels[c.field] ?? 0)]);
  for (let request = 0; request < REQUESTS; request++) {
    const names = {
      first_name: topLevel('first_name'),
      last_name: topLevel('last_name'),
      address: topLevel('address'),
    };
    const tin = withTin && request % 5 < 2 ? level('tin', 'exact') : level('tin', 'missing');
    pair(request, 'person', { ...names, dob: level('dob', 'exact'), tin });
    pair(request, 'namesake', { ...names, dob: level('dob', 'different') });
    const differs = level('dob', 'different');
    pair(request, 'stranger', { first_name: differs, last_name: differs, address: differs, dob: differs });
  }
  await store.append('linkage_compared', rows);
  await store.run('DROP TABLE IF EXISTS linkage_u');
  await store.run(`CREATE TABLE linkage_u AS
    ${COMPARISONS.map((c) => `SELECT '${c.field}' AS field, range AS level, CASE WHEN range = ${level(c.field, 'different')} THEN 0.97 ELSE 0.03 / ${Math.max(c.levels.length - 2, 1)} END AS u FROM range(1, ${c.levels.length})`).join(' UNION ALL ')}`);
}

describe('m from TIN anchors', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  it('learns from TIN-anchored pairs that a true match does not disagree on the date of birth', async () => {
    await namesakeWorld(store, true);
    const estimate = { ...(await estimateTinAnchors(store)), ...(await estimateMByEm(store, POPULATION)) };
    assert.ok(estimate.tinAnchors >= MIN_TIN_ANCHORS, `${estimate.tinAnchors} anchors`);
    assert.ok(estimate.anchoredFields.includes('dob'));
    const mDobDisagree = estimate.m['dob']?.[String(level('dob', 'different'))] ?? 1;
    assert.ok(mDobDisagree < 0.001, `m(dob disagrees) = ${mDobDisagree}`);
  });

  it('without TINs falls back to EM alone, which still tells them apart: the namesake competes with the person for one request', async () => {
    await namesakeWorld(store, false);
    const estimate = { ...(await estimateTinAnchors(store)), ...(await estimateMByEm(store, POPULATION)) };
    assert.equal(estimate.tinAnchors, 0);
    assert.deepEqual(estimate.anchoredFields, []);
    const mDobDisagree = estimate.m['dob']?.[String(level('dob', 'different'))] ?? 1;
    assert.ok(mDobDisagree < 0.01, `m(dob disagrees) = ${mDobDisagree}`);
    assert.ok(
      estimate.expectedMatches <= REQUESTS,
      `${estimate.expectedMatches} matches for ${REQUESTS} requests`,
    );
  });
});
