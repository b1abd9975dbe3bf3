import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import type { DeskError } from '../errors.ts';
import { loadProgram } from '../programs/program.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Manifest } from './manifest.ts';
import { submitBatch } from './submit-batch.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-submit-'));
const clock = fixedClock('2026-03-01T12:00:00Z');
const program = loadProgram();
const HEADER = 'request_id,first_name,last_name,address_line1,city,state,zip';

function batchFiles(name: string, body: string, overrides: Partial<Manifest> = {}) {
  const recordsFile = path.join(dir, `${name}.csv`);
  writeFileSync(recordsFile, body);
  const manifest: Manifest = {
    program: program.id,
    batch_id: name,
    requesting_agency: 'DHS-ICE',
    requesting_official: 'Director ICE (SYNTHETIC TEST)',
    statutory_authority: '8 U.S.C. § 1253(a)(1)',
    attestation: 'each person named is subject to a final order of removal',
    record_count: body.trim().split('\n').length - 1,
    records_sha256: createHash('sha256').update(body).digest('hex'),
    date: '2026-02-28',
    ...overrides,
  };
  return {
    manifest,
    manifestJson: JSON.stringify(manifest),
    recordsFile,
    program,
    actor: 'clerk',
    verifyDigest: true,
    strictColumns: true,
  };
}

async function count(store: DuckDbStore, sql: string): Promise<number> {
  const [row] = await store.all<{ n: bigint }>(sql);
  return Number(row?.n);
}

describe('submitBatch', () => {
  let store: DuckDbStore;
  beforeEach(async () => {
    store = await DuckDbStore.open(':memory:');
  });

  it('stores every record and the batch as received, with its audit event', async () => {
    const receipt = await submitBatch(
      store,
      clock,
      batchFiles(
        'B-OK',
        `${HEADER}\nR1,Ana,Ruiz,1 Main St,Austin,TX,78701\nR2,Bo,Li,2 Oak Ave,Austin,TX,78702\n`,
      ),
    );
    assert.equal(receipt.records, 2);
    assert.equal(await count(store, "SELECT count(*) AS n FROM batches WHERE stage = 'received'"), 1);
    assert.equal(await count(store, 'SELECT count(*) AS n FROM requests'), 2);
    const [event] = await store.all<{ action: string; outcome: string }>(
      'SELECT action, outcome FROM audit_log',
    );
    assert.deepEqual(event, { action: 'batch.submit', outcome: 'success' });
    store.close();
  });

  it('stores nothing of a file with a malformed row, and audits the refusal naming the row', async () => {
    const files = batchFiles(
      'B-BAD',
      `${HEADER}\nR1,Ana,Ruiz,1 Main St,Austin,TX,78701\nR2,Bo,Li,2 Oak Ave,Austin,TX\n`,
    );
    await assert.rejects(
      submitBatch(store, clock, files),
      (error: DeskError) => error.code === 'MALFORMED_FILE' && /row 2/.test(error.message),
    );
    assert.equal(await count(store, 'SELECT count(*) AS n FROM requests'), 0);
    assert.equal(await count(store, 'SELECT count(*) AS n FROM batches'), 0);
    assert.equal(
      await count(
        store,
        "SELECT count(*) AS n FROM audit_log WHERE outcome = 'refused' AND detail LIKE '%row 2%'",
      ),
      1,
    );
    store.close();
  });

  it('refuses a file whose SHA-256 differs from the manifest', async () => {
    const files = batchFiles('B-HASH', `${HEADER}\nR1,Ana,Ruiz,1 Main St,Austin,TX,78701\n`, {
      records_sha256: 'a'.repeat(64),
    });
    await assert.rejects(
      submitBatch(store, clock, files),
      (error: DeskError) => error.code === 'MANIFEST_MISMATCH',
    );
    assert.equal(await count(store, 'SELECT count(*) AS n FROM requests'), 0);
    store.close();
  });

  it('refuses a record count that differs from the manifest', async () => {
    const files = batchFiles('B-COUNT', `${HEADER}\nR1,Ana,Ruiz,1 Main St,Austin,TX,78701\n`, {
      record_count: 5,
    });
    await assert.rejects(
      submitBatch(store, clock, files),
      (error: DeskError) => error.code === 'MANIFEST_MISMATCH' && /5 records/.test(error.message),
    );
    store.close();
  });

  it('refuses a batch id that was already used (replay)', async () => {
    const files = batchFiles('B-REPLAY', `${HEADER}\nR1,Ana,Ruiz,1 Main St,Austin,TX,78701\n`);
    await submitBatch(store, clock, files);
    await assert.rejects(submitBatch(store, clock, files), (error: DeskError) => error.code === 'REPLAY');
    assert.equal(await count(store, 'SELECT count(*) AS n FROM requests'), 1);
    store.close();
  });

  it('refuses a spreadsheet formula in a field', async () => {
    const files = batchFiles(
      'B-FORMULA',
      `${HEADER}\nR1,=cmd|' /C calc'!A0,Ruiz,1 Main St,Austin,TX,78701\n`,
    );
    await assert.rejects(submitBatch(store, clock, files), (error: DeskError) =>
      /row 1, column first_name/.test(error.message),
    );
    store.close();
  });

  it('refuses two records with the same request id, naming the file and both rows', async () => {
    const files = batchFiles(
      'B-DUP',
      `${HEADER}\nR1,Ana,Ruiz,1 Main St,Austin,TX,78701\nR2,Cy,Ng,3 Elm St,Austin,TX,78703\nR1,Bo,Li,2 Oak Ave,Austin,TX,78702\n`,
    );
    await assert.rejects(submitBatch(store, clock, files), (error: DeskError) =>
      /B-DUP\.csv: row 3, column request_id: R1 was already used on row 1;/.test(error.message),
    );
    store.close();
  });
});
