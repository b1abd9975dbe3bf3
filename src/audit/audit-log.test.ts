import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { fixedClock } from '../clock.ts';
import { advanceStage } from '../pipeline/batch-stage.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { appendAuditEvent, auditRowHash, readAuditRows } from './audit-log.ts';
import { auditTree, signCheckpoint, storedCheckpoints } from './checkpoint.ts';
import { assertNoPersonalData, redactForAudit } from './personal-data-guard.ts';
import {
  assertCoverageIntact,
  bucketOf,
  checkCoverage,
  COVERED_TABLES,
  coverageDigest,
  coverageSnapshot,
  insertCoverage,
  type CoverageRow,
} from './row-coverage.ts';
import { generateSignerKey, parseSignerKey, verifierKeyText, parseVerifierKey } from './signed-note.ts';
import { verifyAuditLog, type AuditVerdict } from './verify-audit-log.ts';

const clock = fixedClock('2026-01-02T03:04:05Z');
const signer = parseSignerKey(generateSignerKey('desk.test'));
const verifier = parseVerifierKey(verifierKeyText(signer));

async function reset(store: DuckDbStore): Promise<void> {
  for (const table of ['audit_log', 'audit_coverage', 'audit_checkpoints', 'ledger', 'decisions', 'batches'])
    await store.run(`DELETE FROM ${table}`);
}

async function logOf(store: DuckDbStore, actions: readonly string[]): Promise<void> {
  await reset(store);
  for (const action of actions)
    await appendAuditEvent(store, clock, { actor: 'tester', action, outcome: 'success', detail: { action } });
}

function brokenAt(verdict: AuditVerdict): number | null {
  return verdict.kind === 'broken' ? verdict.seq : null;
}

/** A released batch of three requests: two decisions disclosed in the ledger, one not. */
async function releasedBatch(store: DuckDbStore): Promise<void> {
  await reset(store);
  await store.run(
    `INSERT INTO batches (batch_id, program_id, program_version, requesting_agency, requesting_official, record_count, records_sha256, manifest_json, stage, received_at, updated_at)
     VALUES ('B1', 'p', '1', 'DHS-ICE', 'Director', 3, 'x', '{}', 'matched', '2026-01-01', '2026-01-01')`,
  );
  for (const [id, outcome] of [
    ['R1', 'CONFIRMED'],
    ['R2', 'CONFIRMED'],
    ['R3', 'NO_RECORD'],
  ] as const)
    await store.run(
      `INSERT INTO decisions (batch_id, request_id, outcome, reason, taxpayer_id, match_probability, decided_by, decided_at)
       VALUES ('B1', $1, $2, 'model', 'T-' || $1, 0.9995, 'desk', '2026-01-01')`,
      [id, outcome],
    );
  await appendAuditEvent(store, clock, {
    actor: 'matcher',
    action: 'batch.match',
    batchId: 'B1',
    outcome: 'success',
    covers: [{ table: 'decisions', batchId: 'B1' }],
  });
  for (const id of ['R1', 'R2'])
    await store.run(
      `INSERT INTO ledger VALUES ('E-' || $1, 'B1', $1, 'T-' || $1, 2024, 'DHS-ICE', 'p', '1', '8 USC 1253', 'purpose', 'officer', 'confirmation', '2026-01-02', 'abc')`,
      [id],
    );
  await advanceStage(store, 'B1', ['matched'], 'released', '2026-01-02');
  await appendAuditEvent(store, clock, {
    actor: 'officer',
    action: 'batch.release',
    batchId: 'B1',
    outcome: 'success',
    covers: [
      { table: 'ledger', batchId: 'B1' },
      { table: 'decisions', batchId: 'B1' },
    ],
  });
}

