import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DuckDbStore } from './duckdb-store.ts';
import { databaseKeyFile, isEncryptedDatabaseFile } from './database-key.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function freshDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-encryption-'));
  dirs.push(dir);
  return dir;
}

/** Every file under dir (the database, its WAL, its spill folder, the keys), with its bytes. */
function filesUnder(dir: string): { file: string; bytes: Buffer; mode: number }[] {
  return readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => existsSync(file) && statSync(file).isFile())
    .map((file) => ({ file, bytes: readFileSync(file), mode: statSync(file).mode & 0o777 }));
}

// Long synthetic values: a random 12-byte string occurs in megabytes of ciphertext with odds of
// about 10^-22, so finding one means it is stored in the clear.
const SURNAME = 'QUIXOTEVALDERRAMA';
const TIN = '912-78-3456';

describe('encryption at rest', () => {
  it('keeps names and TINs out of the database file, its WAL and its spill files, all owner-only', async () => {
    const dir = freshDir();
    const db = path.join(dir, 'desk.duckdb');
    const store = await DuckDbStore.open(db, { memoryLimit: '64MB', threads: 1 });
    try {
      // Committed but not yet checkpointed: it sits in the WAL.
      await store.run(
        "INSERT INTO requests (batch_id, row_number, request_id, last_name, tin) VALUES ('B', 1, 'R1', $1, $2)",
        [SURNAME, TIN],
      );
      // A sort far larger than the memory limit spills to the temporary folder while it runs.
      await store.run(
        `CREATE TEMP TABLE spilled AS SELECT $1 || i || repeat('x', 60) AS name, $2 AS tin FROM range(1500000) t(i) ORDER BY name DESC`,
        [SURNAME, TIN],
      );
      const files = filesUnder(dir);
      const names = files.map((f) => path.relative(dir, f.file));
      assert.ok(names.includes('desk.duckdb.wal'), `the WAL is on disk (${names.join(', ')})`);
      assert.ok(
        names.some((name) => name.startsWith('desk.duckdb.tmp')),
        `spill files are on disk (${names.join(', ')})`,
      );
      for (const { file, bytes, mode } of files) {
        assert.equal(bytes.includes(SURNAME), false, `${file} holds the surname in the clear`);
        assert.equal(bytes.includes(TIN), false, `${file} holds the TIN in the clear`);
        assert.equal(mode & 0o077, 0, `${file} is readable by others (mode ${mode.toString(8)})`);
      }
    } finally {
      store.close();
    }
    assert.ok(isEncryptedDatabaseFile(db));
    assert.equal((statSync(databaseKeyFile(db)).mode & 0o777).toString(8), '600');
  });

  it('the same search finds the values in a database written without encryption (the control)', async () => {
    const dir = freshDir();
    const db = path.join(dir, 'plain.duckdb');
    const store = await DuckDbStore.open(db, { encryption: 'none' });
    await store.run(
      "INSERT INTO requests (batch_id, row_number, request_id, last_name, tin) VALUES ('B', 1, 'R1', $1, $2)",
      [SURNAME, TIN],
    );
    store.close();
    assert.equal(isEncryptedDatabaseFile(db), false);
    assert.ok(filesUnder(dir).some(({ bytes }) => bytes.includes(SURNAME) && bytes.includes(TIN)));
  });

  it('reopens with its key, and refuses a wrong key or a missing one with a clear message', async () => {
    const dir = freshDir();
    const db = path.join(dir, 'desk.duckdb');
    const first = await DuckDbStore.open(db);
    await first.run("INSERT INTO requests (batch_id, row_number, request_id) VALUES ('B', 1, 'R1')");
    first.close();
    const again = await DuckDbStore.open(db);
    assert.equal((await again.all('SELECT * FROM requests')).length, 1);
    again.close();

    const keyFile = databaseKeyFile(db);
    const key = readFileSync(keyFile, 'utf8');
    writeFileSync(keyFile, 'another key entirely, long enough\n', { mode: 0o600 });
    await assert.rejects(DuckDbStore.open(db), /wrong key/);
    rmSync(keyFile);
    await assert.rejects(DuckDbStore.open(db), /encrypted and no key was found.*DDESK_DB_KEY/);
    process.env['DDESK_DB_KEY'] = key.trim();
    try {
      const fromEnvironment = await DuckDbStore.open(db);
      assert.equal((await fromEnvironment.all('SELECT * FROM requests')).length, 1);
      fromEnvironment.close();
    } finally {
      delete process.env['DDESK_DB_KEY'];
    }
  });

  it('refuses a key file that other users can read', async () => {
    const dir = freshDir();
    const db = path.join(dir, 'desk.duckdb');
    (await DuckDbStore.open(db)).close();
    const keyFile = databaseKeyFile(db);
    writeFileSync(keyFile, readFileSync(keyFile), { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    await assert.rejects(DuckDbStore.open(db), /readable by other users/);
  });
});
