import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { coverageSnapshot } from '../audit/row-coverage.ts';
import { decisionsDigest, decisionsDigestOf, decisionsDigestV1 } from './decisions-digest.ts';

describe('the digest an approval binds', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
    await store.run(
      `INSERT INTO decisions VALUES
        ('B1', 'R1', 'CONFIRMED', NULL, 'sure', 'T1', 0.9999, NULL, 'desk', '2026-01-15 12:00:00'),
        ('B1', 'R2', 'NO_RECORD', NULL, 'no candidate', NULL, NULL, NULL, 'desk', '2026-01-15 12:00:00'),
        ('B2', 'R1', 'REJECTED', 'address.usable', 'placeholder', NULL, NULL, NULL, 'screening', '2026-01-15 12:00:00')`,
    );
  });
  after(() => store.close());

  it('is stable for the same decisions and counts them', async () => {
    const first = await decisionsDigest(store, 'B1');
    assert.deepEqual(await decisionsDigest(store, 'B1'), first);
    assert.equal(first.decisions, 2);
    assert.match(first.sha256, /^[0-9a-f]{64}$/);
    assert.notEqual((await decisionsDigest(store, 'B2')).sha256, first.sha256);
  });

  it('is the digest of the decisions as their audit coverage hashes them', async () => {
    const digest = await decisionsDigest(store, 'B1');
    assert.equal(digest.version, 2);
    assert.deepEqual(decisionsDigestOf(await coverageSnapshot(store, 'decisions', 'B1')), digest);
    assert.throws(() =>
      decisionsDigestOf({ table: 'decisions', batchId: 'B1', buckets: ['00'], digests: new Map() }),
    );
  });

  it('is still computed in its first form for batches approved so', async () => {
    const first = await decisionsDigestV1(store, 'B1');
    assert.deepEqual(await decisionsDigestV1(store, 'B1'), first);
    assert.equal(first.decisions, 2);
    assert.equal(first.version, 1);
    assert.notEqual(first.sha256, (await decisionsDigest(store, 'B1')).sha256);
  });

  for (const [what, change] of [
    ['an outcome', "UPDATE decisions SET outcome = 'CONFIRMED' WHERE request_id = 'R2' AND batch_id = 'B1'"],
    ['the taxpayer', "UPDATE decisions SET taxpayer_id = 'T9' WHERE request_id = 'R1' AND batch_id = 'B1'"],
    [
      'who decided',
      "UPDATE decisions SET decided_by = 'review:mallory' WHERE request_id = 'R1' AND batch_id = 'B1'",
    ],
    ['a NULL made empty', "UPDATE decisions SET rule_id = '' WHERE request_id = 'R2' AND batch_id = 'B1'"],
    ['a decision removed', "DELETE FROM decisions WHERE request_id = 'R2' AND batch_id = 'B1'"],
  ] as const)
    it(`changes when ${what} changes`, async () => {
      const before = await decisionsDigest(store, 'B1');
      const beforeV1 = await decisionsDigestV1(store, 'B1');
      await store.run('BEGIN TRANSACTION');
      await store.run(change);
      const changed = await decisionsDigest(store, 'B1');
      const changedV1 = await decisionsDigestV1(store, 'B1');
      await store.run('ROLLBACK');
      assert.notEqual(changed.sha256, before.sha256);
      assert.notEqual(changedV1.sha256, beforeV1.sha256);
      assert.deepEqual(await decisionsDigest(store, 'B1'), before);
    });
});
