import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { SqlValue } from '../store/store.ts';
import { COMPARISONS, level, topLevel } from './comparison-levels.ts';
import { estimateMByEm } from './em.ts';
import { estimateTinAnchors } from './tin-anchors.ts';
import { Prng } from '../synth/prng.ts';

function draw(random: () => number, probabilities: readonly number[]): number {
  let x = random();
  for (const [i, p] of probabilities.entries()) {
    if (x < p) return i + 1;
    x -= p;
  }
  return probabilities.length;
}

/** Known m and u (levels 1, 2, … of three fields); the other fields are missing (level 0). */
const TRUTH = {
  dob: { m: [0.02, 0.03, 0.05, 0.05, 0.85], u: [0.9, 0.06, 0.02, 0.01, 0.01] },
  tin: { m: [0.03, 0.04, 0.03, 0.9], u: [0.97, 0.01, 0.01, 0.01] },
  city: { m: [0.05, 0.1, 0.85], u: [0.6, 0.1, 0.3] },
} as const;
type SimulatedField = keyof typeof TRUTH;
const SIMULATED = Object.keys(TRUTH) as SimulatedField[];

const REQUESTS = 3000;
const SHARE_WITH_MATCH = 0.8;
const NON_MATCHES_PER_REQUEST = 3;
/** Each simulated request is compared with its whole (small) world: the match, if any, and three others. */
const POPULATION = {
  requests: REQUESTS,
  taxpayers: 1 + NON_MATCHES_PER_REQUEST,
  households: { surname: 0, givenName: 0 },
};

describe('EM over comparison patterns', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
    await store.run(
      `CREATE TABLE linkage_compared (request_id VARCHAR, taxpayer_id VARCHAR, ${COMPARISONS.map((c) => `lv_${c.field} TINYINT`).join(', ')})`,
    );
    const random = seededRandomFrom(20260101);
    const rows: SqlValue[][] = [];
    const pair = (request: number, taxpayer: string, kind: 'm' | 'u') =>
      rows.push([
        `R${request}`,
        taxpayer,
        ...COMPARISONS.map((c) =>
          SIMULATED.includes(c.field as SimulatedField)
            ? draw(random, TRUTH[c.field as SimulatedField][kind])
            : 0,
        ),
      ]);
    for (let request = 0; request < REQUESTS; request++) {
      if (random() < SHARE_WITH_MATCH) pair(request, 'match', 'm');
      for (let k = 0; k < NON_MATCHES_PER_REQUEST; k++) pair(request, `other${k}`, 'u');
    }
    await store.append('linkage_compared', rows);
    // u is fixed during EM (it comes from random pairs): give the simulated fields their true u.
    await store.run(`CREATE TABLE linkage_u AS
      ${COMPARISONS.map((c) => `SELECT '${c.field}' AS field, range AS level, 1.0 / ${c.levels.length - 1} AS u FROM range(1, ${c.levels.length})`).join(' UNION ALL ')}`);
    for (const field of SIMULATED)
      for (const [i, u] of TRUTH[field].u.entries())
        await store.run('UPDATE linkage_u SET u = $1 WHERE field = $2 AND level = $3', [u, field, i + 1]);
  });
  after(() => store.close());

  it('recovers the m probabilities of a simulated mixture', async () => {
    await estimateTinAnchors(store);
    const estimate = await estimateMByEm(store, POPULATION);
    assert.ok(estimate.converged, `EM did not converge in ${estimate.iterations} iterations`);
    for (const field of SIMULATED)
      TRUTH[field].m.forEach((m, i) => {
        const learned = estimate.m[field]?.[String(i + 1)] ?? NaN;
        assert.ok(
          Math.abs(learned - m) < 0.03,
          `${field} level ${i + 1}: learned ${learned.toFixed(3)}, true ${m}`,
        );
      });
  });

  it('counts about as many matches as were simulated, never more than one per request', async () => {
    await estimateTinAnchors(store);
    const estimate = await estimateMByEm(store, POPULATION);
    const simulated = REQUESTS * SHARE_WITH_MATCH;
    assert.ok(
      Math.abs(estimate.expectedMatches - simulated) / simulated < 0.05,
      `${estimate.expectedMatches}`,
    );
    assert.ok(estimate.expectedMatches <= REQUESTS);
  });
});

