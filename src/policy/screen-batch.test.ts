import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import { REQUEST_COLUMNS, type RequestRecord } from '../intake/request-record.ts';
import { loadProgram, type Program } from '../programs/program.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';
import { goodRequest } from './request-fixture.ts';
import { screenBatch } from './screen-batch.ts';
import { startScreening } from './screening-run.ts';

const clock = fixedClock('2025-06-01T12:00:00Z');

function program(limits: Partial<Program['limits']> = {}): Program {
  const shipped = loadProgram();
  return { ...shipped, limits: { ...shipped.limits, ...limits } };
}

async function storeWith(records: RequestRecord[]): Promise<Store> {
  const store = await DuckDbStore.open(':memory:');
  await store.run(
    `INSERT INTO batches (batch_id, program_id, program_version, requesting_agency, requesting_official, record_count, records_sha256, manifest_json, stage, received_at, updated_at)
     VALUES ('B1', 'irs-ice-6103i2', '2025.1', 'DHS-ICE', 'Director', $1, 'x', '{}', 'received', now(), now())`,
    [records.length],
  );
  for (const [i, record] of records.entries())
    await store.run(
      `INSERT INTO requests (batch_id, row_number, ${REQUEST_COLUMNS.join(', ')}) VALUES ('B1', $1, ${REQUEST_COLUMNS.map((_, j) => `$${j + 2}`).join(', ')})`,
      [i + 1, ...REQUEST_COLUMNS.map((column) => record[column])],
    );
  return store;
}

const input = (p: Program) => ({
  batchId: 'B1',
  program: p,
  asOf: '2025-06-01',
  attestation: 'Attested.',
  actor: 'tester',
});

describe('screenBatch', () => {
  it('rejects failing requests citing their first failed rule, keeps the first of two duplicates, and audits', async () => {
    const store = await storeWith([
      goodRequest({ request_id: 'R1' }),
      goodRequest({ request_id: 'R2', address_line1: '78701' }),
      goodRequest({ request_id: 'R3', first_name: 'FNU', address_line1: 'Failed to Provide' }),
      goodRequest({ request_id: 'R4', address_line1: '123 MAIN STREET' }),
    ]);
    const summary = await screenBatch(store, clock, input(program()));
    assert.deepEqual(
      [summary.screened, summary.rejected, summary.failuresByRule, summary.refused, summary.held],
      [4, 3, { 'address.usable': 2, 'name.present': 1, 'request.duplicate': 1 }, null, []],
    );
    const decisions = await store.all<{ request_id: string; rule_id: string; reason: string }>(
      "SELECT request_id, rule_id, reason FROM decisions WHERE batch_id = 'B1' AND outcome = 'REJECTED' ORDER BY request_id",
    );
    assert.deepEqual(
      decisions.map((d) => [d.request_id, d.rule_id]),
      [
        ['R2', 'address.usable'],
        ['R3', 'name.present'],
        ['R4', 'request.duplicate'],
      ],
    );
    assert.match(decisions[2]?.reason ?? '', /same as row 1/);
    const [event] = await store.all<{ action: string; outcome: string; detail: string }>(
      "SELECT action, outcome, detail FROM audit_log WHERE batch_id = 'B1'",
    );
    assert.equal(event?.action, 'batch.screen');
    assert.equal(event?.outcome, 'success');
    assert.deepEqual(
      (JSON.parse(event?.detail ?? '{}') as { failuresByRule: unknown }).failuresByRule,
      summary.failuresByRule,
    );
    store.close();
  });

  it('holds the batch when one officer is named on more records than the program allows — § 6103(i)(2)(A)', async () => {
    const store = await storeWith(
      ['R1', 'R2', 'R3'].map((id, i) => goodRequest({ request_id: id, address_line1: `${i + 1} Main St` })),
    );
    const summary = await screenBatch(store, clock, input(program({ maxRecordsPerOfficer: 2 })));
    assert.equal(summary.rejected, 0);
    assert.equal(summary.held[0]?.ruleId, 'investigation.officer-caseload');
    assert.match(summary.held[0]?.reason ?? '', /Officer Example: 3 records/);
    const findings = await store.all<{ effect: string }>(
      "SELECT effect FROM batch_findings WHERE batch_id = 'B1'",
    );
    assert.deepEqual(findings, [{ effect: 'hold-batch' }]);
    store.close();
  });

  it('refuses the whole batch above the size limit: every request REJECTED citing it', async () => {
    const store = await storeWith(
      ['R1', 'R2', 'R3'].map((id, i) => goodRequest({ request_id: id, address_line1: `${i + 1} Oak Ave` })),
    );
    const summary = await screenBatch(store, clock, input(program({ maxBatchRecords: 2 })));
    assert.equal(summary.refused?.ruleId, 'batch.size-limit');
    const rules = await store.all<{ rule_id: string }>(
      "SELECT DISTINCT rule_id FROM decisions WHERE batch_id = 'B1'",
    );
    assert.deepEqual(rules, [{ rule_id: 'batch.size-limit' }]);
    const [event] = await store.all<{ outcome: string }>(
      "SELECT outcome FROM audit_log WHERE batch_id = 'B1'",
    );
    assert.equal(event?.outcome, 'refused');
    store.close();
  });
});

describe('batch rules in a screening run', () => {
  it('does not count a rejected request as the first of a duplicate pair', () => {
    const run = startScreening({ program: program(), asOf: '2025-06-01', attestation: '' });
    assert.equal(run.screen(goodRequest({ reason: '' }), 1)[0]?.ruleId, 'reason.specific');
    assert.deepEqual(run.screen(goodRequest(), 2), []);
    assert.equal(
      run.screen(goodRequest({ address_line1: '123 main st.' }), 3)[0]?.ruleId,
      'request.duplicate',
    );
  });
});
