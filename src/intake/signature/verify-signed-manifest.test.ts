import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompactSign } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { DeskError, type ErrorCode } from '../../errors.ts';
import { loadProgram, type Program } from '../../programs/program.ts';
import type { Manifest } from '../manifest.ts';
import { MANIFEST_JWS_TYP } from './jws-profile.ts';
import { x5cEntry } from './pem.ts';
import { signManifest } from './sign-manifest.ts';
import { createTestPki, type SignerRole, type TestPki } from './test-pki.ts';
import { loadTrustConfig, type TrustConfig } from './trust-config.ts';
import { unverifiedProgramId, verifySignedManifest } from './verify-signed-manifest.ts';

const MADE_AT = new Date('2026-06-01T12:00:00Z');
const AT = new Date('2026-06-02T09:00:00Z');

const manifest: Manifest = {
  program: 'irs-ice-6103i2',
  batch_id: 'SYN-2026-0001',
  requesting_agency: 'DHS-ICE',
  requesting_official: 'Secretary of Homeland Security',
  statutory_authority: '8 U.S.C. § 1231(a)',
  attestation: 'SYNTHETIC TEST attestation',
  record_count: 3,
  records_sha256: 'ab'.repeat(32),
  date: '2026-06-01',
};
/** The same request, from the Director (who must be the official it names). */
const directorManifest: Manifest = { ...manifest, requesting_official: 'Director ICE (SYNTHETIC TEST)' };

