import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadProgram } from '../../programs/program.ts';
import { sameName, sameSerial } from './certificate-identity.ts';
import {
  CA_PRIVATE_KEY_FILE,
  createTestPki,
  SIGNER_ROLES,
  signerFiles,
  writeTestPki,
  type TestPki,
} from './test-pki.ts';
import { CA_CERTIFICATE_FILE, loadTrustConfig } from './trust-config.ts';

let dir: string;
let pki: TestPki;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ddesk-pki-'));
  pki = await createTestPki(dir, { now: new Date('2026-06-01T00:00:00Z'), days: 90 });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('createTestPki', () => {
  it('writes every private key readable by its owner only (0600)', () => {
    const keys = [CA_PRIVATE_KEY_FILE, ...SIGNER_ROLES.map((role) => signerFiles(role).privateKey)];
    for (const file of keys) assert.equal(statSync(path.join(dir, file)).mode & 0o777, 0o600, file);
  });

  it('makes a self-signed CA certificate marked SYNTHETIC TEST', () => {
    const ca = new X509Certificate(readFileSync(path.join(dir, CA_CERTIFICATE_FILE)));
    assert.equal(ca.ca, true);
    assert.ok(ca.verify(ca.publicKey));
    assert.match(ca.subject, /SYNTHETIC TEST/);
  });

  it('issues the two officials exactly the subjects and serials the shipped program authorizes', () => {
    const program = loadProgram('irs-ice-6103i2');
    for (const role of ['secretary', 'director'] as const) {
      const certificate = new X509Certificate(pki.signers[role].certificatePem);
      const listed = program.authorizedSigners.filter(
        (signer) =>
          sameName(signer.subject, certificate.subject) &&
          sameSerial(signer.serialNumber, certificate.serialNumber),
      );
      assert.equal(listed.length, 1, role);
      assert.equal(certificate.ca, false);
    }
  });

  it('lists the revoked signer in revoked.json and gives the expired one a past end date', () => {
    assert.deepEqual(loadTrustConfig(dir).revokedSerials, [pki.signers.revoked.serialNumber]);
    assert.ok(pki.signers.expired.notAfter < new Date('2026-06-01T00:00:00Z'));
  });

  it('refuses to replace an existing agency CA unless forced', () => {
    assert.throws(() => writeTestPki(dir, pki), /exists; keys init replaces a CA only with --force/);
    assert.doesNotThrow(() => writeTestPki(dir, pki, true));
  });
});
