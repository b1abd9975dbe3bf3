import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DeskError } from '../errors.ts';
import { readCsvRecords, type FileDigest } from './read-records.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-read-'));
const spec = {
  columns: ['request_id', 'first_name', 'last_name', 'city'] as const,
  required: ['request_id', 'last_name'] as const,
  strictColumns: true,
};

function fileWith(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function readAll(file: string, digest?: FileDigest) {
  const rows = [];
  for await (const row of readCsvRecords(file, spec, digest)) rows.push(row);
  return rows;
}

async function refusal(file: string): Promise<DeskError> {
  try {
    await readAll(file);
  } catch (error) {
    assert.ok(error instanceof DeskError, `expected a DeskError, got ${String(error)}`);
    assert.equal(error.code, 'MALFORMED_FILE');
    return error;
  }
  assert.fail('the file was accepted');
}

describe('readCsvRecords', () => {
  it('reads a BOM, CRLF line ends and a quoted newline as data, missing optional columns as empty', async () => {
    const file = fileWith(
      'ok.csv',
      '\uFEFFrequest_id,last_name,first_name\r\nR1,"Garcia\r\nLopez",María\r\nR2,Núñez,\r\n',
    );
    const rows = await readAll(file);
    assert.deepEqual(
      rows.map((row) => [
        row.rowNumber,
        row.record.request_id,
        row.record.last_name,
        row.record.first_name,
        row.record.city,
      ]),
      [
        [1, 'R1', 'Garcia\r\nLopez', 'María', ''],
        [2, 'R2', 'Núñez', '', ''],
      ],
    );
  });

  it('computes the SHA-256 of exactly the bytes read', async () => {
    const content = 'request_id,last_name\nR1,Smith\n';
    const digest: FileDigest = { sha256: '', bytes: 0 };
    await readAll(fileWith('hash.csv', content), digest);
    assert.equal(digest.sha256, createHash('sha256').update(content).digest('hex'));
    assert.equal(digest.bytes, Buffer.byteLength(content));
  });

  it('refuses bytes that are not UTF-8', async () => {
    const error = await refusal(
      fileWith(
        'latin1.csv',
        Buffer.from([...Buffer.from('request_id,last_name\nR1,Nu'), 0xf1, ...Buffer.from('ez\n')]),
      ),
    );
    assert.match(error.message, /not valid UTF-8 at byte 27 \(line 2, byte 0xf1\)/);
    assert.doesNotMatch(error.message, /Nu|ez/, 'the text around it is not quoted');
  });

  it('names the first bad byte of a long Latin-1 file and its line, not where reading stopped', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `R${i},Smith`).join('\n');
    const bytes = Buffer.from([
      ...Buffer.from(`request_id,last_name\n${rows}\nR9,Mu`),
      0xf1,
      ...Buffer.from('oz\n'),
    ]);
    const error = await refusal(fileWith('latin1-long.csv', bytes));
    assert.match(error.message, new RegExp(`at byte ${bytes.indexOf(0xf1) + 1} \\(line 5002,`));
  });

  it('refuses an empty file', async () => {
    assert.match((await refusal(fileWith('empty.csv', ''))).message, /empty/);
  });

  it('refuses a header without a required column, naming it', async () => {
    assert.match(
      (await refusal(fileWith('nolast.csv', 'request_id,first_name\nR1,Ann\n'))).message,
      /missing required column\(s\) last_name/,
    );
  });

  it('refuses an unknown column name, naming it', async () => {
    assert.match(
      (await refusal(fileWith('unknown.csv', 'request_id,last_name,ssn\nR1,Smith,1\n'))).message,
      /unknown column "ssn"/,
    );
  });

  it('refuses a row with an extra column, naming the row', async () => {
    assert.match(
      (await refusal(fileWith('extra.csv', 'request_id,last_name\nR1,Smith\nR2,Jones,oops\n'))).message,
      /row 2/,
    );
  });

  it('refuses a row with a missing column, naming the row', async () => {
    assert.match((await refusal(fileWith('short.csv', 'request_id,last_name\nR1\n'))).message, /row 1/);
  });

  it('says that a quote is never closed when it swallows more than a line may hold', async () => {
    const rest = Array.from({ length: 10_000 }, (_, i) => `R${i},Smith`).join('\n');
    const error = await refusal(fileWith('open-quote.csv', `request_id,last_name\nR1,"Smi\n${rest}\n`));
    assert.match(error.message, /row 1: .*a quote opened in it is never closed/);
  });

  it('refuses a truncated file whose quote never closes', async () => {
    assert.match(
      (await refusal(fileWith('trunc.csv', 'request_id,last_name\nR1,"Smi'))).message,
      /never closed|row 1/,
    );
  });

  it('refuses an over-long field, naming row and column', async () => {
    const error = await refusal(fileWith('long.csv', `request_id,last_name\nR1,${'A'.repeat(1_001)}\n`));
    assert.match(error.message, /row 1, column last_name/);
  });

  it('refuses an over-long line', async () => {
    await refusal(fileWith('longline.csv', `request_id,last_name\nR1,"${'A'.repeat(70_000)}"\n`));
  });
});