describe('audit log', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());
  beforeEach(() => reset(store));

  it('verifies an untouched log and reports its size and Merkle root', async () => {
    await logOf(store, ['a', 'b', 'c']);
    const verdict = await verifyAuditLog(store);
    assert.equal(verdict.kind, 'intact');
    assert.equal(verdict.rows, 3);
    assert.equal(verdict.kind === 'intact' && verdict.root, (await auditTree(store)).root.toString('hex'));
  });

  it('records the Publication 1075 fields: time, account, type, outcome, origin, object, description', async () => {
    await appendAuditEvent(store, clock, {
      actor: 'alice',
      action: 'batch.approve',
      batchId: 'B9',
      outcome: 'refused',
    });
    const [row] = await readAuditRows(store);
    assert.ok(row);
    assert.equal(row.occurred_at, '2026-01-02T03:04:05.000Z');
    assert.equal(row.actor, 'alice');
    assert.equal(row.outcome, 'refused');
    assert.equal(row.process_id, process.pid);
    assert.ok(row.host && row.interface);
    assert.equal(row.object, 'batch B9');
    assert.match(row.description ?? '', /batch\.approve.*refused/);
  });

  it('names the event whose content was altered', async () => {
    await logOf(store, ['a', 'b', 'c', 'd']);
    await store.run("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
    const verdict = await verifyAuditLog(store);
    assert.equal(brokenAt(verdict), 3);
    assert.match(verdict.kind === 'broken' ? verdict.problem : '', /altered/);
  });

  it('detects an event deleted from the middle', async () => {
    await logOf(store, ['a', 'b', 'c']);
    await store.run('DELETE FROM audit_log WHERE seq = 2');
    assert.equal(brokenAt(await verifyAuditLog(store)), 3);
  });

  it('detects two events swapped (reordered)', async () => {
    await logOf(store, ['a', 'b', 'c', 'd']);
    await store.run('UPDATE audit_log SET seq = 100 WHERE seq = 2');
    await store.run('UPDATE audit_log SET seq = 2 WHERE seq = 3');
    await store.run('UPDATE audit_log SET seq = 3 WHERE seq = 100');
    assert.equal(brokenAt(await verifyAuditLog(store)), 2);
  });

  it('detects an event rewritten with a correctly recomputed hash: the next link breaks', async () => {
    await logOf(store, ['a', 'b', 'c']);
    const rows = await readAuditRows(store);
    const row = rows[1];
    assert.ok(row);
    const forged = { ...row, detail: '{"forged":true}' };
    await store.run('UPDATE audit_log SET detail = $1, hash = $2 WHERE seq = 2', [
      forged.detail,
      auditRowHash(forged),
    ]);
    const verdict = await verifyAuditLog(store);
    assert.equal(brokenAt(verdict), 3);
    assert.match(verdict.kind === 'broken' ? verdict.problem : '', /prev_hash/);
  });

  it('breaks at exactly the event changed, for any log and any event (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        async (actions, pick) => {
          await logOf(store, actions);
          const seq = (pick % actions.length) + 1;
          await store.run("UPDATE audit_log SET action = action || 'x' WHERE seq = $1", [seq]);
          return brokenAt(await verifyAuditLog(store)) === seq;
        },
      ),
      { numRuns: 25 },
    );
  });

  describe('the rows events wrote', () => {
    it('verifies a released batch whose ledger and decisions are as the events wrote them', async () => {
      await releasedBatch(store);
      assert.equal((await verifyAuditLog(store)).kind, 'intact');
    });

    it('names the release when one ledger row is deleted', async () => {
      await releasedBatch(store);
      await store.run("DELETE FROM ledger WHERE request_id = 'R2'");
      const verdict = await verifyAuditLog(store);
      assert.equal(brokenAt(verdict), 2);
      assert.match(
        verdict.kind === 'broken' ? verdict.problem : '',
        /ledger rows of batch B1.*event 2 \(batch\.release\).*1 row\(s\) deleted/,
      );
    });

    it('names the release when a decision is changed after it', async () => {
      await releasedBatch(store);
      await store.run(
        "UPDATE decisions SET outcome = 'CONFIRMED', taxpayer_id = 'T-9' WHERE request_id = 'R3'",
      );
      const verdict = await verifyAuditLog(store);
      assert.equal(brokenAt(verdict), 2);
      assert.match(
        verdict.kind === 'broken' ? verdict.problem : '',
        /decisions rows of batch B1.*batch\.release.*altered/,
      );
    });

    it('names the rows no event wrote (a ledger row added by hand)', async () => {
      await releasedBatch(store);
      await store.run(
        "INSERT INTO ledger VALUES ('E-x', 'B7', 'R1', 'T-1', 2024, 'DHS-ICE', 'p', '1', 'a', 'b', 'c', 'confirmation', '2026-01-02', 'abc')",
      );
      const verdict = await verifyAuditLog(store);
      assert.match(
        verdict.kind === 'broken' ? verdict.problem : '',
        /ledger rows of batch B7.*no audit event wrote/,
      );
    });

    it("detects the record of an event's rows rewritten to match an edit", async () => {
      await releasedBatch(store);
      await store.run("DELETE FROM ledger WHERE request_id = 'R2'");
      await store.run("UPDATE audit_coverage SET row_count = row_count - 1 WHERE table_name = 'ledger'");
      assert.equal(brokenAt(await verifyAuditLog(store)), 2);
    });

    it("hashes every bucket: each the SHA-256 of its rows' JSON sorted by key, one a line; a change in any is named", async () => {
      await reset(store);
      const ids = Array.from({ length: 300 }, (_, i) => `Q${i}`);
      await store.run(
        `INSERT INTO decisions (batch_id, request_id, outcome, reason, taxpayer_id, match_probability, explanation, decided_by, decided_at)
         SELECT 'B9', 'Q' || i, 'NO_RECORD', 'reason ' || i, NULL, NULL, '{"why": "line\nbreak"}', 'desk', '2026-01-01'
         FROM range(300) t(i)`,
      );
      const snapshot = await coverageSnapshot(store, 'decisions', 'B9');
      const rows = await store.all<{ request_id: string; row_json: string }>(
        `SELECT request_id, to_json(struct_pack(${COVERED_TABLES.decisions.columns.join(', ')}))::VARCHAR AS row_json
         FROM decisions WHERE batch_id = 'B9'`,
      );
      const byBucket = new Map<string, { request_id: string; row_json: string }[]>();
      for (const row of rows)
        byBucket.set(bucketOf(row.request_id), [...(byBucket.get(bucketOf(row.request_id)) ?? []), row]);
      assert.equal(
        new Set([...byBucket.keys()].map((bucket) => bucket[0])).size,
        16,
        'every first hex digit',
      );
      assert.deepEqual([...snapshot.digests.keys()].sort(), [...byBucket.keys()].sort());
      for (const [bucket, inBucket] of byBucket) {
        const text = inBucket
          .sort((a, b) => (a.request_id < b.request_id ? -1 : 1))
          .map((row) => row.row_json)
          .join('\n');
        assert.deepEqual(snapshot.digests.get(bucket), {
          table_name: 'decisions',
          batch_id: 'B9',
          bucket,
          row_count: inBucket.length,
          rows_sha256: createHash('sha256').update(text).digest('hex'),
        });
      }
      await appendAuditEvent(store, clock, {
        actor: 'matcher',
        action: 'batch.match',
        batchId: 'B9',
        outcome: 'success',
        covers: [{ table: 'decisions', batchId: 'B9' }],
      });
      for (const digit of '0123456789abcdef') {
        const id = ids.find((candidate) => bucketOf(candidate).startsWith(digit)) ?? '';
        await store.run('BEGIN TRANSACTION');
        await store.run("UPDATE decisions SET reason = 'changed' WHERE batch_id = 'B9' AND request_id = $1", [
          id,
        ]);
        const problems = await checkCoverage(store, { table: 'decisions', batchId: 'B9' });
        await store.run('ROLLBACK');
        assert.deepEqual(
          problems.map((problem) => problem.bucket),
          [bucketOf(id)],
        );
      }
    });

    it('records every coverage row of an event, however many statements they take', async () => {
      const rows = Array.from({ length: 1_100 }, (_, i) => ({
        table_name: 'ledger' as const,
        batch_id: `B${Math.floor(i / 256)}`,
        bucket: (i % 256).toString(16).padStart(2, '0'),
        row_count: i,
        rows_sha256: String(i).padStart(64, '0'),
      }));
      await insertCoverage(store, 7, rows);
      const stored = await store.all<CoverageRow & { row_count: bigint }>(
        'SELECT table_name, batch_id, bucket, row_count, rows_sha256 FROM audit_coverage WHERE seq = 7',
      );
      assert.equal(stored.length, rows.length);
      assert.equal(
        coverageDigest(stored.map((row) => ({ ...row, row_count: Number(row.row_count) }))),
        coverageDigest(rows),
      );
    });

    it('records the digests a check computed exactly as hashing the rows again would', async () => {
      await releasedBatch(store);
      const coverageOf = async (seq: number) =>
        store.all(
          `SELECT table_name, batch_id, bucket, row_count, rows_sha256 FROM audit_coverage
           WHERE seq = $1 AND table_name = 'decisions' ORDER BY bucket`,
          [seq],
        );
      const checked = await assertCoverageIntact(store, 'decisions', 'B1');
      const reused = await appendAuditEvent(store, clock, {
        actor: 'officer',
        action: 'batch.note',
        batchId: 'B1',
        outcome: 'success',
        covers: [{ table: 'decisions', batchId: 'B1', unchangedSince: checked }],
      });
      const rehashed = await appendAuditEvent(store, clock, {
        actor: 'officer',
        action: 'batch.note',
        batchId: 'B1',
        outcome: 'success',
        covers: [{ table: 'decisions', batchId: 'B1' }],
      });
      assert.equal((await coverageOf(reused.seq)).length, 3);
      assert.deepEqual(await coverageOf(reused.seq), await coverageOf(rehashed.seq));
      assert.equal(reused.coverage_sha256, rehashed.coverage_sha256);
      assert.equal((await verifyAuditLog(store)).kind, 'intact');
      // Digests checked for one review decision's bucket do not stand for the whole batch.
      const one = await assertCoverageIntact(store, 'decisions', 'B1', ['R1']);
      await assert.rejects(
        appendAuditEvent(store, clock, {
          actor: 'officer',
          action: 'batch.note',
          batchId: 'B1',
          outcome: 'success',
          covers: [{ table: 'ledger', batchId: 'B1', unchangedSince: one }],
        }),
      );
      await assert.rejects(
        appendAuditEvent(store, clock, {
          actor: 'officer',
          action: 'batch.note',
          batchId: 'B1',
          outcome: 'success',
          covers: [{ table: 'decisions', batchId: 'B1', unchangedSince: one }],
        }),
      );
    });

    it('still names the approval when a decision checked and approved is changed before release', async () => {
      await releasedBatch(store);
      await store.run("UPDATE batches SET stage = 'matched' WHERE batch_id = 'B1'");
      await store.run('DELETE FROM ledger');
      await store.run('DELETE FROM audit_coverage WHERE seq = 2');
      await store.run('DELETE FROM audit_log WHERE seq = 2');
      const checked = await assertCoverageIntact(store, 'decisions', 'B1');
      await advanceStage(store, 'B1', ['matched'], 'approved', '2026-01-02');
      await appendAuditEvent(store, clock, {
        actor: 'officer',
        action: 'batch.approve',
        batchId: 'B1',
        outcome: 'success',
        covers: [{ table: 'decisions', batchId: 'B1', unchangedSince: checked }],
      });
      assert.equal((await verifyAuditLog(store)).kind, 'intact');
      await store.run("UPDATE decisions SET reason = 'reviewed' WHERE request_id = 'R3'");
      await assert.rejects(assertCoverageIntact(store, 'decisions', 'B1'), /event 2 \(batch\.approve\)/);
      const verdict = await verifyAuditLog(store);
      assert.equal(brokenAt(verdict), 2);
    });

    it('detects a released batch set back to approved by hand', async () => {
      await releasedBatch(store);
      await store.run("UPDATE batches SET stage = 'approved' WHERE batch_id = 'B1'");
      const verdict = await verifyAuditLog(store);
      assert.match(verdict.kind === 'broken' ? verdict.problem : '', /batches rows of batch B1/);
    });
  });

  describe('signed checkpoints', () => {
    it('accepts a log that grew after its checkpoint', async () => {
      await logOf(store, ['a', 'b', 'c']);
      const checkpoint = await signCheckpoint(store, clock, signer);
      await appendAuditEvent(store, clock, { actor: 'tester', action: 'd', outcome: 'success' });
      const verdict = await verifyAuditLog(store, {
        verifier,
        checkpoints: [{ source: 'cp', note: checkpoint.note }],
      });
      assert.equal(verdict.kind, 'intact');
      assert.equal(verdict.kind === 'intact' && verdict.checkpointsChecked, 2);
    });

    it('detects truncation: events removed from the end after a checkpoint', async () => {
      await logOf(store, ['a', 'b', 'c', 'd']);
      const checkpoint = await signCheckpoint(store, clock, signer);
      await store.run('DELETE FROM audit_log WHERE seq >= 3');
      await store.run('DELETE FROM audit_checkpoints');
      assert.equal((await verifyAuditLog(store)).kind, 'intact', 'the log alone cannot see its missing tail');
      const verdict = await verifyAuditLog(store, {
        verifier,
        checkpoints: [{ source: 'cp', note: checkpoint.note }],
      });
      assert.match(
        verdict.kind === 'broken' ? verdict.problem : '',
        /truncated: the checkpoint covers 4 events, the log has 2/,
      );
    });

    it('detects a consistent rewrite: one event changed and every later hash recomputed', async () => {
      await logOf(store, ['a', 'b', 'c', 'd']);
      const checkpoint = await signCheckpoint(store, clock, signer);
      await store.run('DELETE FROM audit_checkpoints');
      const rows = await readAuditRows(store);
      let previous = rows[0]?.hash ?? '';
      for (const row of rows.slice(1)) {
        const rewritten = {
          ...row,
          prev_hash: previous,
          detail: row.seq === 2 ? '{"rewritten":true}' : row.detail,
        };
        const hash = auditRowHash(rewritten);
        await store.run('UPDATE audit_log SET detail = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [
          row.seq,
          rewritten.detail,
          previous,
          hash,
        ]);
        previous = hash;
      }
      assert.equal((await verifyAuditLog(store)).kind, 'intact', 'every hash and link holds again');
      const verdict = await verifyAuditLog(store, {
        verifier,
        checkpoints: [{ source: 'cp', note: checkpoint.note }],
      });
      assert.match(
        verdict.kind === 'broken' ? verdict.problem : '',
        /not an extension of the checkpoint of 4 events/,
      );
    });

    it('refuses a checkpoint whose signature does not verify', async () => {
      await logOf(store, ['a']);
      const checkpoint = await signCheckpoint(store, clock, signer);
      const other = parseVerifierKey(verifierKeyText(parseSignerKey(generateSignerKey('desk.test'))));
      const verdict = await verifyAuditLog(store, {
        verifier: other,
        checkpoints: [{ source: 'cp', note: checkpoint.note }],
      });
      assert.match(verdict.kind === 'broken' ? verdict.problem : '', /signature/);
    });

    it('refuses to sign a log whose events no longer match their hashes', async () => {
      await logOf(store, ['a', 'b']);
      await store.run("UPDATE audit_log SET actor = 'x' WHERE seq = 1");
      await assert.rejects(signCheckpoint(store, clock, signer), /does not match its hash/);
      assert.equal((await storedCheckpoints(store)).length, 0);
    });
  });

  describe('personal data', () => {
    it('refuses an event whose detail names a TIN, a date of birth or a name', async () => {
      for (const detail of [
        { tin: 'x' },
        { dob: '1980-01-01' },
        { lastName: 'x' },
        { nested: { first_name: 'x' } },
      ])
        await assert.rejects(
          appendAuditEvent(store, clock, { actor: 'a', action: 'x', outcome: 'success', detail }),
          /personal data/,
        );
      assert.equal((await readAuditRows(store)).length, 0);
    });

    it('refuses a TIN-shaped value anywhere in the detail, but not a hash or a count', () => {
      assert.throws(() => assertNoPersonalData({ reason: 'TIN 900-70-0001 is malformed' }));
      assert.throws(() => assertNoPersonalData({ list: ['row 6: 900700001'] }));
      assert.doesNotThrow(() =>
        assertNoPersonalData({ sha256: 'ab123456789cd', records: 123456789, file: 'out/2026-01-15/x.csv' }),
      );
    });

    it('masks digit runs in free text: a partial TIN does not survive, a ZIP code does', () => {
      assert.equal(
        redactForAudit('column tin: "9007000" is not a TIN'),
        'column tin: "#######" is not a TIN',
      );
      assert.equal(redactForAudit('900-70-0001'), '###-##-####');
      assert.equal(redactForAudit('ZIP 78701, row 6'), 'ZIP 78701, row 6');
    });
  });
});
