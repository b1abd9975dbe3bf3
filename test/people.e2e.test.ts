import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PEOPLE, runCli, staffDesk, tempDir } from './cli.ts';

interface AuditRow {
  actor: string;
  action: string;
  outcome: string;
  detail: unknown;
}

const productionEnv = { DDESK_DEMO_DESK: '0', DDESK_ACTOR: '' };

describe('people: who acts, and what their roles allow (through the CLI)', () => {
  it('acts as the operating-system account, which becomes the admin of the desk it creates', async () => {
    const db = path.join(tempDir('people-os'), 'desk.duckdb');
    assert.equal((await runCli(['--db', db, 'init'], { env: productionEnv })).code, 0);
    const whoami = await runCli(['--db', db, 'roles', 'whoami', '--json'], { env: productionEnv });
    assert.equal(whoami.code, 0, whoami.stderr);
    const me = JSON.parse(whoami.stdout) as { account: string; authentication: string; roles: string[] };
    assert.equal(me.account, os.userInfo().username);
    assert.equal(me.authentication, 'os-account');
    assert.deepEqual(me.roles, ['admin']);
  });

  it('refuses --actor on a desk that is not a demo or test desk, and audits the attempt', async () => {
    const db = path.join(tempDir('people-assert'), 'desk.duckdb');
    assert.equal((await runCli(['--db', db, 'init'], { env: productionEnv })).code, 0);
    const asserted = await runCli(['--db', db, '--actor', 'alice', 'roles', 'whoami'], {
      env: productionEnv,
    });
    assert.equal(asserted.code, 4, asserted.stderr);
    assert.match(asserted.stderr, /not created as a demo or test desk/);
    const log = await runCli(['--db', db, 'audit', 'log', '--json'], { env: productionEnv });
    const events = JSON.parse(log.stdout) as AuditRow[];
    const refused = events.find((event) => event.action === 'actor.assert');
    assert.equal(refused?.outcome, 'refused');
    assert.equal(refused?.actor, `os:${os.userInfo().username}`);
  });

  it('refuses an action to an account without its role, naming the role, and audits the refusal', async () => {
    const db = path.join(tempDir('people-roles'), 'desk.duckdb');
    await staffDesk(db);
    const asReviewer = ['--db', db, '--actor', PEOPLE.reviewer];
    const ledger = await runCli([...asReviewer, 'ledger', 'list']);
    assert.equal(ledger.code, 4);
    assert.match(
      ledger.stderr,
      /NOT_AUTHORIZED: reviewer may not ledger\.read: it needs the role auditor or disclosure-officer/,
    );
    const grant = await runCli([...asReviewer, 'roles', 'grant', PEOPLE.reviewer, 'disclosure-officer']);
    assert.equal(grant.code, 4, 'only an admin grants roles');
    const log = await runCli(['--db', db, '--actor', PEOPLE.auditor, 'audit', 'log', '--json']);
    const refused = (JSON.parse(log.stdout) as AuditRow[]).filter((event) => event.outcome === 'refused');
    assert.deepEqual(refused.map((event) => [event.actor, event.action]).reverse(), [
      [`asserted:${PEOPLE.reviewer} (os:${os.userInfo().username})`, 'ledger.read'],
      [`asserted:${PEOPLE.reviewer} (os:${os.userInfo().username})`, 'roles.grant'],
    ]);
  });

  it('lists the roles an admin granted, each grant on record', async () => {
    const db = path.join(tempDir('people-list'), 'desk.duckdb');
    await staffDesk(db);
    const list = await runCli(['--db', db, 'roles', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    const grants = JSON.parse(list.stdout) as { account: string; role: string; granted_by: string }[];
    assert.ok(grants.some((g) => g.account === PEOPLE.officer && g.role === 'disclosure-officer'));
    assert.ok(grants.every((g) => g.granted_by.startsWith('asserted:e2e-tester')));
  });
});
