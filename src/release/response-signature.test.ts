import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { signManifest } from '../intake/signature/sign-manifest.ts';
import { generateTestPki, type TestPki } from '../intake/signature/test-pki.ts';
import type { DeskError } from '../errors.ts';
import { deskSignerFromPems, verifyResponseSignature } from './response-signature.ts';

const NOW = new Date('2026-01-15T12:00:00Z');
const content = Buffer.from(
  '# format: disclosure-response/1\nrequest_id,code,rule_id,message\nR1,CONFIRMED,,yes\n',
);

describe("the desk's response signature", () => {
  let pki: TestPki;
  before(async () => {
    pki = await generateTestPki({ now: NOW });
  });
  const signer = () =>
    deskSignerFromPems(pki.desk.privateKeyPem, [pki.desk.certificatePem, pki.desk.caCertificatePem]);
  const refused = (pattern: RegExp) => (error: DeskError) =>
    error.code === 'SIGNATURE_INVALID' && pattern.test(error.message);

  it('is a detached JWS that verifies over exactly the bytes released, naming the desk', async () => {
    const jws = await signer().sign(content);
    assert.match(jws, /^[\w-]+\.\.[\w-]+$/);
    const verified = await verifyResponseSignature(content, jws, [pki.desk.caCertificatePem], NOW);
    assert.match(verified.subject, /^CN=Disclosure Desk \(SYNTHETIC TEST\)/);
    assert.equal(verified.serialNumber, '2001');
  });

  it('signs the same bytes streamed in chunks of any sizes, verifiable over the whole file', async () => {
    const desk = signer();
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.nat({ max: 40 }), { maxLength: 12 }),
        async (bytes, cuts) => {
          const bounds = [
            ...new Set([0, ...cuts.map((cut) => Math.min(cut, bytes.length)), bytes.length]),
          ].sort((a, b) => a - b);
          const jws = await desk.signChunks(bounds.slice(1).map((end, i) => bytes.subarray(bounds[i], end)));
          await verifyResponseSignature(bytes, jws, [pki.desk.caCertificatePem], NOW);
          const altered = Buffer.concat([bytes, Buffer.from('x')]);
          await assert.rejects(verifyResponseSignature(altered, jws, [pki.desk.caCertificatePem], NOW));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a response changed after release, by a single byte', async () => {
    const jws = await signer().sign(content);
    const altered = Buffer.from(content.toString().replace('CONFIRMED', 'CONFIRMEd'));
    await assert.rejects(
      verifyResponseSignature(altered, jws, [pki.desk.caCertificatePem], NOW),
      refused(/altered after release/),
    );
  });

  it("refuses a signature whose certificate does not chain to the disclosure office's CA", async () => {
    const agencySigned = deskSignerFromPems(pki.signers.director.privateKeyPem, [
      pki.signers.director.certificatePem,
    ]);
    await assert.rejects(
      verifyResponseSignature(content, await agencySigned.sign(content), [pki.desk.caCertificatePem], NOW),
      refused(/not a trusted CA|does not end at a configured/),
    );
  });

  it('refuses a JWS signed for another purpose, such as a manifest', async () => {
    const manifestJws = await signManifest(
      {
        program: 'irs-ice-6103i2',
        batch_id: 'B-1',
        requesting_agency: 'DHS-ICE',
        requesting_official: 'x',
        statutory_authority: 'x',
        attestation: 'x',
        record_count: 0,
        records_sha256: '0'.repeat(64),
        date: '2026-01-15',
      },
      pki.desk.privateKeyPem,
      [pki.desk.certificatePem],
    );
    const [header = '', , signature = ''] = manifestJws.split('.');
    await assert.rejects(
      verifyResponseSignature(content, `${header}..${signature}`, [pki.desk.caCertificatePem], NOW),
      refused(/not a ES256 disclosure-response\+jws/),
    );
  });

  it('refuses a key that does not belong to the certificate', () => {
    assert.throws(
      () => deskSignerFromPems(pki.signers.director.privateKeyPem, [pki.desk.certificatePem]),
      /does not belong to its certificate/,
    );
  });
});
