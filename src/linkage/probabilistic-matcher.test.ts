import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import { loadProgram } from '../programs/program.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { blockingReport } from './blocking-passes.ts';
import { level, levelAt } from './comparison-levels.ts';
import { explainDecision } from './explain-decision.ts';
import { backgroundPopulation, storeRows, type Row } from './golden/background-population.ts';
import { matchBatch } from './match-batch.ts';
import { probabilisticMatcher } from './probabilistic-matcher.ts';

interface GoldenRequest extends Row {
  expected?: string;
}
interface GoldenCase {
  name: string;
  reference: Row[];
  requests: GoldenRequest[];
}

const golden = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'golden', 'linkage-cases.json'), 'utf8'),
) as { cases: GoldenCase[] };

const BATCH = 'golden';
const clock = fixedClock('2026-01-02T03:04:05Z');

describe('probabilistic matcher on the golden cases', () => {
  let store: DuckDbStore;
  let decisions: Map<
    string,
    { outcome: string; taxpayer_id: string | null; match_probability: number | null }
  >;

  before(async () => {
    store = await DuckDbStore.open(':memory:');
    const background = backgroundPopulation(600, 42);
    await storeRows(
      store,
      BATCH,
      [...background.reference, ...golden.cases.flatMap((c) => c.reference)],
      [...background.requests, ...golden.cases.flatMap((c) => c.requests)],
    );
    await matchBatch(store, clock, {
      batchId: BATCH,
      program: loadProgram(),
      matcher: probabilisticMatcher,
      actor: 'test',
    });
    const rows = await store.all<{
      request_id: string;
      outcome: string;
      taxpayer_id: string | null;
      match_probability: number | null;
    }>('SELECT request_id, outcome, taxpayer_id, match_probability FROM decisions WHERE batch_id = $1', [
      BATCH,
    ]);
    decisions = new Map(rows.map((row) => [row.request_id, row]));
  });
  after(() => store.close());

  for (const goldenCase of golden.cases)
    it(goldenCase.name, () => {
      for (const request of goldenCase.requests) {
        const decision = decisions.get(request.request_id ?? '');
        assert.ok(decision, `no decision for ${request.request_id}`);
        assert.deepEqual(
          { outcome: decision.outcome, taxpayer_id: decision.taxpayer_id },
          { outcome: request.expected, taxpayer_id: request['taxpayer_id'] ?? null },
          `${request.request_id} (p = ${decision.match_probability})`,
        );
      }
    });

  it('decides every request once', async () => {
    const [row] = await store.all<{ n: bigint; requests: bigint }>(
      'SELECT (SELECT count(*) FROM decisions WHERE batch_id = $1) AS n, (SELECT count(*) FROM requests WHERE batch_id = $1) AS requests',
      [BATCH],
    );
    assert.equal(row?.n, row?.requests);
  });

  it('confirms nearly every background request that copies a taxpayer', () => {
    const copies = [...decisions.entries()].filter(([id]) => /^bg-\d+$/.test(id));
    const confirmed = copies.filter(
      ([id, d]) => d.outcome === 'CONFIRMED' && d.taxpayer_id === `BG${id.slice(3)}`,
    );
    assert.ok(confirmed.length / copies.length > 0.9, `${confirmed.length} of ${copies.length}`);
    const wrong = copies.filter(([id, d]) => d.taxpayer_id !== null && d.taxpayer_id !== `BG${id.slice(3)}`);
    assert.deepEqual(wrong, []);
  });

  it('reports the candidate pairs per blocking pass, and keeps only those decisions use', async () => {
    const report = await blockingReport(store, BATCH);
    assert.ok(report.candidatePairs > 0);
    assert.ok(report.passes.some((pass) => pass.name === 'dob' && pass.pairs > 0));
    assert.ok(report.passes.every((pass) => pass.pairs <= report.candidatePairs));
    const [kept] = await store.all<{ n: bigint; tail: bigint }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE candidate_rank > 5 AND match_probability < 0.05) AS tail
       FROM match_candidates WHERE batch_id = $1`,
      [BATCH],
    );
    assert.ok(
      Number(kept?.n) > 0 && Number(kept?.n) < report.candidatePairs,
      `${kept?.n} of ${report.candidatePairs}`,
    );
    assert.equal(Number(kept?.tail), 0, 'no candidate past the fifth that could not be the person');
  });

  it('explains a decision field by field, adding up to its weight', async () => {
    const explanation = await explainDecision(store, BATCH, 'son-with-dob');
    assert.equal(explanation.kind, 'matched');
    if (explanation.kind !== 'matched') return;
    const sum = explanation.fields.reduce((total, f) => total + f.bits, 0);
    assert.ok(Math.abs(sum - (explanation.matchWeight ?? NaN)) < 1e-6);
    assert.ok(
      explanation.candidates.some((c) => c.taxpayerId === 'G-SR'),
      'the father was considered',
    );
    const suffix = explanation.fields.find((f) => f.field === 'dob');
    assert.equal(suffix?.label, 'exact');
  });

  it('explains a year slipped a century back by its own DOB level, not as a contradiction', async () => {
    const explanation = await explainDecision(store, BATCH, 'century-slip');
    assert.equal(explanation.kind, 'matched');
    if (explanation.kind !== 'matched') return;
    const dob = explanation.fields.find((f) => f.field === 'dob');
    assert.equal(dob?.label, levelAt('dob', level('dob', 'year slipped, one side 100 or older'))?.label);
    assert.deepEqual([dob?.requestValue, dob?.referenceValue], ['1910-05-26', '1990-05-26']);
    assert.ok((dob?.bits ?? 0) > 0, `${dob?.bits} bits`);
  });

  it('gives the same decisions when run again', async () => {
    const before = await store.all(
      'SELECT request_id, outcome, taxpayer_id, match_probability FROM decisions WHERE batch_id = $1 ORDER BY request_id',
      [BATCH],
    );
    await matchBatch(store, clock, {
      batchId: BATCH,
      program: loadProgram(),
      matcher: probabilisticMatcher,
      actor: 'test',
    });
    const again = await store.all(
      'SELECT request_id, outcome, taxpayer_id, match_probability FROM decisions WHERE batch_id = $1 ORDER BY request_id',
      [BATCH],
    );
    assert.deepEqual(again, before);
  });
});

describe('probabilistic matcher without a reference', () => {
  it('answers NO_RECORD to every request', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      await storeRows(
        store,
        'empty',
        [],
        [{ request_id: 'q1', first_name: 'Ana', last_name: 'Quill', dob: '1980-01-01' }],
      );
      const counts = await matchBatch(store, clock, {
        batchId: 'empty',
        program: loadProgram(),
        matcher: probabilisticMatcher,
        actor: 'test',
      });
      assert.deepEqual(counts, { NO_RECORD: 1 });
    } finally {
      store.close();
    }
  });
});
