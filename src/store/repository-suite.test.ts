import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appendAuditEvent } from '../audit/audit-log.ts';
import { checkCoverage } from '../audit/row-coverage.ts';
import { verifyAuditLog } from '../audit/verify-audit-log.ts';
import { fixedClock } from '../clock.ts';
import type { DeskError } from '../errors.ts';
import type { Manifest } from '../intake/manifest.ts';
import { submitBatch } from '../intake/submit-batch.ts';
import { deskMatcher } from '../linkage/desk-matcher.ts';
import { matchBatch } from '../linkage/match-batch.ts';
import { advanceStage } from '../pipeline/batch-stage.ts';
import { matchFromRecord } from '../pipeline/match-from-record.ts';
import { screenVerifiedBatch } from '../pipeline/stage-runs.ts';
import { loadReference } from '../reference/load-reference.ts';
import { loadProgram } from '../programs/program.ts';
import { generateTestPki } from '../intake/signature/test-pki.ts';
import { annualReport } from '../ledger/annual-report.ts';
import { taxpayerAccounting } from '../ledger/taxpayer-accounting.ts';
import { staffDemoDesk } from '../people/demo-staff.ts';
import { approveBatch } from '../release/approve-batch.ts';
import { releaseBatch } from '../release/release-batch.ts';
import { deskSignerFromPems } from '../release/response-signature.ts';
import { runRetention } from '../retention/purge-request-data.ts';
import { decideReviews } from '../review/review-decision.ts';
import { reviewQueue } from '../review/review-queue.ts';
import { reviewView } from '../review/review-view.ts';
import { DuckDbStore } from './duckdb/duckdb-store.ts';
import { BatchRepository } from './repositories/batch-repository.ts';
import { DecisionRepository, type DecisionRow } from './repositories/decision-repository.ts';
import { LedgerRepository } from './repositories/ledger-repository.ts';
import { MatchJobRepository, type MatchJobRecord } from './repositories/match-job-repository.ts';
import { storeAdapters } from './store-adapters.ts';
import type { Store } from './store.ts';

/**
 * The batches, decisions, ledger and match-job table groups, through their repositories and the
 * stage functions that use them, against every adapter (store-adapters.ts): what the desk keeps as
 * its system of record must behave the same in the embedded file and on a PostgreSQL server.
 */
const ADAPTERS = storeAdapters('repository suite');

const clock = fixedClock('2026-03-02T12:00:00Z');
const program = loadProgram();
const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-repositories-'));
const HEADER = 'request_id,first_name,last_name,address_line1,city,state,zip,tin';
const BODY = [
  HEADER,
  'R1,Ana,Ruiz,12 Oak St,Austin,TX,78701,900-70-0001',
  'R2,José,García López,5 Elm St,Austin,TX,78702,',
  'R3,Li,Wei,7 Pine Rd,Dallas,TX,75201,900700003',
  'R4,Ann,O’Neil,1 Main St,Austin,TX,78701,',
  'R5,Sam,Smith,2 Main St,Austin,TX,78701,',
].join('\n');

function submission(batchId: string, body: string, agency = 'DHS-ICE') {
  const recordsFile = path.join(dir, `${batchId}-${randomUUID()}.csv`);
  writeFileSync(recordsFile, body);
  const manifest: Manifest = {
    program: program.id,
    batch_id: batchId,
    requesting_agency: agency,
    requesting_official: 'Director ICE (SYNTHETIC TEST)',
    statutory_authority: '8 U.S.C. § 1253(a)(1)',
    attestation: 'each person named is subject to a final order of removal',
    record_count: body.trim().split('\n').length - 1,
    records_sha256: createHash('sha256').update(body).digest('hex'),
    date: '2026-02-28',
  };
  return {
    manifest,
    manifestJson: JSON.stringify(manifest),
    recordsFile,
    program,
    actor: 'os:clerk',
    verifyDigest: true,
    strictColumns: true,
  };
}

function decision(requestId: string, outcome: string, extra: Partial<DecisionRow> = {}): DecisionRow {
  return {
    batch_id: 'B-1',
    request_id: requestId,
    outcome,
    rule_id: outcome === 'REJECTED' ? 'address-present' : null,
    reason: `${outcome} because`,
    taxpayer_id: outcome === 'CONFIRMED' ? 'T-1' : null,
    match_probability: outcome === 'CONFIRMED' ? 0.999 : null,
    explanation: null,
    decided_by: 'matcher:probabilistic',
    decided_at: '2026-03-02 12:00:00',
    ...extra,
  };
}

