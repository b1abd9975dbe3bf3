import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readResponse, runCli, tempDir } from './cli.ts';

interface DemoJson {
  batchId: string;
  db: string;
  responseFile: string;
  outcomes: Record<string, number>;
  disclosures: number;
  wrongfulDisclosures: number;
  auditEvents: number;
}

describe('ddesk demo', () => {
  it('runs every stage on fresh synthetic data, answers every request and discloses nothing wrongly', async () => {
    const dir = path.join(tempDir('demo'), 'demo');
    const run = await runCli(['demo', '--dir', dir, '--taxpayers', '1500', '--requests', '400', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as DemoJson;
    const answered = Object.values(result.outcomes).reduce((a, b) => a + b, 0);
    assert.equal(answered, 400);
    assert.ok(
      (result.outcomes['REJECTED'] ?? 0) > 0,
      'the synthetic batch carries invalid requests, and screening rejects them',
    );
    assert.ok((result.outcomes['CONFIRMED'] ?? 0) > 0);
    assert.equal(result.disclosures, result.outcomes['CONFIRMED']);
    assert.equal(result.wrongfulDisclosures, 0);
    assert.ok(existsSync(result.db));
    const response = readResponse(result.responseFile);
    assert.equal(response.rows.length, 400);
    assert.equal(response.header['record_count'], '400');
    assert.deepEqual(
      [...new Set(response.rows.map((row) => row['code']))].sort(),
      ['CONFIRMED', 'NOT_CONFIRMED', 'REJECTED'],
      'the agency sees three codes only',
    );
    const verified = await runCli([
      'response',
      'verify',
      result.responseFile,
      '--keys',
      path.join(path.dirname(result.db), 'keys'),
    ]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.ok(result.auditEvents >= 6);

    // The demo desk has one person per duty; its auditor reads the trail and the ledger.
    const asAuditor = ['--db', result.db, '--actor', 'demo-auditor'];
    const verify = await runCli([...asAuditor, 'audit', 'verify']);
    assert.equal(verify.code, 0, verify.stderr);
    const ledger = JSON.parse(
      (await runCli([...asAuditor, 'ledger', 'list', '--limit', '100000', '--json'])).stdout,
    ) as unknown[];
    assert.equal(ledger.length, result.disclosures);
  });

  it('prints the outcome counts and where the files are for a person', async () => {
    const dir = path.join(tempDir('demo-text'), 'demo');
    const run = await runCli(['demo', '--dir', dir, '--taxpayers', '300', '--requests', '60']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /outcome\s+requests/);
    assert.match(run.stderr, /response file\s+\S+\.response\.csv/);
    assert.match(run.stderr, /audit chain intact/);
  });
});
