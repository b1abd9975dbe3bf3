import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadProgram } from '../programs/program.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { COMPARISONS, level, topLevel } from './comparison-levels.ts';
import { decideRequests } from './decide-requests.ts';

const program = loadProgram();

/** One request with one strong candidate at the requested address, with the given DOB level (named). */
async function decideWithDob(
  store: DuckDbStore,
  requestId: string,
  dobLevel: string,
  mode: 'program' | 'linkage',
) {
  await store.run('INSERT INTO requests (batch_id, row_number, request_id) VALUES ($1, $2, $3)', [
    'B',
    Number(requestId.slice(1)),
    requestId,
  ]);
  const levels = COMPARISONS.map((c) =>
    c.field === 'dob'
      ? level('dob', dobLevel)
      : c.field === 'tin' || c.field === 'suffix'
        ? level(c.field, 'missing')
        : topLevel(c.field),
  );
  await store.run(
    `INSERT INTO match_candidates (batch_id, request_id, taxpayer_id, passes, ${COMPARISONS.map((c) => `lv_${c.field}`).join(', ')},
       ${COMPARISONS.map((c) => `w_${c.field}`).join(', ')}, match_weight, match_probability, candidate_rank, aor_level, aor_tax_year)
     VALUES ('B', $1, 'T1', ['test'], ${levels.join(', ')}, ${COMPARISONS.map(() => '1.0').join(', ')}, 40.0, 0.99999, 1, ${topLevel('address')}, 2024)`,
    [requestId],
  );
  await decideRequests(store, {
    batchId: 'B',
    decidedAt: '2026-01-01T00:00:00Z',
    program,
    runId: 'r',
    priorBits: -15,
    mode,
  });
  const [row] = await store.all<{ outcome: string; reason: string }>(
    'SELECT outcome, reason FROM decisions WHERE request_id = $1',
    [requestId],
  );
  return row;
}

describe('decideRequests', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  it('confirms a confident identity whose address of record agrees', async () => {
    assert.equal((await decideWithDob(store, 'R1', 'exact', 'program'))?.outcome, 'CONFIRMED');
  });

  it('never confirms automatically when the date of birth flatly contradicts, however high the score', async () => {
    const decision = await decideWithDob(store, 'R2', 'different', 'program');
    assert.equal(decision?.outcome, 'AMBIGUOUS');
    assert.match(decision?.reason ?? '', /date of birth contradicts/);
  });

  it('in linkage mode (identity only, nothing disclosed) leaves the decision to the score', async () => {
    assert.equal((await decideWithDob(store, 'R3', 'different', 'linkage'))?.outcome, 'CONFIRMED');
  });
});