let dir: string;
let pki: TestPki;
let trust: TrustConfig;
const program: Program = loadProgram('irs-ice-6103i2');

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ddesk-signature-'));
  pki = await createTestPki(dir, { now: MADE_AT, days: 30 });
  trust = loadTrustConfig(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function signAs(role: SignerRole, content: Manifest = manifest, chain: 'leaf' | 'with-issuer' = 'leaf') {
  const signer = pki.signers[role];
  const pems = chain === 'leaf' ? [signer.certificatePem] : [signer.certificatePem, signer.issuerPem];
  return signManifest(content, signer.privateKeyPem, pems, { issuedAt: MADE_AT });
}

async function assertRefused(
  verification: Promise<unknown>,
  code: ErrorCode,
  message: RegExp,
): Promise<void> {
  await assert.rejects(verification, (error: unknown) => {
    assert.ok(error instanceof DeskError, `expected a DeskError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return true;
  });
}

describe('verifySignedManifest', () => {
  it("accepts a manifest signed by the Secretary's certificate and names the signer", async () => {
    const verified = await verifySignedManifest(await signAs('secretary'), program, trust, AT);
    assert.deepEqual(verified.manifest, { ...manifest, issued_at: MADE_AT.toISOString() });
    assert.equal(verified.signer.serialNumber, '1001');
    assert.equal(verified.signer.title, 'Secretary of Homeland Security');
    assert.match(verified.signer.subject, /^CN=Secretary of Homeland Security \(SYNTHETIC TEST\),O=/);
    assert.match(verified.signer.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.deepEqual(JSON.parse(verified.manifestJson), verified.manifest);
  });

  it("accepts the Director's signature with the agency CA included in x5c", async () => {
    const verified = await verifySignedManifest(
      await signAs('director', directorManifest, 'with-issuer'),
      program,
      trust,
      AT,
    );
    assert.equal(verified.signer.serialNumber, '1002');
    assert.equal(verified.signer.title, 'Director, U.S. Immigration and Customs Enforcement');
  });

  it('refuses a payload changed after signing', async () => {
    const [header, , signature] = (await signAs('secretary')).split('.');
    const altered = Buffer.from(JSON.stringify({ ...manifest, record_count: 1_000_000 })).toString(
      'base64url',
    );
    await assertRefused(
      verifySignedManifest(`${header}.${altered}.${signature}`, program, trust, AT),
      'SIGNATURE_INVALID',
      /does not verify with the key of .*Secretary.*altered after signing/,
    );
  });

  it("refuses a JWS that carries the Director's certificate but was signed with another key", async () => {
    const impostor = createPrivateKey(pki.signers.unauthorized.privateKeyPem);
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
      .setProtectedHeader({
        alg: 'ES256',
        typ: MANIFEST_JWS_TYP,
        x5c: [x5cEntry(pki.signers.director.certificatePem)],
      })
      .sign(impostor);
    await assertRefused(
      verifySignedManifest(jws, program, trust, AT),
      'SIGNATURE_INVALID',
      /does not verify with the key of "CN=Director ICE/,
    );
  });

  it("refuses a certificate from a rogue CA that copies the agency CA's name and the Secretary's serial", async () => {
    await assertRefused(
      verifySignedManifest(await signAs('other-ca'), program, trust, AT),
      'SIGNATURE_INVALID',
      /does not end at a configured agency CA.*did not issue it .*forged or foreign CA/,
    );
    await assertRefused(
      verifySignedManifest(await signAs('other-ca', manifest, 'with-issuer'), program, trust, AT),
      'SIGNATURE_INVALID',
      /does not end at a configured agency CA/,
    );
  });

  it('refuses an x5c chain whose links do not certify each other', async () => {
    const rogueLeaf = pki.signers['other-ca'];
    const jws = await signManifest(manifest, rogueLeaf.privateKeyPem, [
      rogueLeaf.certificatePem,
      pki.caCertificatePem,
    ]);
    await assertRefused(
      verifySignedManifest(jws, program, trust, AT),
      'SIGNATURE_INVALID',
      /broken chain: x5c certificate 1 .* is not issued by x5c certificate 2/,
    );
  });

  it('refuses an expired signing certificate', async () => {
    await assertRefused(
      verifySignedManifest(await signAs('expired'), program, trust, AT),
      'SIGNATURE_INVALID',
      /signing certificate .*serial 1003 expired on 2026-05-02/,
    );
  });

  it('refuses a certificate that is not yet valid, and the CA once it has expired', async () => {
    await assertRefused(
      verifySignedManifest(await signAs('secretary'), program, trust, new Date('2026-05-31T00:00:00Z')),
      'SIGNATURE_INVALID',
      /is not yet valid at 2026-05-31/,
    );
    await assertRefused(
      verifySignedManifest(await signAs('secretary'), program, trust, new Date('2026-08-01T00:00:00Z')),
      'SIGNATURE_INVALID',
      /expired on 2026-07-01/,
    );
  });

  it('refuses a revoked signing certificate', async () => {
    await assertRefused(
      verifySignedManifest(await signAs('revoked'), program, trust, AT),
      'SIGNATURE_INVALID',
      /serial 1004 is revoked/,
    );
  });

  it('refuses an official with a valid chain whom the program does not authorize', async () => {
    await assertRefused(
      verifySignedManifest(await signAs('unauthorized'), program, trust, AT),
      'NOT_AUTHORIZED',
      /Deputy Field Office Director.*serial 1005 is not an authorized signer of program irs-ice-6103i2@\d{4}\.\d+/,
    );
  });

  it("refuses an authorized official's name on a certificate serial the program does not list", async () => {
    const unrevoked = { ...trust, revokedSerials: [] };
    await assertRefused(
      verifySignedManifest(await signAs('revoked'), program, unrevoked, AT),
      'NOT_AUTHORIZED',
      /serial 1004 is not an authorized signer.*authorizes this official's certificate serial 1001 only/,
    );
  });

  it('refuses a manifest that names another program', async () => {
    await assertRefused(
      verifySignedManifest(
        await signAs('secretary', { ...manifest, program: 'irs-other-6103' }),
        program,
        trust,
        AT,
      ),
      'NOT_AUTHORIZED',
      /names program irs-other-6103, but is being verified under program irs-ice-6103i2/,
    );
  });

  it('refuses a signer outside the term the program gives them', async () => {
    const ended: Program = {
      ...program,
      authorizedSigners: program.authorizedSigners.map((signer) => ({ ...signer, validTo: '2026-05-31' })),
    };
    await assertRefused(
      verifySignedManifest(await signAs('secretary'), ended, trust, AT),
      'NOT_AUTHORIZED',
      /may sign for program irs-ice-6103i2 from 2025-01-01 to 2026-05-31; the manifest date is 2026-06-01/,
    );
  });

  it('refuses a manifest dated after the day it is verified', async () => {
    await assertRefused(
      verifySignedManifest(
        await signAs('secretary', { ...manifest, date: '2026-06-03' }),
        program,
        trust,
        AT,
      ),
      'INVALID_INPUT',
      /dated 2026-06-03, after today \(2026-06-02\)/,
    );
  });

  it("refuses a TLS server certificate bearing the Director's name and serial (key usage, EKU)", async () => {
    await assertRefused(
      verifySignedManifest(await signAs('tls', directorManifest), program, trust, AT),
      'SIGNATURE_INVALID',
      /does not allow digital signatures \(key usage: keyEncipherment\)/,
    );
    const emailOnly: Program = {
      ...program,
      intake: { ...program.intake, signerExtendedKeyUsages: ['1.3.6.1.5.5.7.3.4'] },
    };
    await assertRefused(
      verifySignedManifest(await signAs('director', directorManifest), emailOnly, trust, AT),
      'SIGNATURE_INVALID',
      /extended key usage 1\.3\.6\.1\.5\.5\.7\.3\.36; the program accepts .* 1\.3\.6\.1\.5\.5\.7\.3\.4/,
    );
  });

  it('refuses a signer under an intermediate CA that the pathlen:0 agency CA may not issue', async () => {
    await assertRefused(
      verifySignedManifest(await signAs('sub-ca', directorManifest, 'with-issuer'), program, trust, AT),
      'SIGNATURE_INVALID',
      /path-length constraint of "CN=DHS Agency CA.*allows 0 intermediate CAs below it, the chain has 1 \("CN=DHS Field Office CA/,
    );
  });

  it("refuses a stale manifest, one issued in the future, and one without an issue time (the program's freshness window)", async () => {
    const signed = (content: Manifest) =>
      signManifest(content, pki.signers.secretary.privateKeyPem, [pki.signers.secretary.certificatePem]);
    await assertRefused(
      verifySignedManifest(
        await signed({ ...manifest, issued_at: '2026-04-30T08:59:00.000Z' }),
        program,
        trust,
        AT,
      ),
      'INVALID_INPUT',
      /issued at 2026-04-30T08:59:00.000Z, more than 30 days ago \(program irs-ice-6103i2, intake.manifestMaxAgeDays\)/,
    );
    await assertRefused(
      verifySignedManifest(
        await signed({ ...manifest, issued_at: MADE_AT.toISOString(), date: '2026-04-15' }),
        program,
        trust,
        AT,
      ),
      'INVALID_INPUT',
      /dated 2026-04-15, more than 30 days ago/,
    );
    await assertRefused(
      verifySignedManifest(
        await signed({ ...manifest, issued_at: '2026-06-02T10:00:00.000Z' }),
        program,
        trust,
        AT,
      ),
      'INVALID_INPUT',
      /issued at 2026-06-02T10:00:00.000Z, after now/,
    );
    const undated = await new CompactSign(new TextEncoder().encode(JSON.stringify(manifest)))
      .setProtectedHeader({
        alg: 'ES256',
        typ: MANIFEST_JWS_TYP,
        x5c: [x5cEntry(pki.signers.secretary.certificatePem)],
      })
      .sign(createPrivateKey(pki.signers.secretary.privateKeyPem));
    await assertRefused(
      verifySignedManifest(undated, program, trust, AT),
      'INVALID_INPUT',
      /has no issued_at/,
    );
    // Inside the window it passes: 29 days old.
    await verifySignedManifest(
      await signed({ ...manifest, issued_at: '2026-05-04T09:00:00.000Z', date: '2026-05-04' }),
      program,
      trust,
      AT,
    );
  });

  it('refuses a manifest naming another agency, or an official other than the one who signed it', async () => {
    await assertRefused(
      verifySignedManifest(
        await signAs('director', { ...directorManifest, requesting_agency: 'FBI' }),
        program,
        trust,
        AT,
      ),
      'NOT_AUTHORIZED',
      /requesting agency "FBI"; program irs-ice-6103i2 answers U\.S\. Immigration and Customs Enforcement \(DHS-ICE\) only/,
    );
    await assertRefused(
      verifySignedManifest(
        await signAs('director', { ...directorManifest, requesting_official: 'Santa Claus' }),
        program,
        trust,
        AT,
      ),
      'NOT_AUTHORIZED',
      /requesting official "Santa Claus", but it is signed by Director, U\.S\. Immigration and Customs Enforcement/,
    );
    await assertRefused(
      verifySignedManifest(await signAs('secretary', directorManifest), program, trust, AT),
      'NOT_AUTHORIZED',
      /requesting official "Director ICE \(SYNTHETIC TEST\)", but it is signed by Secretary of Homeland Security/,
    );
    // The agency by name, the official by title, spelled with other case and spacing.
    const verified = await verifySignedManifest(
      await signAs('director', {
        ...manifest,
        requesting_agency: 'u.s. immigration and customs enforcement',
        requesting_official: 'DIRECTOR,  U.S. Immigration and Customs Enforcement',
      }),
      program,
      trust,
      AT,
    );
    assert.equal(verified.signer.serialNumber, '1002');
  });

  it('refuses an unsigned JSON manifest', async () => {
    await assertRefused(
      verifySignedManifest(JSON.stringify(manifest), program, trust, AT),
      'SIGNATURE_INVALID',
      /unsigned JSON/,
    );
  });

  it('refuses garbage and an unsecured (alg none) JWS', async () => {
    await assertRefused(
      verifySignedManifest('not a jws at all', program, trust, AT),
      'SIGNATURE_INVALID',
      /not a compact JWS/,
    );
    await assertRefused(
      verifySignedManifest('a.b.c', program, trust, AT),
      'SIGNATURE_INVALID',
      /header does not decode/,
    );
    await assertRefused(
      verifySignedManifest('a'.repeat(70_000), program, trust, AT),
      'SIGNATURE_INVALID',
      /at most 65536 are accepted/,
    );
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(manifest)).toString('base64url')}.`;
    await assertRefused(
      verifySignedManifest(none, program, trust, AT),
      'SIGNATURE_INVALID',
      /not a compact JWS/,
    );
  });

  it('refuses another algorithm, another JWS type, and a JWS without x5c', async () => {
    const key = createPrivateKey(pki.signers.secretary.privateKeyPem);
    const payload = new TextEncoder().encode(JSON.stringify(manifest));
    const x5c = [x5cEntry(pki.signers.secretary.certificatePem)];
    const hs256 = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'HS256', typ: MANIFEST_JWS_TYP, x5c })
      .sign(new Uint8Array(32));
    await assertRefused(
      verifySignedManifest(hs256, program, trust, AT),
      'SIGNATURE_INVALID',
      /algorithm is HS256; .* ES256 only/,
    );
    const jwt = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', x5c })
      .sign(key);
    await assertRefused(verifySignedManifest(jwt, program, trust, AT), 'SIGNATURE_INVALID', /type is JWT/);
    const bare = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'ES256', typ: MANIFEST_JWS_TYP })
      .sign(key);
    await assertRefused(
      verifySignedManifest(bare, program, trust, AT),
      'SIGNATURE_INVALID',
      /no x5c certificate chain/,
    );
  });
});

describe('unverifiedProgramId', () => {
  it('reads the program a JWS names, and nothing from text that is not a JWS', async () => {
    assert.equal(unverifiedProgramId(await signAs('director')), 'irs-ice-6103i2');
    assert.equal(unverifiedProgramId(JSON.stringify(manifest)), undefined);
    assert.equal(unverifiedProgramId('x.eyJwcm9ncmFtIjoiLi4vZXRjL3Bhc3N3ZCJ9.y'), undefined);
  });
});
