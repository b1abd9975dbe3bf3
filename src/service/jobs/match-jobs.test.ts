import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendAuditEvent } from '../../audit/audit-log.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { fixedClock } from '../../clock.ts';
import type { Matcher } from '../../linkage/matcher.ts';
import { osActor } from '../../people/actor.ts';
import { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import { MatchJobRepository } from '../../store/repositories/match-job-repository.ts';
import { storeAdapters } from '../../store/store-adapters.ts';
import { DeskAccess } from '../desk-access.ts';
import { MATCHERS, MatchJobs } from './match-jobs.ts';

const clock = fixedClock('2026-03-02T12:00:00Z');

/** A matcher that decides every request NO_RECORD, but only when the test lets it finish. */
function heldMatcher(): { matcher: Matcher; release: () => void; started: Promise<void> } {
  let release!: () => void;
  let markStarted!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  return {
    release,
    started,
    matcher: {
      name: 'held',
      async decide(store, input) {
        markStarted();
        await gate;
        await store.run(
          `INSERT INTO decisions (batch_id, request_id, outcome, reason, decided_by, decided_at)
           SELECT batch_id, request_id, 'NO_RECORD', 'test', 'matcher:held', $2::TIMESTAMP FROM requests
           WHERE batch_id = $1 AND request_id NOT IN (SELECT request_id FROM decisions WHERE batch_id = $1)`,
          [input.batchId, input.decidedAt],
        );
      },
    },
  };
}

async function screenedBatch(access: DeskAccess, batchId: string): Promise<void> {
  await access.exclusive(async (store) => {
    await store.run(
      `INSERT INTO batches (batch_id, program_id, program_version, requesting_agency, requesting_official, record_count,
                            records_sha256, manifest_json, stage, received_at, updated_at)
       VALUES ($1, 'irs-ice-6103i2', '2025.3', 'DHS-ICE', 'Director', 2, '', '{}', 'screened', '2026-03-01', '2026-03-01')`,
      [batchId],
    );
    await store.run(
      "INSERT INTO requests (batch_id, row_number, request_id) VALUES ($1, 1, 'R1'), ($1, 2, 'R2')",
      [batchId],
    );
    await appendAuditEvent(store, clock, {
      actor: 'test',
      action: 'batch.screen',
      batchId,
      outcome: 'success',
      covers: [
        { table: 'requests', batchId },
        { table: 'decisions', batchId },
      ],
    });
  });
}

describe('matching as a background job', () => {
  it('lets everyone else write to the desk while a batch matches, then adopts its decisions in one audited step', async () => {
    const store = await DuckDbStore.open(':memory:');
    const access = new DeskAccess(store);
    const held = heldMatcher();
    const jobs = new MatchJobs(access, store, clock, { ...MATCHERS, desk: held.matcher });
    await screenedBatch(access, 'B1');
    const job = await jobs.start('B1', 'desk', osActor('clerk'));
    await held.started;
    assert.equal(jobs.get(job.jobId)?.state, 'running');
    // While the matcher holds its work: other people's audited writes go through at once.
    for (let i = 0; i < 3; i++)
      await access.exclusive((s) =>
        appendAuditEvent(s, clock, { actor: 'session:rita', action: 'review.list', outcome: 'success' }),
      );
    await assert.rejects(jobs.start('B1', 'desk', osActor('clerk')), /already being matched/);
    held.release();
    await jobs.idle();
    const done = jobs.get(job.jobId);
    assert.equal(done?.state, 'succeeded', JSON.stringify(done?.error));
    assert.deepEqual(done?.outcomes, { NO_RECORD: 2 });
    const [batch] = await store.all<{ stage: string }>("SELECT stage FROM batches WHERE batch_id = 'B1'");
    assert.equal(batch?.stage, 'matched');
    const actions = await store.all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq');
    assert.deepEqual(
      actions.map((a) => a.action),
      ['batch.screen', 'review.list', 'review.list', 'review.list', 'batch.match'],
    );
    assert.equal((await verifyAuditLog(store)).kind, 'intact');
    const attached = await store.all(
      "SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'work_%'",
    );
    assert.deepEqual(attached, [], 'the work database is dropped');
    store.close();
  });

  it('writes nothing to the desk when the matcher fails, and audits the failure', async () => {
    const store = await DuckDbStore.open(':memory:');
    const access = new DeskAccess(store);
    const failing: Matcher = {
      name: 'failing',
      decide: () => Promise.reject(new Error('out of memory')),
    };
    const jobs = new MatchJobs(access, store, clock, { ...MATCHERS, desk: failing });
    await screenedBatch(access, 'B2');
    const job = await jobs.start('B2', 'desk', osActor('clerk'));
    await jobs.idle();
    assert.equal(jobs.get(job.jobId)?.state, 'failed');
    const [batch] = await store.all<{ stage: string }>("SELECT stage FROM batches WHERE batch_id = 'B2'");
    assert.equal(batch?.stage, 'screened');
    const [event] = await store.all<{ outcome: string }>(
      "SELECT outcome FROM audit_log WHERE action = 'batch.match'",
    );
    assert.equal(event?.outcome, 'failure');
    store.close();
  });

  it('keeps a job after the process that ran it, and reports one a stopped process left running as failed', async () => {
    const store = await DuckDbStore.open(':memory:');
    const access = new DeskAccess(store);
    const held = heldMatcher();
    const jobs = new MatchJobs(access, store, clock, { ...MATCHERS, desk: held.matcher });
    await screenedBatch(access, 'B3');
    await screenedBatch(access, 'B4');
    const done = await jobs.start('B3', 'desk', osActor('clerk'));
    held.release();
    await jobs.idle();
    // A new process over the same desk: it never ran the job, and still reports it.
    const next = new MatchJobs(access, store, clock);
    const reported = await next.latest(store, 'B3');
    assert.equal(reported?.jobId, done.jobId);
    assert.equal(reported?.state, 'succeeded');
    assert.deepEqual(reported?.outcomes, { NO_RECORD: 2 });
    // A process that stopped mid-job left it running; the next start says what became of it.
    await new MatchJobRepository(store).insert({
      jobId: 'J-crashed',
      batchId: 'B4',
      matcher: 'desk',
      requestedBy: 'session:clerk',
      state: 'running',
      queuedAt: '2026-03-02T11:00:00.000Z',
      startedAt: '2026-03-02T11:00:01.000Z',
      finishedAt: null,
      steps: [{ step: 'blocking', seconds: 2 }],
      outcomes: null,
      confirmations: null,
      expectedWrongConfirmations: null,
      error: null,
    });
    const recovered = await next.recover();
    assert.deepEqual(
      recovered.map((j) => j.jobId),
      ['J-crashed'],
    );
    const failed = await next.latest(store, 'B4');
    assert.equal(failed?.state, 'failed');
    assert.equal(failed?.error?.code, 'INTERRUPTED');
    const [event] = await store.all<{ outcome: string; detail: string }>(
      "SELECT outcome, detail FROM audit_log WHERE action = 'batch.match' AND batch_id = 'B4'",
    );
    assert.equal(event?.outcome, 'failure');
    assert.match(event?.detail ?? '', /INTERRUPTED/);
    const [batch] = await store.all<{ stage: string }>("SELECT stage FROM batches WHERE batch_id = 'B4'");
    assert.equal(batch?.stage, 'screened', 'the batch can be matched again');
    assert.deepEqual(await next.recover(), [], 'recovered once');
    store.close();
  });
});

for (const adapter of storeAdapters('match jobs'))
  describe(`matching as a background job with the record on ${adapter.name} and the engine apart`, () => {
    it('copies the batch into the engine, matches there, and writes the decisions back to the record', async () => {
      const { store: record, dispose } = await adapter.open();
      const engine = await DuckDbStore.open(':memory:');
      try {
        const access = new DeskAccess(record);
        const held = heldMatcher();
        const jobs = new MatchJobs(access, engine, clock, { ...MATCHERS, desk: held.matcher });
        await screenedBatch(access, 'B5');
        const job = await jobs.start('B5', 'desk', osActor('clerk'));
        await held.started;
        await access.exclusive((s) =>
          appendAuditEvent(s, clock, { actor: 'session:rita', action: 'review.list', outcome: 'success' }),
        );
        held.release();
        await jobs.idle();
        const done = await jobs.latest(record, 'B5');
        assert.equal(done?.state, 'succeeded', JSON.stringify(done?.error));
        assert.deepEqual(done?.outcomes, { NO_RECORD: 2 });
        assert.equal(done?.jobId, job.jobId);
        const [batch] = await record.all<{ stage: string }>(
          "SELECT stage FROM batches WHERE batch_id = 'B5'",
        );
        assert.equal(batch?.stage, 'matched');
        const [engineRows] = await engine.all<{ n: bigint }>('SELECT count(*) AS n FROM decisions');
        assert.equal(Number(engineRows?.n), 0, 'the engine keeps no decision of a batch kept elsewhere');
        assert.equal((await verifyAuditLog(record)).kind, 'intact');
      } finally {
        engine.close();
        await dispose();
      }
    });
  });
