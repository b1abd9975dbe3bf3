import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import { osActor } from '../people/actor.ts';
import { createDeskIfNew } from '../people/roles.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { addAccount } from './accounts/service-accounts.ts';
import { startService } from './run-service.ts';

const clock = fixedClock('2026-03-02T12:00:00Z');
const PASSWORD = 'a long enough password';

/** A desk file with one intake clerk, as `ddesk init` and `ddesk user add` leave it. */
async function deskWithClerk(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-serve-'));
  const db = path.join(dir, 'desk.duckdb');
  const store = await DuckDbStore.open(db);
  try {
    const admin = osActor('root-admin');
    await createDeskIfNew(store, clock, admin, { demoDesk: false });
    await addAccount(store, clock, {
      actor: admin,
      account: 'clerk',
      roles: ['intake-clerk'],
      password: PASSWORD,
    });
  } finally {
    store.close();
  }
  return db;
}

describe('stopping the service', () => {
  it('finishes the requests in flight, refuses new ones, then closes the database', async () => {
    const db = await deskWithClerk();
    const dir = path.dirname(db);
    const service = await startService({
      db,
      host: '127.0.0.1',
      port: 0,
      keysDir: path.join(dir, 'keys'),
      responsesDir: path.join(dir, 'responses'),
      clock,
    });
    const signIn = await fetch(`${service.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'clerk', password: PASSWORD }),
    });
    assert.equal(signIn.status, 200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    // Someone holds the desk: the next request waits in the queue, in flight.
    let release!: () => void;
    const held = service.access.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
    const inFlight = fetch(`${service.url}/api/batches`, { headers: { cookie } });
    for (let i = 0; i < 200 && service.access.busy < 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(service.access.busy, 2, 'the request waits for the desk');

    let stopped = false;
    const stopping = service.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(stopped, false, 'stopping waits for the request in flight');
    await assert.rejects(
      fetch(`${service.url}/api/health`, { headers: { connection: 'close' } }),
      'a new request is refused once stopping began',
    );

    release();
    await held;
    const answer = await inFlight;
    assert.equal(answer.status, 200, 'the request in flight is answered');
    assert.deepEqual(await answer.json(), []);
    // The client keeps its connection alive; stopping must not wait for it to let go.
    const answeredAt = Date.now();
    await stopping;
    assert.ok(Date.now() - answeredAt < 5000, `stopped ${Date.now() - answeredAt} ms after the last answer`);
    assert.equal(stopped, true);
    // Closed: the file is free for the CLI again.
    const again = await DuckDbStore.open(db);
    const [events] = await again.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'account.sign-in' AND outcome = 'success'",
    );
    assert.equal(Number(events?.n), 1);
    again.close();
  });
});