/**
 * A world where some requests are about someone who never filed and lives with a filer: their
 * pair with that filer agrees on the home and shows the DOB as co-residents do (u_home), not as the
 * person does (m) nor as strangers do (u).
 */
const DOB = {
  m: [0.01, 0.01, 0.01, 0.03, 0.03, 0.01, 0.9],
  u: [0.7, 0.26, 0.02, 0.005, 0.005, 0.005, 0.005],
  uHome: [0.55, 0.4, 0.02, 0.005, 0.005, 0.005, 0.015],
} as const;
const SHARES = { match: 0.6, coResident: 0.2 } as const;

describe('EM with the co-resident alternative', () => {
  let store: DuckDbStore;
  const home = topLevel('address');
  before(async () => {
    store = await DuckDbStore.open(':memory:');
    await store.run(
      `CREATE TABLE linkage_compared (request_id VARCHAR, taxpayer_id VARCHAR, ${COMPARISONS.map((c) => `lv_${c.field} TINYINT`).join(', ')})`,
    );
    const random = seededRandomFrom(20260102);
    const rows: SqlValue[][] = [];
    const pair = (request: number, taxpayer: string, dob: number, address: number) =>
      rows.push([
        `R${request}`,
        taxpayer,
        ...COMPARISONS.map((c) => (c.field === 'dob' ? dob : c.field === 'address' ? address : 0)),
      ]);
    const different = level('address', 'different');
    for (let request = 0; request < REQUESTS; request++) {
      const x = random();
      if (x < SHARES.match) pair(request, 'match', draw(random, DOB.m), home);
      else if (x < SHARES.match + SHARES.coResident) pair(request, 'filer', draw(random, DOB.uHome), home);
      for (let k = 0; k < NON_MATCHES_PER_REQUEST; k++)
        pair(request, `other${k}`, draw(random, DOB.u), different);
    }
    await store.append('linkage_compared', rows);
    await store.run(`CREATE TABLE linkage_u AS
      ${COMPARISONS.map((c) => `SELECT '${c.field}' AS field, range AS level, 1.0 / ${c.levels.length - 1} AS u FROM range(1, ${c.levels.length})`).join(' UNION ALL ')}`);
    for (const [i, u] of DOB.u.entries())
      await store.run(`UPDATE linkage_u SET u = $1 WHERE field = 'dob' AND level = $2`, [u, i + 1]);
    // Strangers' homes almost never agree with the request's; the person's and co-residents' do.
    await store.run(
      `UPDATE linkage_u SET u = CASE WHEN level = ${different} THEN 0.99 ELSE 0.01 / ${home - 1} END WHERE field = 'address'`,
    );
    await estimateTinAnchors(store);
  });
  after(() => store.close());

  const evidence = {
    uHome: { dob: Object.fromEntries(DOB.uHome.map((u, i) => [String(i + 1), u])) },
    uHomeGivenNameAndDob: {},
  };

  it('estimates the share of requests about co-residents, and counts none of them as matches', async () => {
    const estimate = await estimateMByEm(store, POPULATION, evidence);
    // (One field tells the person from a co-resident here, so EM creeps: its estimates, not convergence.)
    assert.ok(Math.abs(estimate.personFound - SHARES.match) < 0.04, `π ${estimate.personFound}`);
    assert.ok(Math.abs(estimate.coResidentShare - SHARES.coResident) < 0.05, `κ ${estimate.coResidentShare}`);
    assert.ok(estimate.personFound + estimate.coResidentShare <= 1);
  });

  it('without it, counts co-residents as persons found', async () => {
    const without = await estimateMByEm(store, POPULATION);
    const withCoResidents = await estimateMByEm(store, POPULATION, evidence);
    assert.equal(without.coResidentShare, 0);
    assert.ok(without.personFound > withCoResidents.personFound + 0.05, `${without.personFound}`);
  });
});

/** The synthetic generator's seeded PRNG, as a function: same seed, same draws. */
function seededRandomFrom(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}
