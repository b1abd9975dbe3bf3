import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { readAuditRows } from '../audit/audit-log.ts';
import { verifyAuditLog } from '../audit/verify-audit-log.ts';
import { fixedClock } from '../clock.ts';
import { submitBatch } from '../intake/submit-batch.ts';
import { exactMatcher } from '../linkage/exact-matcher.ts';
import { matchBatch } from '../linkage/match-batch.ts';
import { advanceStage } from '../pipeline/batch-stage.ts';
import { screenBatch } from '../policy/screen-batch.ts';
import { staffDemoDesk } from '../people/demo-staff.ts';
import { loadProgram } from '../programs/program.ts';
import { loadReference } from '../reference/load-reference.ts';
import { approveBatch } from '../release/approve-batch.ts';
import { releaseBatch } from '../release/release-batch.ts';
import { deskSignerFromPems } from '../release/response-signature.ts';
import { generateTestPki } from '../intake/signature/test-pki.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { PERSONAL_REQUEST_COLUMNS, runRetention } from './purge-request-data.ts';

const FIXTURE = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'bench-tiny');
const RELEASED = '2026-01-15T10:00:00.000Z';
const program = loadProgram();
const days = program.retention.requestDataDays;
const at = (offsetDays: number) =>
  fixedClock(new Date(Date.parse(RELEASED) + offsetDays * 86_400_000).toISOString());

/** The fixture batch taken through every stage with the real stage functions, released at RELEASED. */
async function releasedBatch(store: DuckDbStore): Promise<void> {
  const clock = fixedClock(RELEASED);
  const recordsFile = path.join(FIXTURE, 'requests.csv');
  const body = readFileSync(recordsFile);
  await loadReference(store, clock, {
    file: path.join(FIXTURE, 'reference.csv'),
    replace: true,
    actor: 'loader',
  });
  await submitBatch(store, clock, {
    manifest: {
      program: program.id,
      batch_id: 'B-RET',
      requesting_agency: 'DHS-ICE',
      requesting_official: 'Director ICE (SYNTHETIC TEST)',
      statutory_authority: '8 U.S.C. § 1253(a)(1)',
      attestation: 'each person named is subject to a final order of removal',
      record_count: body.toString().trim().split('\n').length - 1,
      records_sha256: createHash('sha256').update(body).digest('hex'),
      date: '2026-01-15',
    },
    manifestJson: '{}',
    recordsFile,
    program,
    actor: 'clerk',
    verifyDigest: true,
    strictColumns: true,
    signer: { subject: 'CN=test', serialNumber: '1', title: 'Director', fingerprint256: 'x' },
  });
  await store.transaction(async (tx) => {
    await advanceStage(tx, 'B-RET', ['verified'], 'screened', RELEASED);
    await screenBatch(tx, clock, {
      batchId: 'B-RET',
      program,
      asOf: '2026-01-15',
      attestation: 'x',
      actor: 'screener',
    });
  });
  await store.transaction(async (tx) => {
    await advanceStage(tx, 'B-RET', ['screened'], 'matched', RELEASED);
    await matchBatch(tx, clock, { batchId: 'B-RET', program, matcher: exactMatcher, actor: 'matcher' });
  });
  const people = await staffDemoDesk(store, clock);
  await approveBatch(store, clock, { batchId: 'B-RET', actor: people.officer, withholdAmbiguous: true });
  await releaseBatch(store, clock, {
    batchId: 'B-RET',
    program,
    outDir: mkdtempSync(path.join(os.tmpdir(), 'ddesk-retention-')),
    actor: people.officer,
    signer: await testDeskSigner(),
  });
}

async function testDeskSigner() {
  const { desk } = await generateTestPki({ now: new Date(RELEASED) });
  return deskSignerFromPems(desk.privateKeyPem, [desk.certificatePem, desk.caCertificatePem]);
}

