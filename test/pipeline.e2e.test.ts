import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { PEOPLE, readResponse, tempDir } from './cli.ts';
import { AS_OF, FIXTURE, preparedDesk } from './desk-fixture.ts';
import { tamper } from './insider.ts';

describe('the pipeline, end to end through the CLI', () => {
  let desk: Awaited<ReturnType<typeof preparedDesk>>;
  before(async () => {
    desk = await preparedDesk('flow');
  });

  it('takes a signed batch from intake to release, disclosing only confirmations and accounting for each', async () => {
    const { ddesk, batchId, dir, jws, keys } = desk;
    const submitted = await ddesk('batch', 'submit', jws, path.join(FIXTURE, 'requests.csv'), '--keys', keys);
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.equal((await ddesk('batch', 'screen', batchId, '--as-of', AS_OF)).code, 0);
    const matched = await ddesk('batch', 'match', batchId);
    assert.equal(matched.code, 0, matched.stderr);
    assert.match(matched.stderr, /matching: blocking/, 'the desk matcher (the default) reports its steps');
    assert.match(
      matched.stderr,
      /expected wrong-person confirmations: \d+\.\d{3} \(the sum of 1 − p over \d+ confirmation/,
      "the officer sees the batch's risk before approving",
    );
    assert.equal((await ddesk('batch', 'approve', batchId, '--withhold-ambiguous')).code, 0);
    const released = await ddesk('batch', 'release', batchId, '--out', dir, '--keys', keys, '--json');
    assert.equal(released.code, 0, released.stderr);
    const receipt = JSON.parse(released.stdout) as { responseFile: string; disclosures: number };

    const outcomes: Record<string, string> = {};
    for (const row of readResponse(receipt.responseFile).rows)
      outcomes[row['request_id'] ?? ''] = `${row['code']}/${row['rule_id']}`;
    assert.match(
      outcomes['Q3'] ?? '',
      /^REJECTED\/address\./,
      'a "Failed to Provide" address is refused under an address rule',
    );
    assert.notEqual(outcomes['Q2']?.split('/')[0], 'CONFIRMED', 'an old address is not confirmed');
    assert.notEqual(
      outcomes['Q4']?.split('/')[0],
      'CONFIRMED',
      'a namesake who never filed is not confirmed',
    );
    assert.equal(outcomes['Q1'], 'CONFIRMED/');

    const ledger = JSON.parse((await ddesk('ledger', 'list', '--batch', batchId, '--json')).stdout) as {
      request_id: string;
    }[];
    const confirmed = Object.entries(outcomes)
      .filter(([, o]) => o.startsWith('CONFIRMED/'))
      .map(([id]) => id);
    assert.deepEqual(ledger.map((row) => row.request_id).sort(), confirmed.sort());
    assert.equal(receipt.disclosures, confirmed.length);

    const verify = await ddesk('audit', 'verify', '--json');
    assert.equal(verify.code, 0);
    assert.equal((JSON.parse(verify.stdout) as { kind: string }).kind, 'intact');
  });

  it('refuses to release the same batch twice into a second set of ledger rows', async () => {
    const { ddesk, batchId, dir, keys } = desk;
    const again = await ddesk('batch', 'release', batchId, '--out', dir, '--keys', keys, '--json');
    assert.equal(again.code, 0, again.stderr);
    const ledger = JSON.parse(
      (await ddesk('ledger', 'list', '--batch', batchId, '--json')).stdout,
    ) as unknown[];
    const first = JSON.parse(again.stdout) as { disclosures: number };
    assert.equal(ledger.length, first.disclosures);
  });

  it('re-issues a response only to the folder of the release, replacing a missing file whole, and audits it', async () => {
    const { ddesk, as, batchId, dir, keys } = desk;
    const elsewhere = path.join(tempDir('reissue-elsewhere'), 'out');
    const refused = await as(PEOPLE.officer, 'batch', 'release', batchId, '--out', elsewhere, '--keys', keys);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /re-issued only there/);
    const file = path.join(dir, `${batchId}.response.csv`);
    const original = readFileSync(file);
    rmSync(file);
    writeFileSync(path.join(dir, `.${batchId}.response.csv.left-by-a-crash.tmp`), 'partial');
    const reissued = await as(PEOPLE.officer, 'batch', 'release', batchId, '--out', dir, '--keys', keys);
    assert.equal(reissued.code, 0, reissued.stderr);
    assert.ok(readFileSync(file).equals(original), 'the same bytes as released');
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
      'the leftover of a crash is gone',
    );
    const log = JSON.parse((await ddesk('--actor', PEOPLE.auditor, 'audit', 'log', '--json')).stdout) as {
      action: string;
      detail: unknown;
    }[];
    const reissue = log.find((event) => event.action === 'batch.reissue');
    assert.ok(reissue, 'the re-issue is audited');
    assert.match(JSON.stringify(reissue.detail), /"rewritten":\["response","signature"\]/);
  });

  it('detects events removed from the end of the audit log, against a head recorded earlier too', async () => {
    const { ddesk, db } = desk;
    const head = (await ddesk('audit', 'head')).stdout.trim();
    assert.match(head, /^\d+:[0-9a-f]{64}$/);
    // An insider would remove the desk's own checkpoints too; the head kept elsewhere remains.
    await tamper(
      db,
      'DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)',
      'DELETE FROM audit_checkpoints',
    );
    const verify = await ddesk('audit', 'verify', '--head', head);
    assert.equal(verify.code, 8);
    assert.match(verify.stderr, /truncated: the checkpoint covers \d+ events, the log has \d+/);
  });

  it('refuses a matcher it does not have, naming the ones it has', async () => {
    const result = await desk.ddesk('batch', 'match', desk.batchId, '--matcher', 'fuzzy');
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /desk, exact/);
  });

  it('detects a tampered audit row and names it', async () => {
    const { ddesk, db } = desk;
    await tamper(db, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3");
    const verify = await ddesk('audit', 'verify');
    assert.equal(verify.code, 8);
    assert.match(verify.stderr, /broken at seq 3/);
  });
});

