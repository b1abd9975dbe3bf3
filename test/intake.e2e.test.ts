import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isoDate } from '../src/clock.ts';
import { tempDir } from './cli.ts';
import { FIXTURE, preparedDesk, type PreparedDesk } from './desk-fixture.ts';

/**
 * Intake checks everything the program says, tried as a hostile requester (or an insider holding
 * a stolen or misissued certificate) would: each manifest below is signed and well-formed, and
 * each must be refused — exit code, reason, nothing stored, the refusal audited.
 */
const REQUESTS = path.join(FIXTURE, 'requests.csv');
const DAY_MS = 86_400_000;

async function refusals(desk: PreparedDesk): Promise<{ action: string; outcome: string; detail: unknown }[]> {
  const log = await desk.ddesk('audit', 'log', '--json', '--limit', '1000');
  assert.equal(log.code, 0, log.stderr);
  return (JSON.parse(log.stdout) as { action: string; outcome: string; detail: unknown }[]).filter(
    (event) => event.action === 'batch.submit' && event.outcome === 'refused',
  );
}

async function assertRefusedAtIntake(
  desk: PreparedDesk,
  jws: string,
  records: string,
  expected: { code: number; error: string; message: RegExp },
): Promise<string> {
  const submitted = await desk.ddesk('batch', 'submit', jws, records, '--keys', desk.keys);
  assert.equal(submitted.code, expected.code, submitted.stderr);
  assert.match(submitted.stderr, new RegExp(`ddesk: ${expected.error}: `));
  assert.match(submitted.stderr, expected.message);
  assert.doesNotMatch(submitted.stderr, /unexpected error|\n\s+at /, 'a refusal, not a stack trace');
  const batches = JSON.parse((await desk.ddesk('batch', 'list', '--json')).stdout) as unknown[];
  assert.equal(batches.length, 0, 'nothing stored');
  const refused = await refusals(desk);
  assert.equal(refused.length, 1, 'the refusal is audited once');
  assert.match(JSON.stringify(refused[0]?.detail), new RegExp(expected.error));
  return submitted.stderr;
}

describe('intake checks everything the program says (hostile requester, end to end)', () => {
  it("refuses a TLS server certificate bearing the Director's name and serial", async () => {
    const desk = await preparedDesk('intake-tls');
    const jws = await desk.signedManifest(path.join(desk.dir, 'tls.jws'), REQUESTS, { role: 'tls' });
    await assertRefusedAtIntake(desk, jws, REQUESTS, {
      code: 4,
      error: 'SIGNATURE_INVALID',
      message: /does not allow digital signatures \(key usage: keyEncipherment\)/,
    });
  });

  it('refuses a signer under an intermediate CA the agency CA (pathlen:0) may not issue', async () => {
    const desk = await preparedDesk('intake-subca');
    const jws = await desk.signedManifest(path.join(desk.dir, 'sub-ca.jws'), REQUESTS, {
      role: 'sub-ca',
      chain: path.join(desk.keys, 'intermediate-ca.pem'),
    });
    await assertRefusedAtIntake(desk, jws, REQUESTS, {
      code: 4,
      error: 'SIGNATURE_INVALID',
      message: /path-length constraint of "CN=DHS Agency CA/,
    });
  });

  it('refuses a manifest naming another agency, and one naming an official who did not sign it', async () => {
    const fbi = await preparedDesk('intake-fbi');
    const forAgency = await fbi.signedManifest(path.join(fbi.dir, 'fbi.jws'), REQUESTS, {
      fields: { requesting_agency: 'FBI' },
    });
    await assertRefusedAtIntake(fbi, forAgency, REQUESTS, {
      code: 4,
      error: 'NOT_AUTHORIZED',
      message: /requesting agency "FBI"; program irs-ice-6103i2 answers .*\(DHS-ICE\) only/,
    });
    const santa = await preparedDesk('intake-official');
    const forOfficial = await santa.signedManifest(path.join(santa.dir, 'santa.jws'), REQUESTS, {
      fields: { requesting_official: 'Santa Claus' },
    });
    await assertRefusedAtIntake(santa, forOfficial, REQUESTS, {
      code: 4,
      error: 'NOT_AUTHORIZED',
      message: /requesting official "Santa Claus", but it is signed by Director/,
    });
  });

  it("refuses a manifest older than the program's freshness window", async () => {
    const desk = await preparedDesk('intake-stale');
    const old = new Date(Date.now() - 40 * DAY_MS);
    const stale = await desk.signedManifest(path.join(desk.dir, 'stale.jws'), REQUESTS, {
      fields: { date: isoDate(old), issued_at: old.toISOString() },
    });
    await assertRefusedAtIntake(desk, stale, REQUESTS, {
      code: 2,
      error: 'INVALID_INPUT',
      message: /more than 30 days ago \(program irs-ice-6103i2, intake\.manifestMaxAgeDays\)/,
    });
  });

  it('refuses the same records file under another batch id (replay by content), and audits it', async () => {
    const desk = await preparedDesk('intake-replay');
    const first = await desk.ddesk('batch', 'submit', desk.jws, REQUESTS, '--keys', desk.keys);
    assert.equal(first.code, 0, first.stderr);
    const again = await desk.signedManifest(path.join(desk.dir, 'again.jws'), REQUESTS, {
      fields: { batch_id: 'E2E-intake-replay-AGAIN' },
    });
    const submitted = await desk.ddesk('batch', 'submit', again, REQUESTS, '--keys', desk.keys);
    assert.equal(submitted.code, 5, submitted.stderr);
    assert.match(
      submitted.stderr,
      /REPLAY: these records \(SHA-256 [0-9a-f]{64}\) were already received as batch E2E-intake-replay/,
    );
    const batches = JSON.parse((await desk.ddesk('batch', 'list', '--json')).stdout) as {
      batch_id: string;
    }[];
    assert.deepEqual(
      batches.map((b) => b.batch_id),
      ['E2E-intake-replay'],
    );
    assert.equal((await refusals(desk)).length, 1);
  });

  it('refuses a control character in a field, naming row and column but never the value', async () => {
    const dir = tempDir('intake-control-src');
    const records = path.join(dir, 'requests.csv');
    const lines = readFileSync(REQUESTS, 'utf8').split('\n');
    // Row 2's surname carries a BEL; the name must not appear in the message or the audit log.
    lines[2] = (lines[2] ?? '').replace(',Ruiz,', ',Ru\u0007izquierdo,');
    writeFileSync(records, lines.join('\n'));
    const desk = await preparedDesk('intake-control', records, true);
    const stderr = await assertRefusedAtIntake(desk, desk.jws, records, {
      code: 3,
      error: 'MALFORMED_FILE',
      message: /row 2, column last_name: control character U\+0007 at position 3/,
    });
    assert.doesNotMatch(stderr, /izquierdo/);
    assert.doesNotMatch(JSON.stringify(await refusals(desk)), /izquierdo/);
    const check = await desk.ddesk('batch', 'check', path.join(desk.dir, 'manifest.json'), records);
    assert.equal(check.code, 3, 'batch check predicts the refusal');
    assert.match(check.stderr, /row 2, column last_name: control character/);
  });
});