function job(jobId: string, state: MatchJobRecord['state'], queuedAt: string): MatchJobRecord {
  return {
    jobId,
    batchId: 'B-1',
    matcher: 'desk',
    requestedBy: 'session:clerk',
    state,
    queuedAt,
    startedAt: null,
    finishedAt: null,
    steps: [],
    outcomes: null,
    confirmations: null,
    expectedWrongConfirmations: null,
    error: null,
  };
}

for (const adapter of ADAPTERS)
  describe(`batches, decisions, ledger and match jobs on ${adapter.name}`, () => {
    let store: Store;
    let owner: Store | undefined;
    let dispose: () => Promise<void>;
    before(async () => {
      ({ store, owner, dispose } = await adapter.open());
    });
    after(() => dispose());

    it('receives a batch through intake: the batch row, every request in order, and its audit event', async () => {
      const receipt = await submitBatch(store, clock, submission('B-1', BODY));
      assert.deepEqual(receipt, { batchId: 'B-1', records: 5, sha256: receipt.sha256 });
      const batches = new BatchRepository(store);
      const batch = await batches.get('B-1');
      assert.equal(batch.stage, 'received');
      assert.equal(batch.record_count, 5);
      assert.equal(batch.received_at, '2026-03-02 12:00:00');
      assert.equal(batch.requesting_agency, 'DHS-ICE');
      assert.equal(await batches.requestCount('B-1'), 5);
      // Paged in row order with every column, as the matching engine copies them.
      const rows: unknown[][] = [];
      for await (const row of batches.requestRows('B-1', 2)) rows.push(row);
      assert.deepEqual(
        rows.map((row) => [row[0], Number(row[1]), row[2]]),
        [1, 2, 3, 4, 5].map((n) => ['B-1', n, `R${n}`]),
      );
      assert.ok(rows.every((row) => row.length === rows[0]?.length && row.length > 40));
      assert.equal(rows[1]?.[5], 'García López', 'text arrives as written');
      assert.deepEqual(await batches.receivedWith(receipt.sha256), {
        batchId: 'B-1',
        receivedAt: '2026-03-02 12:00:00',
      });
      assert.equal(await batches.find('B-404'), null);
      await assert.rejects(batches.get('B-404'), (e: DeskError) => e.code === 'NOT_FOUND');
    });

    it('refuses a replay by id or by content, and a reused request id, storing nothing of them', async () => {
      await assert.rejects(
        submitBatch(store, clock, submission('B-1', `${BODY}\nR6,X,Y,1 A St,Austin,TX,78701,`)),
        (e: DeskError) => e.code === 'REPLAY' && /already submitted/.test(e.message),
      );
      await assert.rejects(
        submitBatch(store, clock, submission('B-again', BODY)),
        (e: DeskError) => e.code === 'REPLAY' && /already received as batch B-1/.test(e.message),
      );
      await assert.rejects(
        submitBatch(
          store,
          clock,
          submission('B-dup', `${HEADER}\nD1,A,B,1 A St,X,TX,78701,\nD1,C,D,2 B St,X,TX,78701,`),
        ),
        (e: DeskError) =>
          e.code === 'MALFORMED_FILE' && /row 2, .*D1 was already used on row 1/.test(e.message),
      );
      const batches = new BatchRepository(store);
      assert.equal(await batches.find('B-dup'), null);
      assert.equal(await batches.requestCount('B-dup'), 0);
      const [refusals] = await store.all<{ n: bigint | number }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'batch.submit' AND outcome = 'refused'",
      );
      assert.equal(Number(refusals?.n), 3);
    });

    it('lists batches, an agency only its own', async () => {
      await submitBatch(
        store,
        clock,
        submission('B-2', `${HEADER}\nS1,Eve,Ng,3 Elm St,Reno,NV,89501,`, 'DOS'),
      );
      const batches = new BatchRepository(store);
      assert.deepEqual(
        (await batches.list({ agency: null })).map((b) => [b.batchId, b.requestingAgency, b.records]),
        [
          ['B-1', 'DHS-ICE', 5],
          ['B-2', 'DOS', 1],
        ],
      );
      assert.deepEqual(
        (await batches.list({ agency: 'DOS' })).map((b) => b.batchId),
        ['B-2'],
      );
    });

    it('moves a batch stage by stage, never skipping one', async () => {
      // As a stage does it: the change and its audit event (which covers the batch row) together.
      await store.transaction(async (tx) => {
        await advanceStage(tx, 'B-1', ['received', 'verified'], 'screened', '2026-03-02T12:05:00Z');
        await appendAuditEvent(tx, clock, {
          actor: 'os:clerk',
          action: 'batch.screen',
          batchId: 'B-1',
          outcome: 'success',
        });
      });
      await assert.rejects(
        advanceStage(store, 'B-1', ['approved'], 'released', '2026-03-02T12:06:00Z'),
        (e: DeskError) => e.code === 'WRONG_STAGE' && /is screened; it must be approved/.test(e.message),
      );
      const batch = await new BatchRepository(store).get('B-1');
      assert.equal(batch.stage, 'screened');
      assert.equal(batch.updated_at, '2026-03-02 12:05:00');
    });

    it('keeps decisions: counts, screening rejections kept when matching decides again', async () => {
      const decisions = new DecisionRepository(store);
      await store.transaction(async (tx) => {
        const repo = new DecisionRepository(tx);
        await repo.append([
          decision('R1', 'CONFIRMED'),
          decision('R2', 'REJECTED'),
          decision('R3', 'AMBIGUOUS'),
          decision('R4', 'NO_RECORD'),
          decision('R5', 'NOT_CONFIRMED', { taxpayer_id: 'T-5' }),
        ]);
        await appendAuditEvent(tx, clock, {
          actor: 'session:clerk',
          action: 'batch.match',
          batchId: 'B-1',
          outcome: 'success',
          covers: [{ table: 'decisions', batchId: 'B-1' }],
        });
      });
      assert.deepEqual(await decisions.outcomeCounts('B-1'), {
        AMBIGUOUS: 1,
        CONFIRMED: 1,
        NOT_CONFIRMED: 1,
        NO_RECORD: 1,
        REJECTED: 1,
      });
      const confirmed = await decisions.find('B-1', 'R1');
      assert.equal(confirmed?.match_probability, 0.999);
      assert.equal(confirmed?.decided_at, '2026-03-02 12:00:00');
      assert.deepEqual(
        (await decisions.ofBatch('B-1', 'matching')).map((d) => d.request_id),
        ['R1', 'R3', 'R4', 'R5'],
      );
      assert.deepEqual(await checkCoverage(store), [], 'the event covers the rows it wrote');
      await store.transaction(async (tx) => {
        await new DecisionRepository(tx).deleteMatched('B-1');
        await new DecisionRepository(tx).append([decision('R1', 'CONFIRMED'), decision('R3', 'NO_RECORD')]);
        await appendAuditEvent(tx, clock, {
          actor: 'session:clerk',
          action: 'batch.match',
          batchId: 'B-1',
          outcome: 'success',
          covers: [{ table: 'decisions', batchId: 'B-1' }],
        });
      });
      assert.deepEqual(await decisions.outcomeCounts('B-1'), { CONFIRMED: 1, NO_RECORD: 1, REJECTED: 1 });
      assert.deepEqual(await checkCoverage(store), []);
      // The batch list carries the same counts; a batch not yet matched has none.
      assert.deepEqual(
        (await new BatchRepository(store).list({ agency: null })).map((b) => [b.batchId, b.outcomes]),
        [
          ['B-1', { CONFIRMED: 1, NO_RECORD: 1, REJECTED: 1 }],
          ['B-2', {}],
        ],
      );
    });

    it('names the event whose decisions were changed behind its back', async () => {
      await store.run(
        "UPDATE decisions SET outcome = 'CONFIRMED' WHERE batch_id = 'B-1' AND request_id = 'R3'",
      );
      const problems = await checkCoverage(store, { table: 'decisions', batchId: 'B-1' });
      assert.equal(problems.length, 1);
      assert.match(
        problems[0]?.message ?? '',
        /decisions rows of batch B-1 .* no longer match event \d+ \(batch\.match\): row\(s\) altered/,
      );
      await store.run(
        "UPDATE decisions SET outcome = 'NO_RECORD' WHERE batch_id = 'B-1' AND request_id = 'R3'",
      );
      assert.deepEqual(await checkCoverage(store), []);
    });

    it('keeps every revision of a review and puts the verdict in force', async () => {
      const decisions = new DecisionRepository(store);
      await store.transaction(async (tx) => {
        const repo = new DecisionRepository(tx);
        for (const revision of [1, 2])
          await repo.appendReview({
            batch_id: 'B-1',
            request_id: 'R3',
            revision,
            step: 'decide',
            outcome: revision === 1 ? 'NO_RECORD' : 'NOT_CONFIRMED',
            taxpayer_id: revision === 1 ? null : 'T-3',
            found_by: revision === 1 ? null : 'candidate',
            note: `revision ${revision}`,
            reviewer: 'rita',
            decided_at: `2026-03-02T12:0${revision}:00Z`,
          });
        await repo.putVerdict({
          batchId: 'B-1',
          requestId: 'R3',
          outcome: 'NOT_CONFIRMED',
          taxpayerId: 'T-3',
          reason: 'reviewer: revision 2',
          decidedBy: 'review:rita',
          decidedAt: '2026-03-02T12:02:00Z',
        });
        await appendAuditEvent(tx, clock, {
          actor: 'session:rita',
          action: 'review.decide',
          batchId: 'B-1',
          outcome: 'success',
          covers: [{ table: 'decisions', batchId: 'B-1', requestIds: ['R3'] }],
        });
      });
      assert.deepEqual(
        (await decisions.reviews('B-1', 'R3')).map((r) => [
          r.revision,
          r.outcome,
          r.taxpayer_id,
          r.decided_at,
        ]),
        [
          [1, 'NO_RECORD', null, '2026-03-02 12:01:00'],
          [2, 'NOT_CONFIRMED', 'T-3', '2026-03-02 12:02:00'],
        ],
      );
      assert.equal((await decisions.lastReview('B-1', 'R3'))?.revision, 2);
      assert.equal(await decisions.lastReview('B-1', 'R1'), null);
      const r3 = await decisions.find('B-1', 'R3');
      assert.deepEqual(
        [r3?.outcome, r3?.taxpayer_id, r3?.decided_by, r3?.decided_at],
        ['NOT_CONFIRMED', 'T-3', 'review:rita', '2026-03-02 12:02:00'],
      );
      assert.equal(await decisions.awaitingReview('B-1'), 0);
      assert.deepEqual(await checkCoverage(store), [], 'the event covers the verdict it put in force');
    });

    it('enters disclosures in the ledger and finds them by batch and by taxpayer', async () => {
      const entry = (requestId: string, taxpayerId: string, disclosedAt: string) => ({
        entryId: randomUUID(),
        batchId: 'B-1',
        requestId,
        taxpayerId,
        taxYear: 2024,
        requestingAgency: 'DHS-ICE',
        programId: program.id,
        programVersion: program.version,
        statutoryAuthority: '8 U.S.C. § 1253(a)(1)',
        purpose: 'locating for prosecution',
        recipient: 'Officer A. Synthetic',
        fieldsDisclosed: 'address',
        disclosedAt,
        responseSha256: 'ab'.repeat(32),
      });
      const ledger = new LedgerRepository(store);
      await store.transaction(async (tx) => {
        await new LedgerRepository(tx).append([
          entry('R1', 'T-1', '2026-03-02T13:00:00Z'),
          entry('R9', 'T-9', '2026-03-02T13:00:01Z'),
        ]);
        await appendAuditEvent(tx, clock, {
          actor: 'session:olga',
          action: 'batch.release',
          batchId: 'B-1',
          outcome: 'success',
          covers: [{ table: 'ledger', batchId: 'B-1' }],
        });
      });
      assert.deepEqual(
        (await ledger.entries({ batchId: 'B-1', limit: 10 })).map((e) => [e.request_id, e.disclosed_at]),
        [
          ['R9', '2026-03-02 13:00:01'],
          ['R1', '2026-03-02 13:00:00'],
        ],
      );
      assert.deepEqual(
        (await ledger.entries({ taxpayerId: 'T-1', limit: 10 })).map((e) => e.request_id),
        ['R1'],
      );
      assert.deepEqual(
        (await ledger.ofTaxpayers(['T-9', 'T-1'])).map((e) => [e.taxpayer_id, e.agency]),
        [
          ['T-1', 'DHS-ICE'],
          ['T-9', 'DHS-ICE'],
        ],
      );
      assert.deepEqual(await ledger.ofTaxpayers([]), []);
      if (adapter.name === 'postgres') {
        await assert.rejects(store.run("UPDATE ledger SET taxpayer_id = 'T-2'"), /permission denied/);
        await assert.rejects(store.run('DELETE FROM ledger'), /permission denied/);
        await assert.rejects(owner!.run('DELETE FROM ledger'), /append-only: DELETE on ledger refused/);
      }
    });

    it('reads what the accounting, the annual figures and retention need, alike on both databases', async () => {
      const batches = new BatchRepository(store);
      assert.deepEqual(
        (await batches.requestsConcerning('900700001', ['T-1'])).map((r) => [
          r.request_id,
          r.outcome,
          r.identified,
          r.named,
          r.disclosed,
          r.received_at,
        ]),
        [['R1', 'CONFIRMED', true, true, true, '2026-03-02 12:00:00']],
      );
      assert.deepEqual(
        (await batches.requestsConcerning('900700003', [])).map((r) => [
          r.request_id,
          r.identified,
          r.disclosed,
        ]),
        [['R3', false, false]],
      );
      // One digest of the same values on both databases: each request as JSON, one a line, in row order.
      const lines = BODY.split('\n')
        .slice(1)
        .map((line) => {
          const [requestId, firstName, lastName] = line.split(',');
          return JSON.stringify({ request_id: requestId, first_name: firstName, last_name: lastName });
        });
      assert.deepEqual(await batches.requestValuesDigest('B-1', ['first_name', 'last_name'], 2), {
        requests: 5,
        sha256: createHash('sha256').update(lines.join('\n')).digest('hex'),
      });
      const figures = await new LedgerRepository(store).annualFigures(2026, (raw) => `[${raw ?? ''}]`);
      assert.deepEqual(figures.disclosures, [
        { agency: 'DHS-ICE', authority: '[8 U.S.C. § 1253(a)(1)]', disclosures: 2, taxpayers: 2, reasons: 1 },
      ]);
      assert.deepEqual(figures.purposes, [
        {
          agency: 'DHS-ICE',
          authority: '[8 U.S.C. § 1253(a)(1)]',
          purpose: 'each person named is subject to a final order of removal',
          disclosures: 2,
          rank: 1,
          kinds: 1,
        },
      ]);
      assert.equal(figures.taxpayers, 2);
      assert.deepEqual(figures.months[2], {
        month: 3,
        requests: figures.requests.reduce((n, r) => n + r.requests, 0),
        disclosures: 2,
      });
      assert.equal(figures.months.length, 12);
      const earlier = await new LedgerRepository(store).annualFigures(2025, (raw) => raw ?? '');
      assert.deepEqual([earlier.requests, earlier.disclosures, earlier.taxpayers], [[], [], 0]);
      assert.deepEqual(await batches.released(), []);
      assert.ok((await batches.unreleasedCount()) >= 1);
    });

    it('keeps match jobs across processes, and fails those a stopped process left unfinished', async () => {
      const jobs = new MatchJobRepository(store);
      await jobs.insert(job('J-1', 'queued', '2026-03-02T12:10:00.000Z'));
      const running = {
        ...job('J-1', 'running', '2026-03-02T12:10:00.000Z'),
        startedAt: '2026-03-02T12:10:01.000Z',
        steps: [{ step: 'blocking', seconds: 1.5 }],
      };
      await jobs.update(running);
      assert.deepEqual(await jobs.latest('B-1'), running);
      await jobs.insert({
        ...job('J-0', 'succeeded', '2026-03-02T12:00:00.000Z'),
        outcomes: { CONFIRMED: 1 },
        confirmations: 1,
        expectedWrongConfirmations: 0.0004,
      });
      assert.equal((await jobs.latest('B-1'))?.jobId, 'J-1', 'the latest is the last queued');
      const failed = await jobs.failInterrupted('2026-03-02T12:20:00.000Z');
      assert.deepEqual(
        failed.map((j) => j.jobId),
        ['J-1'],
      );
      const after = await jobs.latest('B-1');
      assert.equal(after?.state, 'failed');
      assert.equal(after?.error?.code, 'INTERRUPTED');
      assert.deepEqual(after?.steps, [{ step: 'blocking', seconds: 1.5 }]);
      assert.equal(after?.finishedAt, '2026-03-02T12:20:00.000Z');
    });

    it('verifies: one chain, and every covered row as its event wrote it', async () => {
      const verdict = await verifyAuditLog(store);
      assert.equal(verdict.kind, 'intact', JSON.stringify(verdict));
    });

    if (adapter.name === 'postgres')
      it('defines every table it shares with the embedded desk with the same columns, in the same order', async () => {
        const columns = async (s: Store, schemaFilter: string) =>
          s.all<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
            `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
             WHERE ${schemaFilter} ORDER BY table_name, ordinal_position`,
          );
        const duck = await DuckDbStore.open(':memory:');
        try {
          const family = (type: string) =>
            ({
              'character varying': 'VARCHAR',
              'timestamp without time zone': 'TIMESTAMP',
              'double precision': 'DOUBLE',
            })[type.toLowerCase()] ?? type.toUpperCase();
          const shape = (rows: Awaited<ReturnType<typeof columns>>) => {
            const tables = new Map<string, string[]>();
            for (const row of rows)
              tables.set(row.table_name, [
                ...(tables.get(row.table_name) ?? []),
                `${row.column_name} ${family(row.data_type)}${row.is_nullable === 'NO' ? ' NOT NULL' : ''}`,
              ]);
            return tables;
          };
          const pg = shape(await columns(store, 'table_schema = current_schema()'));
          const embedded = shape(await columns(duck, "table_schema = 'main'"));
          const shared = [...pg.keys()].filter((t) => t !== 'schema_migrations');
          assert.ok(shared.length >= 17, `tables on PostgreSQL: ${shared.join(', ')}`);
          for (const table of shared)
            assert.deepEqual(
              pg.get(table),
              embedded.get(table),
              `table ${table} differs between the adapters`,
            );
        } finally {
          duck.close();
        }
      });
  });