describe('refusals at intake, end to end', () => {
  it('refuses a malformed records file naming row and column, storing nothing but the audit event', async () => {
    const dir = tempDir('malformed-src');
    const broken = path.join(dir, 'requests.csv');
    copyFileSync(path.join(FIXTURE, 'requests.csv'), broken);
    writeFileSync(broken, `${readFileSync(broken, 'utf8')}Q6,Ann,,Lee,1970-01-01,3 Oak St,,Austin,TX\n`);
    const { ddesk, jws, keys } = await preparedDesk('malformed', broken, true);
    const submitted = await ddesk('batch', 'submit', jws, broken, '--keys', keys);
    assert.equal(submitted.code, 3, submitted.stderr);
    assert.match(submitted.stderr, /row 6/);
    assert.deepEqual(JSON.parse((await ddesk('batch', 'list', '--json')).stdout), []);
    const log = JSON.parse((await ddesk('audit', 'log', '--json')).stdout) as {
      action: string;
      outcome: string;
    }[];
    assert.ok(log.some((event) => event.action === 'batch.submit' && event.outcome === 'refused'));
  });

  it('refuses an unsigned manifest', async () => {
    const { ddesk, dir, keys } = await preparedDesk('unsigned');
    const submitted = await ddesk(
      'batch',
      'submit',
      path.join(dir, 'manifest.json'),
      path.join(FIXTURE, 'requests.csv'),
      '--keys',
      keys,
    );
    assert.equal(submitted.code, 4);
    assert.match(submitted.stderr, /unsigned/);
    assert.deepEqual(JSON.parse((await ddesk('batch', 'list', '--json')).stdout), []);
  });

  it('refuses a manifest signed by an official the program does not authorize', async () => {
    const { ddesk, dir, keys } = await preparedDesk('unauthorized');
    const jws = path.join(dir, 'bad.jws');
    await ddesk(
      'batch',
      'sign',
      path.join(dir, 'manifest.json'),
      '--key',
      path.join(keys, 'unauthorized.key.pem'),
      '--cert',
      path.join(keys, 'unauthorized.cert.pem'),
      '--records',
      path.join(FIXTURE, 'requests.csv'),
      '--out',
      jws,
    );
    const submitted = await ddesk('batch', 'submit', jws, path.join(FIXTURE, 'requests.csv'), '--keys', keys);
    assert.equal(submitted.code, 4);
    assert.match(submitted.stderr, /NOT_AUTHORIZED/);
  });
  for (const [role, expected] of [
    ['expired', /expired|not valid/i],
    ['revoked', /revoked/i],
    ['other-ca', /CA|chain|issuer/i],
  ] as const) {
    it(`refuses a manifest signed with the ${role} test certificate`, async () => {
      const { ddesk, dir, keys } = await preparedDesk(`cert-${role}`);
      const jws = path.join(dir, `${role}.jws`);
      const signed = await ddesk(
        'batch',
        'sign',
        path.join(dir, 'manifest.json'),
        '--key',
        path.join(keys, `${role}.key.pem`),
        '--cert',
        path.join(keys, `${role}.cert.pem`),
        '--records',
        path.join(FIXTURE, 'requests.csv'),
        '--out',
        jws,
      );
      assert.equal(signed.code, 0, signed.stderr);
      const submitted = await ddesk(
        'batch',
        'submit',
        jws,
        path.join(FIXTURE, 'requests.csv'),
        '--keys',
        keys,
      );
      assert.equal(submitted.code, 4, submitted.stderr);
      assert.match(submitted.stderr, /SIGNATURE_INVALID/);
      assert.match(submitted.stderr, expected);
      assert.deepEqual(JSON.parse((await ddesk('batch', 'list', '--json')).stdout), []);
    });
  }

  it('refuses a records file other than the one the manifest was signed for', async () => {
    const { ddesk, jws, keys } = await preparedDesk('swapped-file');
    const other = path.join(tempDir('swapped-src'), 'requests.csv');
    writeFileSync(
      other,
      readFileSync(path.join(FIXTURE, 'requests.csv'), 'utf8').replace('Ana,,Ruiz', 'Ana,,Ruis'),
    );
    const submitted = await ddesk('batch', 'submit', jws, other, '--keys', keys);
    assert.equal(submitted.code, 3, submitted.stderr);
    assert.match(submitted.stderr, /SHA-256/);
  });

  it('refuses a batch id that was already received (replay)', async () => {
    const { ddesk, jws, keys } = await preparedDesk('replay');
    assert.equal(
      (await ddesk('batch', 'submit', jws, path.join(FIXTURE, 'requests.csv'), '--keys', keys)).code,
      0,
    );
    const again = await ddesk('batch', 'submit', jws, path.join(FIXTURE, 'requests.csv'), '--keys', keys);
    assert.equal(again.code, 5, again.stderr);
    assert.match(again.stderr, /already submitted/);
  });
});
