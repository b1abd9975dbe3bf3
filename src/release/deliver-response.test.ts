import assert from 'node:assert/strict';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { outputFolder, removeLeftovers, writeAtomically } from './deliver-response.ts';

const fresh = () => outputFolder(mkdtempSync(path.join(os.tmpdir(), 'ddesk-deliver-')));

describe('delivering a response', () => {
  it('writes the whole file under its name and leaves no temporary file, owner-only', () => {
    const dir = fresh();
    writeAtomically(dir, 'B.response.csv', 'a,b\n1,2\n');
    assert.equal(readFileSync(path.join(dir, 'B.response.csv'), 'utf8'), 'a,b\n1,2\n');
    assert.deepEqual(readdirSync(dir), ['B.response.csv']);
    assert.equal(lstatSync(path.join(dir, 'B.response.csv')).mode & 0o077, 0);
  });

  it('replaces a symlink at the final name instead of writing through it', () => {
    const dir = fresh();
    const elsewhere = path.join(fresh(), 'victim.txt');
    writeFileSync(elsewhere, 'untouched');
    symlinkSync(elsewhere, path.join(dir, 'B.response.csv'));
    writeAtomically(dir, 'B.response.csv', 'response');
    assert.equal(readFileSync(elsewhere, 'utf8'), 'untouched');
    assert.ok(lstatSync(path.join(dir, 'B.response.csv')).isFile());
  });

  it('removes the temporary files a crash left for these names, and nothing else', () => {
    const dir = fresh();
    writeFileSync(path.join(dir, '.B.response.csv.1234.tmp'), 'partial');
    writeFileSync(path.join(dir, '.B.response.csv.jws.99.tmp'), 'partial');
    writeFileSync(path.join(dir, '.C.response.csv.1.tmp'), 'another batch');
    writeFileSync(path.join(dir, 'notes.tmp'), 'not ours');
    const removed = removeLeftovers(dir, ['B.response.csv', 'B.response.csv.jws']);
    assert.equal(removed.length, 2);
    assert.deepEqual(readdirSync(dir).sort(), ['.C.response.csv.1.tmp', 'notes.tmp']);
    assert.ok(!existsSync(path.join(dir, '.B.response.csv.1234.tmp')));
  });
});
