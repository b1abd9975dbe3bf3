import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeProtectedHeader } from 'jose';
import type { Manifest } from '../manifest.ts';
import { recordsDigest } from './records-digest.ts';
import { signManifest } from './sign-manifest.ts';
import { generateTestPki, type TestPki } from './test-pki.ts';

const manifest: Manifest = {
  program: 'irs-ice-6103i2',
  batch_id: 'SYN-2026-0002',
  requesting_agency: 'U.S. Immigration and Customs Enforcement (SYNTHETIC TEST)',
  requesting_official: 'Secretary of Homeland Security (SYNTHETIC TEST)',
  statutory_authority: '8 U.S.C. § 1231(a)',
  attestation: 'SYNTHETIC TEST attestation',
  record_count: 0,
  records_sha256: '0'.repeat(64),
  date: '2026-06-01',
};

let pki: TestPki;
let dir: string;
before(async () => {
  pki = await generateTestPki({ now: new Date('2026-06-01T00:00:00Z') });
  dir = mkdtempSync(path.join(tmpdir(), 'ddesk-sign-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('signManifest', () => {
  it('puts ES256, the manifest type and the certificate chain in the protected header', async () => {
    const { secretary } = pki.signers;
    const signedAt = new Date('2026-06-01T10:00:00.000Z');
    const jws = await signManifest(
      manifest,
      secretary.privateKeyPem,
      [secretary.certificatePem, secretary.issuerPem],
      { issuedAt: signedAt },
    );
    const header = decodeProtectedHeader(jws);
    assert.equal(header.alg, 'ES256');
    assert.equal(header.typ, 'disclosure-manifest+jws');
    assert.equal(header.x5c?.length, 2);
    assert.deepEqual(
      JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')),
      { ...manifest, issued_at: signedAt.toISOString() },
      'the signing time is stamped as issued_at',
    );
  });

  it("refuses to sign with a key that does not belong to the signer's certificate", async () => {
    await assert.rejects(
      signManifest(manifest, pki.signers.director.privateKeyPem, [pki.signers.secretary.certificatePem]),
      /private key does not belong to the certificate/,
    );
  });

  it('refuses to sign an invalid manifest', async () => {
    const { secretary } = pki.signers;
    await assert.rejects(
      signManifest({ ...manifest, date: '1 June 2026' }, secretary.privateKeyPem, [secretary.certificatePem]),
      /manifest is invalid: date/,
    );
  });
});

describe('recordsDigest', () => {
  it('counts data rows as intake does (header, blank lines and quoted line breaks are not rows)', async () => {
    const csv =
      'request_id,first_name,last_name,address_line1\nR1,ANA,GARCIA,"12 MAIN ST\nAPT 4"\n\nR2,LI,WEI,9 ELM RD\n';
    const file = path.join(dir, 'records.csv');
    writeFileSync(file, csv);
    const digest = await recordsDigest(file);
    assert.equal(digest.record_count, 2);
    assert.equal(digest.records_sha256, createHash('sha256').update(csv).digest('hex'));
  });
});
