import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { auditRowHash, GENESIS_HASH, readAuditRows, appendAuditEvent } from '../audit/audit-log.ts';
import { fixedClock } from '../clock.ts';
import { osActor } from '../people/actor.ts';
import { createDeskIfNew, rolesOf } from '../people/roles.ts';
import {
  addAccount,
  disableAccount,
  issueToken,
  listAccounts,
} from '../service/accounts/service-accounts.ts';
import { LOCKOUT_FAILURES, sessionCaller, signIn, tokenCaller } from '../service/accounts/sign-in.ts';
import { PostgresStore } from './postgres/postgres-store.ts';
import { PG_OWNER_URL, storeAdapters, type Concurrently } from './store-adapters.ts';
import type { Store } from './store.ts';

/**
 * One suite for the people, accounts and audit table group, run against every adapter of the
 * Store interface (store-adapters.ts; the batches, decisions, ledger and jobs groups: repository-suite.test.ts).
 */
const ADAPTERS = storeAdapters('store suite');

const clock = fixedClock('2026-03-02T12:00:00Z');
const admin = osActor('root-admin');
const origin = { ip: '192.0.2.7' };
const PASSWORD = 'a long enough password';

for (const adapter of ADAPTERS)
  describe(`people, accounts and the audit trail on ${adapter.name}`, () => {
    let store: Store;
    let owner: Store | undefined;
    let dispose: () => Promise<void>;
    let concurrently: Concurrently;
    before(async () => {
      ({ store, owner, dispose, concurrently } = await adapter.open());
      await createDeskIfNew(store, clock, admin, { demoDesk: false });
    });
    after(() => dispose());

    it('adds accounts with their roles, each change audited', async () => {
      await addAccount(store, clock, {
        actor: admin,
        account: 'rita',
        roles: ['reviewer'],
        password: PASSWORD,
      });
      await addAccount(store, clock, {
        actor: admin,
        account: 'ice',
        roles: ['agency-client'],
        agency: 'DHS-ICE',
      });
      assert.deepEqual(await rolesOf(store, 'rita'), ['reviewer']);
      assert.deepEqual(
        (await listAccounts(store)).map((a) => [a.account, a.kind, a.agency, a.roles]),
        [
          ['ice', 'client', 'DHS-ICE', 'agency-client'],
          ['rita', 'person', null, 'reviewer'],
        ],
      );
      await assert.rejects(
        addAccount(store, clock, { actor: admin, account: 'rita', roles: ['auditor'], password: PASSWORD }),
        /exists/,
      );
    });

    it('signs in, keeps a session, locks after repeated failures', async () => {
      const { sessionId } = await signIn(store, clock, { account: 'rita', password: PASSWORD, origin });
      const caller = await sessionCaller(store, clock, { sessionId, idleMinutes: 30 });
      assert.equal(caller?.actor.account, 'rita');
      for (let i = 0; i < LOCKOUT_FAILURES; i++)
        await assert.rejects(
          signIn(store, clock, { account: 'rita', password: 'wrong password!', origin }),
          /wrong/,
        );
      await assert.rejects(
        signIn(store, clock, { account: 'rita', password: PASSWORD, origin }),
        /locked until/,
      );
    });

    it('knows a client by a token until the account is disabled', async () => {
      const { token } = await issueToken(store, clock, { actor: admin, account: 'ice', label: 'suite' });
      const caller = await tokenCaller(store, clock, { token, origin, route: 'GET /api/batches' });
      assert.equal(caller.agency, 'DHS-ICE');
      assert.deepEqual(await disableAccount(store, clock, { actor: admin, account: 'ice' }), {
        sessionsEnded: 0,
        tokensRevoked: 1,
      });
      await assert.rejects(
        tokenCaller(store, clock, { token, origin, route: 'GET /api/batches' }),
        /not valid/,
      );
    });

    it('keeps the audit trail one chain of hashed events, with their origin', async () => {
      const rows = await readAuditRows(store);
      assert.ok(rows.length >= 12);
      let previous = GENESIS_HASH;
      for (const [i, row] of rows.entries()) {
        assert.equal(row.seq, i + 1);
        assert.equal(row.prev_hash, previous);
        assert.equal(auditRowHash(row), row.hash, `event ${row.seq}`);
        previous = row.hash;
      }
      const signIns = rows.filter((row) => row.action === 'account.sign-in');
      assert.deepEqual(
        signIns.map((row) => row.outcome),
        ['success', ...Array<string>(LOCKOUT_FAILURES + 1).fill('failure')],
      );
      assert.ok(
        signIns.every((row) => (JSON.parse(row.detail) as { client?: string }).client === '192.0.2.7'),
      );
    });

    it('keeps one chain when many write at once', async () => {
      await Promise.all(
        Array.from({ length: 8 }, (_v, i) =>
          concurrently((s) =>
            s.transaction((tx) =>
              appendAuditEvent(tx, clock, {
                actor: `session:p${i}`,
                action: 'review.list',
                outcome: 'success',
              }),
            ),
          ),
        ),
      );
      const rows = await readAuditRows(store);
      assert.deepEqual(
        rows.map((row) => row.seq),
        rows.map((_row, i) => i + 1),
      );
      for (let i = 1; i < rows.length; i++) assert.equal(rows[i]?.prev_hash, rows[i - 1]?.hash);
    });

    if (adapter.name === 'postgres')
      it('migrates one empty schema once when several processes start at once', async () => {
        const schema = `m_${process.pid}_${randomBytes(4).toString('hex')}`;
        const opened = await Promise.allSettled(
          [1, 2, 3, 4].map(() => PostgresStore.open(PG_OWNER_URL ?? '', { schema, migrate: true })),
        );
        const stores = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
        try {
          assert.deepEqual(
            opened.map((o) => (o.status === 'fulfilled' ? 'migrated' : String(o.reason))),
            ['migrated', 'migrated', 'migrated', 'migrated'],
          );
          const [row] = await stores[0]!.all<{ n: bigint; names: bigint }>(
            'SELECT count(*) AS n, count(DISTINCT name) AS names FROM schema_migrations',
          );
          assert.ok(Number(row?.n) >= 6);
          assert.equal(Number(row?.n), Number(row?.names), 'each migration applied once');
        } finally {
          await stores[0]?.run(`DROP SCHEMA ${schema} CASCADE`);
          for (const store of stores) await store.end();
        }
      });

    if (adapter.name === 'postgres')
      it('refuses to change or remove an audit row: the application role lacks the right, and a trigger stops even the owner', async () => {
        await assert.rejects(
          store.run("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"),
          /permission denied/,
        );
        await assert.rejects(store.run('DELETE FROM audit_log WHERE seq = 1'), /permission denied/);
        await assert.rejects(
          owner!.run("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"),
          /append-only: UPDATE on audit_log refused/,
        );
        await assert.rejects(owner!.run('DELETE FROM audit_log'), /append-only: DELETE on audit_log refused/);
        await assert.rejects(owner!.run('TRUNCATE audit_log'), /append-only: TRUNCATE on audit_log refused/);
      });
  });
