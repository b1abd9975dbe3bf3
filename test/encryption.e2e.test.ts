import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { runCli, tempDir } from './cli.ts';

/**
 * Every TIN and name the synthetic data generated, searched for in every file an end-to-end run
 * leaves behind except its own inputs: the database (encrypted), the response, the keys, the
 * exported checkpoints, the accounting reports and the audit log export. Names shorter than six
 * letters are left out: a random 5-byte string turns up in megabytes of ciphertext by chance.
 */
function personalValues(dataDir: string): Set<string> {
  const values = new Set<string>();
  for (const file of ['requests.csv', 'reference.csv']) {
    const rows: Record<string, string>[] = parse(readFileSync(path.join(dataDir, file)), { columns: true });
    for (const row of rows) {
      for (const column of ['first_name', 'middle_name', 'last_name'])
        for (const word of (row[column] ?? '').split(/[\s-]+/)) if (word.length >= 6) values.add(word);
      const tin = row['tin'] ?? '';
      if (/\d/.test(tin)) {
        values.add(tin);
        values.add(tin.replace(/\D/g, ''));
      }
    }
  }
  return values;
}

function filesUnder(dir: string, skip: (file: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => statSync(file).isFile() && !skip(file));
}

describe('encryption at rest, end to end', () => {
  it('leaves no generated TIN or name in any file of a run but its inputs', async () => {
    const dir = path.join(tempDir('leak'), 'demo');
    const demo = await runCli(['demo', '--dir', dir, '--taxpayers', '600', '--requests', '150', '--json']);
    assert.equal(demo.code, 0, demo.stderr);
    const { db } = JSON.parse(demo.stdout) as { db: string };
    const out = path.join(dir, 'outputs');
    const ddesk = (...args: string[]) => runCli(['--db', db, '--actor', 'demo-auditor', ...args]);
    const year = String(new Date().getUTCFullYear());
    for (const args of [
      ['audit', 'checkpoint', 'export', '--out', path.join(out, 'checkpoints')],
      ...['text', 'csv', 'json', 'html'].map((format) => [
        'ledger',
        'report',
        '--year',
        year,
        '--format',
        format,
        '--out',
        path.join(out, `accounting.${format}`),
      ]),
    ]) {
      const result = await ddesk(...args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    }
    const auditLog = await ddesk('audit', 'log', '--limit', '100000', '--json');
    assert.equal(auditLog.code, 0, auditLog.stderr);

    const values = personalValues(path.join(dir, 'data'));
    assert.ok(values.size > 300, `${values.size} TINs and names to look for`);
    const requestsCsv = readFileSync(path.join(dir, 'data', 'requests.csv'));
    assert.ok(
      [...values].some((value) => requestsCsv.includes(value)),
      'the search finds them in the input (it can fail)',
    );
    const inputs = new Set(['data', 'keys', 'manifest.json', 'manifest.jws']);
    const files = filesUnder(dir, (file) => inputs.has(path.relative(dir, file).split(path.sep)[0] ?? ''));
    assert.ok(files.some((file) => file.endsWith('.duckdb')));
    assert.ok(files.some((file) => file.endsWith('.response.csv')));
    const found: string[] = [];
    const contents = [
      ...files.map((file) => ({ what: path.relative(dir, file), bytes: readFileSync(file) })),
      { what: 'audit log --json', bytes: Buffer.from(auditLog.stdout) },
    ];
    for (const { what, bytes } of contents)
      for (const value of values) if (bytes.includes(value)) found.push(`${value} in ${what}`);
    assert.deepEqual(found, []);
  });
});
