// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { KeyObject, webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DeskError } from '../../errors.ts';
import { CA_CERTIFICATE_FILE, REVOKED_FILE, type RevocationList } from './trust-config.ts';

/**
 * A SYNTHETIC TEST PKI for tests and demos: an agency CA, certificates for the two officials the
 * irs-ice-6103i2 program authorizes, and certificates that must be refused — an official the
 * program does not list, an expired and a revoked certificate, and a certificate issued by a rogue
 * CA that copies the agency CA's name and the Secretary's subject and serial (so that only the
 * signature check, not a name comparison, can tell it apart).
 *
 * Only this module creates certificates (node:crypto can verify but not issue them); the
 * verification path never imports it.
 */

const DHS = 'O=Department of Homeland Security (SYNTHETIC TEST),C=US';
export const AGENCY_CA_SUBJECT = `CN=DHS Agency CA (SYNTHETIC TEST),${DHS}`;
/** Subjects as the program lists them (programs/definitions/irs-ice-6103i2.json). */
export const SECRETARY_SUBJECT = `CN=Secretary of Homeland Security (SYNTHETIC TEST),${DHS}`;
export const DIRECTOR_SUBJECT = `CN=Director ICE (SYNTHETIC TEST),${DHS}`;
export const UNLISTED_OFFICIAL_SUBJECT = `CN=Deputy Field Office Director (SYNTHETIC TEST),${DHS}`;

export const SIGNER_ROLES = [
  'secretary',
  'director',
  'unauthorized',
  'expired',
  'revoked',
  'other-ca',
] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];

export interface IssuedSigner {
  role: SignerRole;
  purpose: string;
  subject: string;
  /** Hexadecimal, as the program lists serials. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  certificatePem: string;
  privateKeyPem: string;
  /** The CA certificate that issued it (the agency CA, or the rogue one). */
  issuerPem: string;
}

export interface TestPki {
  caCertificatePem: string;
  caPrivateKeyPem: string;
  rogueCaCertificatePem: string;
  revocationList: RevocationList;
  signers: Record<SignerRole, IssuedSigner>;
}

export interface TestPkiOptions {
  /** The moment the PKI is made; validity periods are relative to it. Default: now. */
  now?: Date;
  /** Validity of the CA and the good signer certificates, in days. Default 365. */
  days?: number;
}

const DAY_MS = 86_400_000;
const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const subtle = webcrypto.subtle;

interface Authority {
  certificate: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

/** Makes the whole test PKI in memory. */
export async function generateTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const now = options.now ?? new Date();
  const days = options.days ?? 365;
  if (!Number.isInteger(days) || days < 1)
    throw new DeskError('INVALID_INPUT', `--days must be a positive integer, not ${days}`);
  // Certificates start an hour early so a verifier whose clock is slightly behind still accepts
  // them, and the CAs a year early so that the expired certificate lies inside their lifetime.
  const start = new Date(now.getTime() - 3_600_000);
  const caStart = new Date(now.getTime() - 366 * DAY_MS);
  const end = new Date(now.getTime() + days * DAY_MS);

  const agency = await createCa(AGENCY_CA_SUBJECT, '01', caStart, end);
  const rogue = await createCa(AGENCY_CA_SUBJECT, '01', caStart, end);
  const issue = (
    role: SignerRole,
    purpose: string,
    ca: Authority,
    subject: string,
    serialNumber: string,
    from: Date,
    to: Date,
  ) => issueSigner(ca, { role, purpose, subject, serialNumber, notBefore: from, notAfter: to });

  const signers: Record<SignerRole, IssuedSigner> = {
    secretary: await issue(
      'secretary',
      'authorized signer (program serial 1001)',
      agency,
      SECRETARY_SUBJECT,
      '1001',
      start,
      end,
    ),
    director: await issue(
      'director',
      'authorized signer (program serial 1002)',
      agency,
      DIRECTOR_SUBJECT,
      '1002',
      start,
      end,
    ),
    expired: await issue(
      'expired',
      'must be refused: expired 30 days ago',
      agency,
      DIRECTOR_SUBJECT,
      '1003',
      new Date(now.getTime() - 365 * DAY_MS),
      new Date(now.getTime() - 30 * DAY_MS),
    ),
    revoked: await issue(
      'revoked',
      `must be refused: listed in ${REVOKED_FILE}`,
      agency,
      SECRETARY_SUBJECT,
      '1004',
      start,
      end,
    ),
    unauthorized: await issue(
      'unauthorized',
      'must be refused: valid chain, but the program does not list this official',
      agency,
      UNLISTED_OFFICIAL_SUBJECT,
      '1005',
      start,
      end,
    ),
    'other-ca': await issue(
      'other-ca',
      "must be refused: issued by a rogue CA that copies the agency CA's name",
      rogue,
      SECRETARY_SUBJECT,
      '1001',
      start,
      end,
    ),
  };
  return {
    caCertificatePem: agency.certificate.toString('pem'),
    caPrivateKeyPem: privateKeyPem(agency.keys.privateKey),
    rogueCaCertificatePem: rogue.certificate.toString('pem'),
    revocationList: { note: 'SYNTHETIC TEST revocation list of the DHS Agency CA', revokedSerials: ['1004'] },
    signers,
  };
}

