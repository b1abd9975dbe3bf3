import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { generateTestPki, type TestPki } from './test-pki.ts';
import { loadTrustConfig, parseTrustConfig } from './trust-config.ts';

let pki: TestPki;
before(async () => {
  pki = await generateTestPki({ now: new Date('2026-06-01T00:00:00Z') });
});

describe('trust configuration', () => {
  it('reads the CA bundle and canonical revoked serials', () => {
    const trust = parseTrustConfig({
      caPem: pki.caCertificatePem,
      revokedJson: '{"revokedSerials":["0x01004","ab"]}',
    });
    assert.equal(trust.caCertificatesPem.length, 1);
    assert.deepEqual(trust.revokedSerials, ['1004', 'AB']);
  });

  it("refuses an official's certificate configured as the CA", () => {
    assert.throws(
      () =>
        parseTrustConfig({
          caPem: pki.signers.director.certificatePem,
          revokedJson: '{"revokedSerials":[]}',
        }),
      /is not a CA certificate/,
    );
  });

  it('refuses a CA file without certificates and a revocation list that does not parse', () => {
    assert.throws(
      () => parseTrustConfig({ caPem: '', revokedJson: '{"revokedSerials":[]}' }),
      /holds no PEM certificate/,
    );
    assert.throws(
      () => parseTrustConfig({ caPem: pki.caCertificatePem, revokedJson: '["1004"]' }),
      /revocation list is invalid/,
    );
    assert.throws(
      () => parseTrustConfig({ caPem: pki.caCertificatePem, revokedJson: '{"revokedSerials":["one"]}' }),
      /hexadecimal serial/,
    );
  });

  it('refuses a keys folder that has no revocation list instead of trusting every certificate', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ddesk-trust-'));
    try {
      writeFileSync(path.join(dir, 'agency-ca.pem'), pki.caCertificatePem);
      assert.throws(() => loadTrustConfig(dir), /cannot read .*revoked\.json \(the revocation list/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
