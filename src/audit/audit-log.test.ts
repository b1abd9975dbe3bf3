import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { fixedClock } from '../clock.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { appendAuditEvent, auditRowHash, verifyAuditChain, type AuditRow } from './audit-log.ts';

const clock = fixedClock('2026-01-02T03:04:05Z');

async function chainOf(store: DuckDbStore, actions: readonly string[]): Promise<void> {
  await store.run('DELETE FROM audit_log');
  for (const action of actions)
    await appendAuditEvent(store, clock, { actor: 'tester', action, outcome: 'success', detail: { action } });
}

describe('audit chain', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  it('verifies an untouched chain and reports its length', async () => {
    await chainOf(store, ['a', 'b', 'c']);
    const verdict = await verifyAuditChain(store);
    assert.equal(verdict.kind, 'intact');
    assert.equal(verdict.rows, 3);
  });

  it('names the row whose content was altered', async () => {
    await chainOf(store, ['a', 'b', 'c', 'd']);
    await store.run("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
    const verdict = await verifyAuditChain(store);
    assert.deepEqual(verdict.kind === 'broken' && [verdict.seq, verdict.problem.includes('altered')], [
      3,
      true,
    ]);
  });

  it('detects a deleted row in the middle of the chain', async () => {
    await chainOf(store, ['a', 'b', 'c']);
    await store.run('DELETE FROM audit_log WHERE seq = 2');
    const verdict = await verifyAuditChain(store);
    assert.equal(verdict.kind === 'broken' ? verdict.seq : null, 3);
  });

  it('detects a row rewritten with a correctly recomputed hash: the next link breaks', async () => {
    await chainOf(store, ['a', 'b', 'c']);
    const [row] = await store.all<AuditRow>('SELECT * FROM audit_log WHERE seq = 2');
    assert.ok(row);
    const forged = { ...row, seq: Number(row.seq), detail: '{"forged":true}' };
    const { hash: _old, ...content } = forged;
    await store.run('UPDATE audit_log SET detail = $1, hash = $2 WHERE seq = 2', [
      forged.detail,
      auditRowHash(content),
    ]);
    const verdict = await verifyAuditChain(store);
    assert.deepEqual(verdict.kind === 'broken' && [verdict.seq, verdict.problem], [
      3,
      'prev_hash does not match the previous row',
    ]);
  });

  it('breaks at exactly the row changed, for any chain and any row (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        async (actions, pick) => {
          await chainOf(store, actions);
          const seq = (pick % actions.length) + 1;
          await store.run("UPDATE audit_log SET action = action || 'x' WHERE seq = $1", [seq]);
          const verdict = await verifyAuditChain(store);
          return verdict.kind === 'broken' && verdict.seq === seq;
        },
      ),
      { numRuns: 25 },
    );
  });
});
