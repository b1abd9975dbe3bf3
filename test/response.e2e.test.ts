import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { PEOPLE, readResponse } from './cli.ts';
import { matchedBatch, preparedDesk } from './desk-fixture.ts';
import { appendAuditEvent } from '../src/audit/audit-log.ts';
import { systemClock } from '../src/clock.ts';
import { advanceStage } from '../src/pipeline/batch-stage.ts';
import { decisionsDigestV1 } from '../src/release/decisions-digest.ts';
import { tamper, withDatabase } from './insider.ts';

interface AuditRow {
  action: string;
  outcome: string;
  detail: unknown;
  batch_id: string | null;
}

describe('the response the requesting agency receives, end to end through the CLI', () => {
  let desk: Awaited<ReturnType<typeof preparedDesk>>;
  let responseFile: string;
  before(async () => {
    desk = await preparedDesk('response');
    await matchedBatch(desk);
    const approved = await desk.as(PEOPLE.officer, 'batch', 'approve', desk.batchId, '--withhold-ambiguous');
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stderr, /decisions bound by SHA-256 [0-9a-f]{64}/);
    const released = await desk.as(
      PEOPLE.officer,
      'batch',
      'release',
      desk.batchId,
      '--out',
      desk.dir,
      '--keys',
      desk.keys,
      '--json',
    );
    assert.equal(released.code, 0, released.stderr);
    responseFile = (JSON.parse(released.stdout) as { responseFile: string }).responseFile;
  });

  it('answers CONFIRMED, NOT_CONFIRMED for everything not confirmed, and REJECTED with its rule — while the office keeps its outcomes', async () => {
    const { header, rows } = readResponse(responseFile);
    const byId: Record<string, Record<string, string>> = Object.fromEntries(
      rows.map((row) => [row['request_id'] ?? '', row]),
    );
    assert.equal(byId['Q1']?.['code'], 'CONFIRMED');
    assert.equal(byId['Q3']?.['code'], 'REJECTED');
    assert.match(byId['Q3']?.['rule_id'] ?? '', /^address\./);
    // Q2: the taxpayer files at another address; Q4: nobody files under that name. The agency
    // cannot tell them apart.
    const { request_id: _q2, ...q2 } = byId['Q2'] ?? {};
    const { request_id: _q4, ...q4 } = byId['Q4'] ?? {};
    assert.equal(q2['code'], 'NOT_CONFIRMED');
    assert.deepEqual(q2, q4);
    assert.ok(!rows.some((row) => ['NO_RECORD', 'AMBIGUOUS'].includes(row['code'] ?? '')));
    assert.deepEqual(Object.keys(rows[0] ?? {}), ['request_id', 'code', 'rule_id', 'message']);
    assert.equal(header['batch_id'], desk.batchId);
    assert.equal(header['program_id'], 'irs-ice-6103i2');
    assert.equal(header['requesting_agency'], 'DHS-ICE');
    assert.equal(header['record_count'], '5');
    assert.match(header['request_file_sha256'] ?? '', /^[0-9a-f]{64}$/);
    assert.match(header['released_at'] ?? '', /^\d{4}-\d{2}-\d{2}T/);

    const show = await desk.as(PEOPLE.officer, 'batch', 'show', desk.batchId, '--json');
    const outcomes = (JSON.parse(show.stdout) as { outcomes: Record<string, number> }).outcomes;
    assert.ok(
      (outcomes['NO_RECORD'] ?? 0) + (outcomes['NOT_CONFIRMED'] ?? 0) >= 2,
      'the office still tells them apart',
    );
  });

  it("verifies with the desk's signature, and refuses the file once altered", async () => {
    const verified = await desk.ddesk('response', 'verify', responseFile, '--keys', desk.keys, '--json');
    assert.equal(verified.code, 0, verified.stderr);
    const report = JSON.parse(verified.stdout) as {
      codes: Record<string, number>;
      signer: { subject: string };
    };
    assert.match(report.signer.subject, /Disclosure Desk/);
    assert.equal(
      Object.values(report.codes).reduce((a, b) => a + b, 0),
      5,
    );

    const forged = `${responseFile}.forged.csv`;
    writeFileSync(forged, readFileSync(responseFile, 'utf8').replace(/^Q2,NOT_CONFIRMED/m, 'Q2,CONFIRMED'));
    writeFileSync(`${forged}.jws`, readFileSync(`${responseFile}.jws`));
    const refused = await desk.ddesk('response', 'verify', forged, '--keys', desk.keys);
    assert.equal(refused.code, 4, refused.stderr);
    assert.match(refused.stderr, /SIGNATURE_INVALID: .*altered after release/);
  });

  it('writes JSON Lines, signed the same way, when asked', async () => {
    const other = await preparedDesk('response-jsonl');
    await matchedBatch(other);
    assert.equal(
      (await other.as(PEOPLE.officer, 'batch', 'approve', other.batchId, '--withhold-ambiguous')).code,
      0,
    );
    const released = await other.as(
      PEOPLE.officer,
      'batch',
      'release',
      other.batchId,
      '--format',
      'jsonl',
      '--out',
      other.dir,
      '--keys',
      other.keys,
      '--json',
    );
    assert.equal(released.code, 0, released.stderr);
    const file = (JSON.parse(released.stdout) as { responseFile: string }).responseFile;
    assert.match(file, /\.response\.jsonl$/);
    const [first = '', ...records] = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(
      (JSON.parse(first) as { response_header: { batch_id: string } }).response_header.batch_id,
      other.batchId,
    );
    assert.equal(records.length, 5);
    assert.equal((await other.ddesk('response', 'verify', file, '--keys', other.keys)).code, 0);
  });
});