const count = async (store: DuckDbStore, sql: string) => Number((await store.all<{ n: bigint }>(sql))[0]?.n);

describe('retention', () => {
  let store: DuckDbStore;
  let ledgerBefore: unknown[];
  let decisionsBefore: number;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
    await releasedBatch(store);
    ledgerBefore = await store.all('SELECT * FROM ledger ORDER BY entry_id');
    decisionsBefore = await count(store, 'SELECT count(*) AS n FROM decisions');
  });
  after(() => store.close());

  it("purges nothing a day before the program's period has passed since release", async () => {
    const run = await runRetention(store, at(days - 1), { actor: 'retention', dryRun: false });
    assert.equal(run.purged.length, 0);
    assert.equal(run.notYetDue[0]?.batchId, 'B-RET');
    assert.equal(run.notYetDue[0]?.dueAt, at(days).now().toISOString());
    assert.equal(await count(store, 'SELECT count(*) AS n FROM requests WHERE last_name IS NOT NULL'), 5);
  });

  it('says what is due without purging on a dry run', async () => {
    const run = await runRetention(store, at(days), { actor: 'retention', dryRun: true });
    assert.deepEqual(
      run.due.map((batch) => batch.batchId),
      ['B-RET'],
    );
    assert.equal(run.purged.length, 0);
    assert.equal(await count(store, "SELECT count(*) AS n FROM batches WHERE stage = 'released'"), 1);
  });

  it('purges the personal data of requests once due, and reports what it removed', async () => {
    const run = await runRetention(store, at(days), { actor: 'retention', dryRun: false });
    assert.equal(run.purged.length, 1);
    const [purged] = run.purged;
    assert.equal(purged?.requests, 5);
    assert.match(purged?.removedSha256 ?? '', /^[0-9a-f]{64}$/);
    for (const column of [...PERSONAL_REQUEST_COLUMNS, 'n_tin', 'nm_last', 'ad_street'])
      assert.equal(
        await count(store, `SELECT count(*) AS n FROM requests WHERE ${column} IS NOT NULL`),
        0,
        `${column} purged`,
      );
    assert.equal(
      await count(store, 'SELECT count(*) AS n FROM requests'),
      5,
      'request ids stay for the accounting',
    );
    assert.equal(await count(store, "SELECT count(*) AS n FROM batches WHERE stage = 'purged'"), 1);
  });

  it('keeps the ledger and the decisions, and the audit log verifies with the purge as its latest event', async () => {
    assert.deepEqual(await store.all('SELECT * FROM ledger ORDER BY entry_id'), ledgerBefore);
    assert.equal(await count(store, 'SELECT count(*) AS n FROM decisions'), decisionsBefore);
    const verdict = await verifyAuditLog(store);
    assert.equal(verdict.kind, 'intact', verdict.kind === 'broken' ? verdict.problem : '');
    const last = (await readAuditRows(store)).at(-1);
    assert.equal(last?.action, 'retention.purge');
    assert.equal(last?.occurred_at, at(days).now().toISOString());
    assert.ok(last?.coverage_sha256, "the purge's hash covers the rows as purged");
  });

  it('purges a batch once: a second run finds nothing due', async () => {
    const run = await runRetention(store, at(days + 30), { actor: 'retention', dryRun: false });
    assert.equal(run.purged.length, 0);
    assert.equal(run.due.length, 0);
  });

  it('refuses to purge request data that no longer matches the audit log (it is evidence)', async () => {
    const other = await DuckDbStore.open(':memory:');
    try {
      await releasedBatch(other);
      await other.run("UPDATE requests SET last_name = 'Changed' WHERE request_id = 'Q1'");
      await assert.rejects(
        runRetention(other, at(days), { actor: 'retention', dryRun: false }),
        /AUDIT|no longer match/,
      );
      assert.equal(await count(other, "SELECT count(*) AS n FROM batches WHERE stage = 'released'"), 1);
    } finally {
      other.close();
    }
  });
});
