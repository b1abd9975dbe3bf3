import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { appendAuditEvent, readAuditRows } from './audit-log.ts';
import { openAuditSession, recordCommandFailure, setAuditedCommand } from './audit-session.ts';
import { storedCheckpoints } from './checkpoint.ts';

const db = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ddesk-session-')), 'desk.duckdb');
const clock = fixedClock('2026-02-01T00:00:00Z');

describe('the audit session around a command', () => {
  it('signs the daily checkpoint when none is a day old, then not again that day', async () => {
    const store = await DuckDbStore.open(':memory:');
    const file = db();
    await appendAuditEvent(store, clock, { actor: 'a', action: 'x', outcome: 'success' });
    await openAuditSession(store, clock, { db: file, interface: 'cli' });
    await openAuditSession(store, fixedClock('2026-02-01T23:00:00Z'), { db: file, interface: 'cli' });
    assert.equal((await storedCheckpoints(store)).length, 1);
    await openAuditSession(store, fixedClock('2026-02-02T00:00:01Z'), { db: file, interface: 'cli' });
    assert.equal((await storedCheckpoints(store)).length, 2);
    store.close();
  });

  it('lets a command run (audit verify must) when the log no longer verifies, signing nothing', async () => {
    const store = await DuckDbStore.open(':memory:');
    await appendAuditEvent(store, clock, { actor: 'a', action: 'x', outcome: 'success' });
    await store.run("UPDATE audit_log SET actor = 'mallory'");
    await openAuditSession(store, clock, { db: db(), interface: 'cli' });
    assert.equal((await storedCheckpoints(store)).length, 0);
    store.close();
  });

  it('records a refused command against the batch its arguments name, once, never the arguments', async () => {
    const store = await DuckDbStore.open(':memory:');
    await store.run(
      `INSERT INTO batches (batch_id, program_id, program_version, requesting_agency, requesting_official, record_count, records_sha256, manifest_json, stage, received_at, updated_at)
       VALUES ('B1', 'p', '1', 'DHS-ICE', 'x', 0, 'x', '{}', 'released', '2026-01-01', '2026-01-01')`,
    );
    setAuditedCommand('batch approve', ['B1', '900-70-0001']);
    await openAuditSession(store, clock, { db: db(), interface: 'cli' });
    await recordCommandFailure(
      store,
      clock,
      'os:alice',
      new DeskError('WRONG_STAGE', 'batch B1 is released; TIN 900700001'),
    );
    await recordCommandFailure(store, clock, 'os:alice', new DeskError('WRONG_STAGE', 'again'));
    const events = (await readAuditRows(store)).filter((row) => row.action === 'batch.approve');
    assert.equal(events.length, 1, 'a failure the command already recorded is not recorded twice');
    assert.equal(events[0]?.batch_id, 'B1');
    assert.equal(events[0]?.outcome, 'refused');
    assert.equal(events[0]?.interface, 'cli');
    assert.doesNotMatch(JSON.stringify(events[0]), /900-?70-?0001|700001/);
    store.close();
  });
});