describe('approval binds the decisions it approved', () => {
  it('refuses to release a decision changed in the database after approval, and audits the refusal', async () => {
    const desk = await preparedDesk('approval-binds');
    await matchedBatch(desk);
    assert.equal(
      (await desk.as(PEOPLE.officer, 'batch', 'approve', desk.batchId, '--withhold-ambiguous')).code,
      0,
    );
    await tamper(
      desk.db,
      `UPDATE decisions SET outcome = 'CONFIRMED', taxpayer_id = 'T3' WHERE batch_id = '${desk.batchId}' AND request_id = 'Q4'`,
    );
    const released = await desk.as(
      PEOPLE.officer,
      'batch',
      'release',
      desk.batchId,
      '--out',
      desk.dir,
      '--keys',
      desk.keys,
    );
    assert.equal(released.code, 8, released.stderr);
    assert.match(released.stderr, /no longer hash to what the approval bound/);
    const ledger = JSON.parse(
      (await desk.as(PEOPLE.auditor, 'ledger', 'list', '--json')).stdout,
    ) as unknown[];
    assert.deepEqual(ledger, [], 'nothing was disclosed');
    const log = JSON.parse((await desk.as(PEOPLE.auditor, 'audit', 'log', '--json')).stdout) as AuditRow[];
    const refusal = log.find((event) => event.action === 'batch.release' && event.outcome === 'refused');
    assert.ok(refusal, 'the refused release is in the audit log');
    assert.match(JSON.stringify(refusal.detail), /"approvedSha256":"[0-9a-f]{64}"/);
  });

  it('holds a batch approved before the digest was taken from the audit coverage to the digest it recorded', async () => {
    const desk = await preparedDesk('approval-binds-v1');
    await matchedBatch(desk);
    // An approval as the desk recorded it before: the version 1 digest, no version in its detail.
    await withDatabase(desk.db, async (store) => {
      await store.transaction(async (tx) => {
        await advanceStage(tx, desk.batchId, ['matched'], 'approved', new Date().toISOString());
        const approved = await decisionsDigestV1(tx, desk.batchId);
        await appendAuditEvent(tx, systemClock, {
          actor: PEOPLE.officer,
          action: 'batch.approve',
          batchId: desk.batchId,
          outcome: 'success',
          covers: [{ table: 'decisions', batchId: desk.batchId }],
          detail: { ambiguousWithheld: 0, decisions: approved.decisions, decisionsSha256: approved.sha256 },
        });
      });
    });
    const where = `batch_id = '${desk.batchId}' AND request_id = 'Q4'`;
    const [original] = await withDatabase(desk.db, (store) =>
      store.all<{ outcome: string; taxpayer_id: string | null }>(
        `SELECT outcome, taxpayer_id FROM decisions WHERE ${where}`,
      ),
    );
    assert.ok(original);
    await tamper(desk.db, `UPDATE decisions SET outcome = 'CONFIRMED', taxpayer_id = 'T3' WHERE ${where}`);
    const release = () =>
      desk.as(PEOPLE.officer, 'batch', 'release', desk.batchId, '--out', desk.dir, '--keys', desk.keys);
    const refused = await release();
    assert.equal(refused.code, 8, refused.stderr);
    assert.match(refused.stderr, /no longer hash to what the approval bound/);
    await withDatabase(desk.db, (store) =>
      store.run(`UPDATE decisions SET outcome = $1, taxpayer_id = $2 WHERE ${where}`, [
        original.outcome,
        original.taxpayer_id,
      ]),
    );
    const released = await release();
    assert.equal(released.code, 0, released.stderr);
    const verified = await desk.as(PEOPLE.auditor, 'audit', 'verify');
    assert.equal(verified.code, 0, verified.stderr);
  });
});
