import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import type { DeskError } from '../errors.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { assertedActor, osActor } from './actor.ts';
import { authorize, DUTIES, type Action } from './duties.ts';
import { createDeskIfNew, grantRoles, revokeRoles, ROLES } from './roles.ts';

const clock = fixedClock('2026-01-15T12:00:00Z');
const admin = osActor('root-admin');

async function refusals(store: DuckDbStore): Promise<{ actor: string; action: string; detail: string }[]> {
  return store.all("SELECT actor, action, detail FROM audit_log WHERE outcome = 'refused' ORDER BY seq");
}

describe('duties', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
    await createDeskIfNew(store, clock, admin, { demoDesk: false });
    for (const role of ROLES)
      if (role !== 'admin')
        await grantRoles(store, clock, { actor: admin, account: `only-${role}`, roles: [role] });
    await store.run(
      `INSERT INTO review_decisions VALUES ('B1', 'R1', 1, 'decide', 'CONFIRMED', 'T1', 'candidate', 'x', 'two-hats', '2026-01-15')`,
    );
    await grantRoles(store, clock, {
      actor: admin,
      account: 'two-hats',
      roles: ['reviewer', 'disclosure-officer'],
    });
  });
  after(() => store.close());

  it('makes the account that creates the desk its admin, and only that one', async () => {
    assert.deepEqual(await store.all("SELECT account FROM desk_roles WHERE role = 'admin'"), [
      { account: 'root-admin' },
    ]);
    assert.equal(await createDeskIfNew(store, clock, osActor('latecomer'), { demoDesk: true }), false);
  });

  it('allows each action to exactly the roles its row names (every row, every role)', async () => {
    for (const [action, duty] of Object.entries(DUTIES) as [Action, (typeof DUTIES)[Action]][]) {
      for (const role of ROLES) {
        const actor = role === 'admin' ? admin : osActor(`only-${role}`);
        const allowed = (duty.roles as readonly string[]).includes(role);
        // A role with its own condition (an agency client's own agency) is tested below.
        if (allowed && 'conditions' in duty && role in duty.conditions) continue;
        const attempt = authorize(store, clock, actor, action, { batchId: 'B-none' });
        if (allowed) await attempt;
        else
          await assert.rejects(
            attempt,
            (error: DeskError) => error.code === 'NOT_AUTHORIZED',
            `${role} ${action}`,
          );
      }
    }
  });

  it('refuses a disclosure officer who reviewed a request of the batch (two-person rule), and audits it', async () => {
    const before = (await refusals(store)).length;
    for (const action of ['batch.approve', 'batch.release', 'batch.resolve-hold'] as const) {
      await assert.rejects(
        authorize(store, clock, osActor('two-hats'), action, { batchId: 'B1' }),
        /two-person rule/,
      );
      await authorize(store, clock, osActor('two-hats'), action, { batchId: 'B2' });
    }
    const after = await refusals(store);
    assert.equal(after.length, before + 3);
    assert.deepEqual(
      after.slice(-3).map((row) => [row.actor, row.action]),
      [
        ['os:two-hats', 'batch.approve'],
        ['os:two-hats', 'batch.release'],
        ['os:two-hats', 'batch.resolve-hold'],
      ],
    );
  });

  it('knows an asserted actor by the same account, and audits it as asserted', async () => {
    await assert.rejects(
      authorize(store, clock, assertedActor('two-hats', 'mallory'), 'batch.approve', { batchId: 'B1' }),
      /two-person rule/,
    );
    const [last] = (await refusals(store)).slice(-1);
    assert.equal(last?.actor, 'asserted:two-hats (os:mallory)');
  });

  it('lets an agency client act only for its own agency, and audits a refusal', async () => {
    await store.run(
      "INSERT INTO accounts VALUES ('ice-client', 'client', 'DHS-ICE', NULL, 0, NULL, NULL, 'root-admin', '2026-01-15')",
    );
    await grantRoles(store, clock, { actor: admin, account: 'ice-client', roles: ['agency-client'] });
    const client = osActor('ice-client');
    await authorize(store, clock, client, 'batch.submit', { agency: 'DHS-ICE' });
    await assert.rejects(
      authorize(store, clock, client, 'batch.submit', { agency: 'FBI' }),
      /acts for DHS-ICE only/,
    );
    await assert.rejects(
      authorize(store, clock, client, 'response.download', { batchId: 'B-none' }),
      /acts for DHS-ICE only/,
    );
    const [last] = (await refusals(store)).slice(-1);
    assert.deepEqual([last?.actor, last?.action], ['os:ice-client', 'response.download']);
  });

  it("keeps the desk's last admin", async () => {
    await assert.rejects(
      revokeRoles(store, clock, { actor: admin, account: 'root-admin', roles: ['admin'] }),
      /last admin/,
    );
    await grantRoles(store, clock, { actor: admin, account: 'second-admin', roles: ['admin'] });
    assert.deepEqual(
      await revokeRoles(store, clock, { actor: admin, account: 'second-admin', roles: ['admin'] }),
      ['admin'],
    );
  });
});
