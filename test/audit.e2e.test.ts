import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli, tempDir } from './cli.ts';
import { tamper } from './insider.ts';

interface DemoJson {
  batchId: string;
  db: string;
}

describe('the audit log, as an auditor and an insider would try it', () => {
  let demoDir: string;
  let demo: DemoJson;
  /** A fresh copy of the released demo desk (database and its keys), and the auditor's checkpoints. */
  async function copyOfDesk(name: string) {
    const dir = path.join(tempDir(`audit-${name}`), 'desk');
    cpSync(demoDir, dir, { recursive: true });
    const db = path.join(dir, path.basename(demo.db));
    // The demo desk has one person per duty: its auditor reads the log and the ledger.
    const ddesk = (...args: string[]) => runCli(['--db', db, '--actor', 'demo-auditor', ...args]);
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
    const approve = await ddesk('--actor', 'demo-disclosure-officer', 'batch', 'approve', demo.batchId);
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

  it('answers for one taxpayer by TIN, and the log records the read by a keyed pseudonym, not the TIN', async () => {
    const { ddesk } = await copyOfDesk('taxpayer');
    const [disclosure] = JSON.parse((await ddesk('ledger', 'list', '--limit', '1', '--json')).stdout) as {
      taxpayer_id: string;
    }[];
    assert.ok(disclosure);
    // The tin column by its header: a TIN-shaped pattern over the whole row also matches a ZIP+4.
    const [header = '', ...rows] = readFileSync(path.join(demoDir, 'data', 'reference.csv'), 'utf8').split(
      '\n',
    );
    const row = rows.find((line) => line.startsWith(`${disclosure.taxpayer_id},`)) ?? '';
    const tin = row.split(',')[header.split(',').indexOf('tin')] ?? '';
    assert.ok(tin, `a TIN for ${disclosure.taxpayer_id}`);
    const answer = await ddesk('ledger', 'taxpayer', tin, '--json');
    assert.equal(answer.code, 0, answer.stderr);
    const accounting = JSON.parse(answer.stdout) as { taxpayerIds: string[]; disclosures: unknown[] };
    assert.ok(accounting.taxpayerIds.includes(disclosure.taxpayer_id));
    assert.ok(accounting.disclosures.length >= 1);
    const [event] = JSON.parse((await ddesk('audit', 'log', '--limit', '1', '--json')).stdout) as Record<
      string,
      string
    >[];
    assert.equal(event?.['action'], 'ledger.taxpayer');
    const digits = tin.replace(/\D/g, '');
    assert.ok(!JSON.stringify(event).includes(digits.slice(-7)), 'no part of the TIN in the event');
    const ref = (await ddesk('audit', 'taxpayer-ref', tin)).stdout.trim();
    assert.match(event?.['object'] ?? '', new RegExp(ref));
  });

  it('writes the annual accounting as a self-contained HTML page with a chart', async () => {
    const { ddesk, db } = await copyOfDesk('report');
    const out = path.join(path.dirname(db), 'accounting.html');
    const year = new Date().getUTCFullYear();
    const report = await ddesk('ledger', 'report', '--year', String(year), '--format', 'html', '--out', out);
    assert.equal(report.code, 0, report.stderr);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<svg/);
    assert.match(html, /DHS-ICE/);
    assert.doesNotMatch(html, /https?:\/\//);
  });

  it('runs retention as the desk admin: nothing is due on the day of release, and the log stays intact', async () => {
    const { ddesk } = await copyOfDesk('retention');
    const refused = await ddesk('retention', 'run');
    assert.equal(refused.code, 4, 'an auditor does not purge');
    const run = await ddesk('--actor', 'demo-admin', 'retention', 'run', '--json');
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { purged: unknown[]; notYetDue: { batchId: string }[] };
    assert.equal(result.purged.length, 0);
    assert.equal(result.notYetDue[0]?.batchId, demo.batchId);
    assert.equal((await ddesk('audit', 'verify')).code, 0);
  });
});
