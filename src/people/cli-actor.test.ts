import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { identifyCliActor } from './cli-actor.ts';
import { rolesOf } from './roles.ts';

const clock = fixedClock('2026-01-15T12:00:00Z');

describe('the actor of a CLI command', () => {
  it('is the operating-system account, which becomes admin of the desk it creates', async () => {
    const store = await DuckDbStore.open(':memory:');
    const actor = await identifyCliActor(store, clock, { demoDesk: false, osAccount: 'carol' });
    assert.deepEqual(actor, { account: 'carol', authentication: 'os-account', osAccount: 'carol' });
    assert.deepEqual(await rolesOf(store, 'carol'), ['admin']);
    const [event] = await store.all<{ actor: string; action: string }>('SELECT actor, action FROM audit_log');
    assert.deepEqual(event, { actor: 'os:carol', action: 'desk.create' });
    store.close();
  });

  it('refuses --actor on a desk not created as a demo desk, and audits the attempt under the real account', async () => {
    const store = await DuckDbStore.open(':memory:');
    await identifyCliActor(store, clock, { demoDesk: false, osAccount: 'carol' });
    await assert.rejects(
      identifyCliActor(store, clock, { demoDesk: true, osAccount: 'mallory', assertedActor: 'carol' }),
      /not created as a demo or test desk/,
    );
    const [refused] = await store.all<{ actor: string; detail: string }>(
      "SELECT actor, detail FROM audit_log WHERE outcome = 'refused'",
    );
    assert.equal(refused?.actor, 'os:mallory');
    assert.match(refused?.detail ?? '', /"asserted":"carol"/);
    store.close();
  });

  it('refuses --actor when creating a desk without the demo switch, creating nothing', async () => {
    const store = await DuckDbStore.open(':memory:');
    await assert.rejects(
      identifyCliActor(store, clock, { demoDesk: false, osAccount: 'mallory', assertedActor: 'carol' }),
      /--demo-desk/,
    );
    assert.deepEqual(await store.all('SELECT * FROM desk_roles'), []);
    store.close();
  });

  it('accepts --actor on a demo desk and marks it asserted, naming who asserted it', async () => {
    const store = await DuckDbStore.open(':memory:');
    const creator = await identifyCliActor(store, clock, {
      demoDesk: true,
      osAccount: 'ci',
      assertedActor: 'admin-1',
    });
    assert.equal(creator.authentication, 'asserted');
    assert.deepEqual(await rolesOf(store, 'admin-1'), ['admin']);
    const later = await identifyCliActor(store, clock, {
      demoDesk: false,
      osAccount: 'ci',
      assertedActor: 'bob',
    });
    assert.deepEqual(later, { account: 'bob', authentication: 'asserted', osAccount: 'ci' });
    store.close();
  });

  it('refuses an account name that is not one', async () => {
    const store = await DuckDbStore.open(':memory:');
    await assert.rejects(
      identifyCliActor(store, clock, { demoDesk: true, osAccount: 'ci', assertedActor: 'bob; DROP TABLE' }),
      /not an account name/,
    );
    store.close();
  });
});
