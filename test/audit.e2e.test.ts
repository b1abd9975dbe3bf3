import { DuckDBInstance } from '@duckdb/node-api';
import assert from 'node:assert/strict';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli, tempDir } from './cli.ts';

interface DemoJson {
  batchId: string;
  db: string;
}

/** Runs SQL on a desk database as an insider with database access would. */
async function tamper(db: string, ...statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  try {
    for (const sql of statements) await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('the audit log, as an auditor and an insider would try it', () => {
  let demoDir: string;
  let demo: DemoJson;
  /** A fresh copy of the released demo desk (database and its keys), and the auditor's checkpoints. */
  async function copyOfDesk(name: string) {
    const dir = path.join(tempDir(`audit-${name}`), 'desk');
    cpSync(demoDir, dir, { recursive: true });
    const db = path.join(dir, path.basename(demo.db));
    const ddesk = (...args: string[]) => runCli(['--db', db, ...args]);
    const checkpoints = path.join(dir, 'auditor-checkpoints');
    const exported = await ddesk('audit', 'checkpoint', 'export', '--out', checkpoints);
    assert.equal(exported.code, 0, exported.stderr);
    return { db, ddesk, checkpoints };
  }

  before(async () => {
    demoDir = path.join(tempDir('audit-demo'), 'demo');
    const run = await runCli(['demo', '--dir', demoDir, '--taxpayers', '300', '--requests', '60', '--json']);
    assert.equal(run.code, 0, run.stderr);
    demo = JSON.parse(run.stdout) as DemoJson;
  });

  it('verifies the released desk against the checkpoint the release signed', async () => {
    const { ddesk, checkpoints } = await copyOfDesk('intact');
    assert.ok(readdirSync(checkpoints).some((name) => name.endsWith('.note')));
    assert.ok(readdirSync(checkpoints).includes('desk.vkey'));
    const verify = await ddesk(
      'audit',
      'verify',
      '--checkpoint',
      checkpoints,
      '--public-key',
      path.join(checkpoints, 'desk.vkey'),
    );
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stderr, /audit log intact: \d+ events.*[1-9]\d* checkpoint\(s\) extended/);
  });

  it('names the release when one ledger row is deleted', async () => {
    const { db, ddesk } = await copyOfDesk('ledger-row');
    await tamper(db, 'DELETE FROM ledger WHERE entry_id = (SELECT min(entry_id) FROM ledger)');
    const verify = await ddesk('audit', 'verify');
    assert.equal(verify.code, 8);
    assert.match(
      verify.stderr,
      /ledger rows of batch \S+ .*no longer match event \d+ \(batch\.release\): 1 row\(s\) deleted/,
    );
  });

  it('names the release when a decision is changed after it', async () => {
    const { db, ddesk } = await copyOfDesk('decision');
    await tamper(
      db,
      "UPDATE decisions SET outcome = 'CONFIRMED' WHERE request_id = (SELECT min(request_id) FROM decisions WHERE outcome = 'NO_RECORD')",
    );
    const verify = await ddesk('audit', 'verify');
    assert.equal(verify.code, 8);
    assert.match(verify.stderr, /decisions rows of batch .*event \d+ \(batch\.release\): row\(s\) altered/);
  });

  it("detects a truncated log against the auditor's checkpoints, even with the desk's own removed", async () => {
    const { db, ddesk, checkpoints } = await copyOfDesk('truncate');
    await tamper(
      db,
      'DELETE FROM audit_coverage WHERE seq = (SELECT max(seq) FROM audit_log)',
      'DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)',
      'DELETE FROM audit_checkpoints',
    );
    const verify = await ddesk('audit', 'verify', '--checkpoint', checkpoints);
    assert.equal(verify.code, 8);
    assert.match(verify.stderr, /truncated/);
  });

  it('records a refused command as a failure event of its batch, with no personal data', async () => {
    const { ddesk } = await copyOfDesk('refusal');
    const approve = await ddesk('batch', 'approve', demo.batchId);
    assert.equal(approve.code, 7, approve.stderr);
    const log = JSON.parse((await ddesk('audit', 'log', '--limit', '1', '--json')).stdout) as Record<
      string,
      unknown
    >[];
    assert.equal(log[0]?.['action'], 'batch.approve');
    assert.equal(log[0]?.['outcome'], 'refused');
    assert.equal(log[0]?.['batch_id'], demo.batchId);
    assert.equal(log[0]?.['interface'], 'cli');
    assert.equal((await ddesk('audit', 'verify')).code, 0);
  });

  it('records reads of taxpayer data: the review queue and an explanation', async () => {
    const { ddesk } = await copyOfDesk('reads');
    assert.equal((await ddesk('review', 'list', demo.batchId)).code, 0);
    const ledger = JSON.parse((await ddesk('ledger', 'list', '--json')).stdout) as { request_id: string }[];
    const requestId = ledger[0]?.request_id ?? 'R1';
    assert.equal((await ddesk('explain', demo.batchId, requestId)).code, 0);
    const log = JSON.parse((await ddesk('audit', 'log', '--json')).stdout) as { action: string }[];
    const actions = log.map((event) => event.action);
    assert.ok(actions.includes('review.list'));
    assert.ok(actions.includes('decision.explain'));
  });
});