const FIXTURE = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'bench-tiny');
const AS_OF = '2026-01-15';
const SIGNER = { subject: 'CN=Director ICE', serialNumber: '01', title: 'Director', fingerprint256: 'AA:BB' };

/** Intake and screening of the fixture batch on `store`, as the stages do it. */
async function screenedFixtureBatch(store: Store): Promise<string> {
  const body = readFileSync(path.join(FIXTURE, 'requests.csv'), 'utf8');
  const input = submission('TINY', body);
  await submitBatch(store, clock, {
    ...input,
    recordsFile: path.join(FIXTURE, 'requests.csv'),
    signer: SIGNER,
  });
  await screenVerifiedBatch(store, clock, { batchId: 'TINY', asOf: AS_OF, actor: 'os:clerk' });
  return 'TINY';
}

async function testDeskSigner() {
  const { desk } = await generateTestPki({ now: clock.now() });
  return deskSignerFromPems(desk.privateKeyPem, [desk.certificatePem, desk.caCertificatePem]);
}

const decisionsOf = async (store: Store, batchId: string) =>
  (await new DecisionRepository(store).ofBatch(batchId)).map((d) => [
    d.request_id,
    d.outcome,
    d.rule_id,
    d.taxpayer_id,
  ]);

for (const adapter of ADAPTERS)
  describe(`matching a batch kept on ${adapter.name} with the embedded engine`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let engine: DuckDbStore;
    let expected: unknown[][];
    before(async () => {
      ({ store, dispose } = await adapter.open());
      engine = await DuckDbStore.open(':memory:');
      await loadReference(engine, clock, {
        file: path.join(FIXTURE, 'reference.csv'),
        replace: true,
        actor: 'os:loader',
      });
      // What matching the batch in one embedded desk decides: the reference answer.
      const desk = await DuckDbStore.open(':memory:');
      try {
        await loadReference(desk, clock, {
          file: path.join(FIXTURE, 'reference.csv'),
          replace: true,
          actor: 'os:loader',
        });
        await screenedFixtureBatch(desk);
        await desk.transaction(async (tx) => {
          await advanceStage(tx, 'TINY', ['screened'], 'matched', clock.now().toISOString());
          await matchBatch(tx, clock, { batchId: 'TINY', program, matcher: deskMatcher, actor: 'os:clerk' });
        });
        expected = await decisionsOf(desk, 'TINY');
      } finally {
        desk.close();
      }
    });
    after(async () => {
      engine.close();
      await dispose();
    });

    it('screens on the record, matches in the engine, and writes the same decisions back in one transaction', async () => {
      const batchId = await screenedFixtureBatch(store);
      assert.ok(
        (await decisionsOf(store, batchId)).some((d) => d[1] === 'REJECTED'),
        'screening rejected some',
      );
      const steps: string[] = [];
      const matched = await matchFromRecord({
        record: store,
        engine,
        clock,
        batchId,
        matcher: deskMatcher,
        program,
        actor: 'session:clerk',
        onStep: (step) => steps.push(step),
      });
      assert.ok(matched);
      assert.ok(steps.length > 0, 'the matcher reported its steps');
      assert.equal((await new BatchRepository(store).get(batchId)).stage, 'matched');
      assert.deepEqual(await decisionsOf(store, batchId), expected);
      assert.equal(
        Object.values(matched.counts).reduce((a, b) => a + b, 0),
        await new BatchRepository(store).requestCount(batchId),
        'one decision per request',
      );
      const [candidates] = await engine.all<{ n: bigint }>(
        'SELECT count(*) AS n FROM match_candidates WHERE batch_id = $1',
        [batchId],
      );
      assert.ok(Number(candidates?.n) > 0, 'the candidates stay with the engine');
      const [event] = await store.all<{ actor: string; detail: string }>(
        "SELECT actor, detail FROM audit_log WHERE action = 'batch.match' ORDER BY seq DESC LIMIT 1",
      );
      assert.equal(event?.actor, 'session:clerk');
      assert.deepEqual((JSON.parse(event?.detail ?? '{}') as { counts: unknown }).counts, matched.counts);
      assert.equal((await verifyAuditLog(store)).kind, 'intact');
    });

    it('writes nothing when the match is no longer wanted, and refuses a batch not screened', async () => {
      await assert.rejects(
        matchFromRecord({
          record: store,
          engine,
          clock,
          batchId: 'TINY',
          matcher: deskMatcher,
          program,
          actor: 'session:clerk',
        }),
        (e: DeskError) => e.code === 'WRONG_STAGE',
      );
      const before = await store.all('SELECT count(*) AS n FROM audit_log');
      await submitBatch(store, clock, {
        ...submission('B-late', BODY.replace('R1,', 'L1,')),
        signer: SIGNER,
      });
      await screenVerifiedBatch(store, clock, { batchId: 'B-late', asOf: AS_OF, actor: 'os:clerk' });
      const abandoned = await matchFromRecord({
        record: store,
        engine,
        clock,
        batchId: 'B-late',
        matcher: deskMatcher,
        program,
        actor: 'session:clerk',
        wanted: () => false,
      });
      assert.equal(abandoned, null);
      assert.equal((await new BatchRepository(store).get('B-late')).stage, 'screened');
      assert.deepEqual(
        (await new DecisionRepository(store).ofBatch('B-late', 'matching')).length,
        0,
        'no decision of the abandoned run was written',
      );
      assert.notDeepEqual(await store.all('SELECT count(*) AS n FROM audit_log'), before);
    });

    it('approves, releases, accounts for a taxpayer, reports the year and purges on schedule, with the reference in the engine', async () => {
      const people = await staffDemoDesk(store, clock);
      // The tiny fixture's matcher decides every request: one confirmation and two NOT_CONFIRMED are
      // left to reviewers here, as the matcher leaves a request it cannot decide (an audited match).
      const matched = await new DecisionRepository(store).ofBatch('TINY');
      const toConfirm = matched.find((d) => d.outcome === 'CONFIRMED');
      const leftToReview = [
        ...(toConfirm ? [toConfirm] : []),
        ...matched.filter((d) => d.outcome === 'NOT_CONFIRMED').slice(0, 2),
      ];
      assert.equal(leftToReview.length, 3);
      await store.transaction(async (tx) => {
        for (const d of leftToReview)
          await new DecisionRepository(tx).putVerdict({
            batchId: 'TINY',
            requestId: d.request_id,
            outcome: 'AMBIGUOUS',
            taxpayerId: null,
            reason: 'left to a reviewer',
            decidedBy: d.decided_by,
            decidedAt: clock.now().toISOString(),
          });
        await appendAuditEvent(tx, clock, {
          actor: 'session:clerk',
          action: 'batch.match',
          batchId: 'TINY',
          outcome: 'success',
          covers: [{ table: 'decisions', batchId: 'TINY' }],
        });
      });
      // A reviewer works the queue: each request beside the engine's candidates, verdicts to the record.
      const queue = await reviewQueue(store, 'TINY');
      assert.deepEqual(
        queue.map((item) => item.request_id).sort(),
        leftToReview.map((d) => d.request_id).sort(),
      );
      for (const item of queue) {
        const view = await reviewView(store, 'TINY', item.request_id, engine);
        assert.ok(view.candidates.length > 0, `candidates of ${item.request_id}`);
        assert.equal(view.explanation.kind, 'matched');
      }
      // The confirmation: the reviewer proposes, a second reviewer concurs (the program asks for two);
      // the address of record agrees, checked in the engine against the record's request row.
      const confirmTo = toConfirm?.taxpayer_id ?? '';
      const agreeing = (await reviewView(store, 'TINY', toConfirm?.request_id ?? '', engine)).candidates.find(
        (c) => c.taxpayerId === confirmTo,
      );
      assert.equal(agreeing?.addressOfRecord.agrees, true);
      for (const [actor, step] of [
        [people.reviewer, 'proposed'],
        [people.secondReviewer, 'concurred'],
      ] as const) {
        const answer = await decideReviews(store, clock, {
          batchId: 'TINY',
          program,
          actor,
          reference: engine,
          decisions: [
            {
              requestId: toConfirm?.request_id ?? '',
              verdict: { outcome: 'CONFIRMED', taxpayerId: confirmTo },
              note: 'name, date of birth and address agree',
            },
          ],
        });
        assert.equal(answer.results[0]?.step, step);
      }
      const [first, ...rest] = queue.filter((item) => item.request_id !== toConfirm?.request_id);
      const candidate = (await reviewView(store, 'TINY', first?.request_id ?? '', engine)).candidates[0];
      const reviewed = await decideReviews(store, clock, {
        batchId: 'TINY',
        program,
        actor: people.reviewer,
        reference: engine,
        decisions: [
          {
            requestId: first?.request_id ?? '',
            verdict: { outcome: 'NOT_CONFIRMED', taxpayerId: candidate?.taxpayerId ?? '' },
            note: 'the address differs',
          },
          ...rest.map((item) => ({
            requestId: item.request_id,
            verdict: { outcome: 'NO_RECORD' as const },
            note: 'not confidently the person named',
          })),
        ],
      });
      assert.equal(reviewed.remaining, 0);
      assert.equal((await new BatchRepository(store).get('TINY')).stage, 'reviewed');
      const [history] = (await reviewView(store, 'TINY', first?.request_id ?? '', engine)).history;
      assert.deepEqual(
        [history?.revision, history?.outcome, history?.taxpayer_id, history?.found_by],
        [1, 'NOT_CONFIRMED', candidate?.taxpayerId, 'candidate'],
      );
      await assert.rejects(
        decideReviews(store, clock, {
          batchId: 'TINY',
          program,
          actor: people.reviewer,
          reference: engine,
          decisions: [
            {
              requestId: first?.request_id ?? '',
              verdict: { outcome: 'NOT_CONFIRMED', taxpayerId: 'T-never-a-candidate' },
              note: 'someone else',
            },
          ],
        }),
        (e: DeskError) => e.code === 'NOT_FOUND' || e.code === 'NOT_AUTHORIZED',
      );
      assert.equal(
        (await new DecisionRepository(store).find('TINY', toConfirm?.request_id ?? ''))?.outcome,
        'CONFIRMED',
      );
      await approveBatch(store, clock, { batchId: 'TINY', actor: people.officer, withholdAmbiguous: false });
      const receipt = await releaseBatch(store, clock, {
        batchId: 'TINY',
        program,
        outDir: mkdtempSync(path.join(dir, 'responses-')),
        actor: people.officer,
        signer: await testDeskSigner(),
        reference: engine,
      });
      assert.ok(receipt.disclosures > 0, 'something is disclosed');
      const ledger = await new LedgerRepository(store).entries({ batchId: 'TINY', limit: 1000 });
      assert.equal(ledger.length, receipt.disclosures);

      // The accounting of one disclosed taxpayer, found by TIN in the engine's reference.
      const disclosed = ledger.find((entry) => entry.taxpayer_id);
      const [tinRow] = await engine.all<{ n_tin: string }>(
        'SELECT n_tin FROM reference_records WHERE taxpayer_id = $1 AND n_tin IS NOT NULL LIMIT 1',
        [disclosed?.taxpayer_id ?? ''],
      );
      assert.ok(tinRow, 'the disclosed taxpayer has a TIN in the reference');
      const accounting = await taxpayerAccounting(store, tinRow.n_tin, engine);
      assert.ok(accounting.taxpayerIds.includes(disclosed?.taxpayer_id ?? ''));
      assert.ok(
        accounting.requests.some(
          (r) => r.request_id === disclosed?.request_id && r.disclosed && r.concerns.startsWith('identified'),
        ),
        JSON.stringify(accounting.requests),
      );
      assert.ok(accounting.disclosures.some((d) => d.request_id === disclosed?.request_id));

      // The annual report counts every request received and every disclosure made this year.
      const received =
        (await new BatchRepository(store).requestCount('TINY')) +
        (await new BatchRepository(store).requestCount('B-late'));
      const report = await annualReport(store, { year: 2026, generatedAt: clock.now().toISOString() });
      assert.equal(report.totals.requests, received);
      assert.equal(report.totals.disclosures, receipt.disclosures);
      assert.equal(report.months[2]?.requests, received, 'all received in March');
      assert.equal(report.lines[0]?.purposes[0]?.disclosures, receipt.disclosures);
      assert.equal((await annualReport(store, { year: 2025, generatedAt: 'now' })).totals.requests, 0);

      // Retention: nothing before the program's period has passed; then the batch's request data,
      // and the engine's candidate pairs of it, are purged with one audited event.
      const later = (days: number) =>
        fixedClock(new Date(clock.now().getTime() + days * 86_400_000).toISOString());
      const period = program.retention.requestDataDays;
      const early = await runRetention(store, later(period - 1), {
        actor: 'os:retention',
        dryRun: false,
        reference: engine,
      });
      assert.deepEqual([early.purged.length, early.notYetDue.map((b) => b.batchId)], [0, ['TINY']]);
      const run = await runRetention(store, later(period), {
        actor: 'os:retention',
        dryRun: false,
        reference: engine,
      });
      assert.deepEqual(
        run.purged.map((b) => [b.batchId, b.requests]),
        [['TINY', received - (await new BatchRepository(store).requestCount('B-late'))]],
      );
      assert.ok((run.purged[0]?.candidatePairsRemoved ?? 0) > 0, 'candidate pairs counted');
      const [left] = await engine.all<{ n: bigint }>(
        'SELECT count(*) AS n FROM match_candidates WHERE batch_id = $1',
        ['TINY'],
      );
      assert.equal(Number(left?.n), 0, "the engine's candidate pairs of the batch are gone");
      const [kept] = await store.all<{ named: bigint; ids: bigint }>(
        "SELECT count(last_name) AS named, count(request_id) AS ids FROM requests WHERE batch_id = 'TINY'",
      );
      assert.deepEqual([Number(kept?.named), Number(kept?.ids)], [0, run.purged[0]?.requests]);
      assert.equal((await new BatchRepository(store).get('TINY')).stage, 'purged');
      assert.equal((await verifyAuditLog(store)).kind, 'intact');
    });
  });