/** Files written by `writeTestPki`, relative to its folder. */
export function signerFiles(role: SignerRole): { certificate: string; privateKey: string } {
  return { certificate: `${role}.cert.pem`, privateKey: `${role}.key.pem` };
}
export const CA_PRIVATE_KEY_FILE = 'agency-ca.key.pem';
export const ROGUE_CA_CERTIFICATE_FILE = 'rogue-ca.pem';
export const PKI_INDEX_FILE = 'pki.json';

/**
 * Writes a test PKI to a folder: certificates world-readable, private keys 0600. Refuses to
 * overwrite an existing agency CA unless `force`, since replacing it silently invalidates every
 * certificate issued under it.
 */
export function writeTestPki(dir: string, pki: TestPki, force = false): string[] {
  if (!force && existsSync(path.join(dir, CA_CERTIFICATE_FILE)))
    throw new DeskError(
      'INVALID_INPUT',
      `${path.join(dir, CA_CERTIFICATE_FILE)} exists; keys init replaces a CA only with --force`,
    );
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (file: string, text: string, secret = false) => {
    const full = path.join(dir, file);
    writeFileSync(full, text, { mode: secret ? 0o600 : 0o644 });
    // The mode option applies only when the file is created; an overwritten key keeps its old mode.
    chmodSync(full, secret ? 0o600 : 0o644);
    written.push(full);
  };
  write(CA_CERTIFICATE_FILE, pki.caCertificatePem);
  write(CA_PRIVATE_KEY_FILE, pki.caPrivateKeyPem, true);
  write(ROGUE_CA_CERTIFICATE_FILE, pki.rogueCaCertificatePem);
  write(REVOKED_FILE, `${JSON.stringify(pki.revocationList, null, 2)}\n`);
  const index = [];
  for (const role of SIGNER_ROLES) {
    const signer = pki.signers[role];
    const files = signerFiles(role);
    write(files.certificate, signer.certificatePem);
    write(files.privateKey, signer.privateKeyPem, true);
    index.push({
      role,
      purpose: signer.purpose,
      subject: signer.subject,
      serialNumber: signer.serialNumber,
      notBefore: signer.notBefore.toISOString(),
      notAfter: signer.notAfter.toISOString(),
      ...files,
    });
  }
  write(
    PKI_INDEX_FILE,
    `${JSON.stringify({ note: 'SYNTHETIC TEST PKI — not for real use', signers: index }, null, 2)}\n`,
  );
  return written;
}

/** `ddesk keys init`: generates a test PKI and writes it to `dir`. */
export async function createTestPki(
  dir: string,
  options: TestPkiOptions & { force?: boolean } = {},
): Promise<TestPki & { files: string[] }> {
  const pki = await generateTestPki(options);
  return { ...pki, files: writeTestPki(dir, pki, options.force ?? false) };
}

async function createCa(
  subject: string,
  serialNumber: string,
  notBefore: Date,
  notAfter: Date,
): Promise<Authority> {
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber,
    name: subject,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, keys };
}

async function issueSigner(
  ca: Authority,
  signer: Pick<IssuedSigner, 'role' | 'purpose' | 'subject' | 'serialNumber' | 'notBefore' | 'notAfter'>,
): Promise<IssuedSigner> {
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: signer.serialNumber,
    subject: signer.subject,
    issuer: ca.certificate.subjectName,
    notBefore: signer.notBefore,
    notAfter: signer.notAfter,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      // id-kp-documentSigning (RFC 9336): the key signs documents, not TLS sessions.
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.36']),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  return {
    ...signer,
    certificatePem: certificate.toString('pem'),
    privateKeyPem: privateKeyPem(keys.privateKey),
    issuerPem: ca.certificate.toString('pem'),
  };
}

function privateKeyPem(key: webcrypto.CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}
