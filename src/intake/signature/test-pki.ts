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

/** The disclosure office's own PKI: the desk signs its responses (src/release/response-signature.ts). */
const IRS = 'O=Internal Revenue Service (SYNTHETIC TEST),C=US';
export const DESK_CA_SUBJECT = `CN=IRS Disclosure Office CA (SYNTHETIC TEST),${IRS}`;
export const DESK_SUBJECT = `CN=Disclosure Desk (SYNTHETIC TEST),OU=Disclosure Office,${IRS}`;

export const SIGNER_ROLES = [
  'secretary',
  'director',
  'unauthorized',
  'expired',
  'revoked',
  'other-ca',
  'tls',
  'sub-ca',
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
  /** The CA certificate that issued it (the agency CA, the rogue one, or the intermediate). */
  issuerPem: string;
}

/** The intermediate CA the agency CA (pathlen:0) may not issue; `sub-ca` is signed under it. */
export const INTERMEDIATE_CA_SUBJECT = `CN=DHS Field Office CA (SYNTHETIC TEST),${DHS}`;
export const INTERMEDIATE_CA_FILE = 'intermediate-ca.pem';

/** What a certificate may be used for: key usage bits and extended key usages (RFC 5280 § 4.2.1.3, .12). */
interface CertificateProfile {
  keyUsage: number;
  extendedKeyUsages: string[];
}

/** id-kp-documentSigning (RFC 9336): the key signs documents, not TLS sessions. */
const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const SIGNING: CertificateProfile = {
  keyUsage: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
  extendedKeyUsages: [DOCUMENT_SIGNING],
};
/** A TLS server certificate: it encrypts session keys and must never sign a request. */
const TLS_SERVER: CertificateProfile = {
  keyUsage: x509.KeyUsageFlags.keyEncipherment,
  extendedKeyUsages: [SERVER_AUTH],
};

/** The desk's signing certificate and its CA, which the requesting agency trusts for responses. */
export interface DeskPki {
  caCertificatePem: string;
  caPrivateKeyPem: string;
  certificatePem: string;
  privateKeyPem: string;
}

export interface TestPki {
  caCertificatePem: string;
  caPrivateKeyPem: string;
  rogueCaCertificatePem: string;
  intermediateCaCertificatePem: string;
  revocationList: RevocationList;
  signers: Record<SignerRole, IssuedSigner>;
  desk: DeskPki;
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
    profile = SIGNING,
  ) => issueSigner(ca, { role, purpose, subject, serialNumber, notBefore: from, notAfter: to }, profile);
  // An intermediate CA under the agency CA, whose pathlen:0 forbids it: a chain through it is invalid.
  const intermediate = await createCa(INTERMEDIATE_CA_SUBJECT, '0A', caStart, end, agency);

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
    tls: await issue(
      'tls',
      "must be refused: the Director's name and serial on a TLS server certificate (keyEncipherment, serverAuth)",
      agency,
      DIRECTOR_SUBJECT,
      '1002',
      start,
      end,
      TLS_SERVER,
    ),
    'sub-ca': await issue(
      'sub-ca',
      `must be refused: the Director's name and serial under ${INTERMEDIATE_CA_FILE}, an intermediate CA the agency CA (pathlen:0) may not issue`,
      intermediate,
      DIRECTOR_SUBJECT,
      '1002',
      start,
      end,
    ),
  };
  const deskCa = await createCa(DESK_CA_SUBJECT, '01', caStart, end);
  const desk = await issueSigner(
    deskCa,
    { subject: DESK_SUBJECT, serialNumber: '2001', notBefore: start, notAfter: end },
    SIGNING,
  );
  return {
    caCertificatePem: agency.certificate.toString('pem'),
    caPrivateKeyPem: privateKeyPem(agency.keys.privateKey),
    rogueCaCertificatePem: rogue.certificate.toString('pem'),
    intermediateCaCertificatePem: intermediate.certificate.toString('pem'),
    revocationList: { note: 'SYNTHETIC TEST revocation list of the DHS Agency CA', revokedSerials: ['1004'] },
    signers,
    desk: {
      caCertificatePem: desk.issuerPem,
      caPrivateKeyPem: privateKeyPem(deskCa.keys.privateKey),
      certificatePem: desk.certificatePem,
      privateKeyPem: desk.privateKeyPem,
    },
  };
}

/** Files written by `writeTestPki`, relative to its folder. */
export function signerFiles(role: SignerRole): { certificate: string; privateKey: string } {
  return { certificate: `${role}.cert.pem`, privateKey: `${role}.key.pem` };
}
export const CA_PRIVATE_KEY_FILE = 'agency-ca.key.pem';
export const ROGUE_CA_CERTIFICATE_FILE = 'rogue-ca.pem';
export const PKI_INDEX_FILE = 'pki.json';
/** The desk's response-signing files (src/release/response-signature.ts reads them). */
export const DESK_FILES = {
  caCertificate: 'desk-ca.pem',
  caPrivateKey: 'desk-ca.key.pem',
  certificate: 'desk.cert.pem',
  privateKey: 'desk.key.pem',
} as const;

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
  write(INTERMEDIATE_CA_FILE, pki.intermediateCaCertificatePem);
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
  write(DESK_FILES.caCertificate, pki.desk.caCertificatePem);
  write(DESK_FILES.caPrivateKey, pki.desk.caPrivateKeyPem, true);
  write(DESK_FILES.certificate, pki.desk.certificatePem);
  write(DESK_FILES.privateKey, pki.desk.privateKeyPem, true);
  write(
    PKI_INDEX_FILE,
    `${JSON.stringify({ note: 'SYNTHETIC TEST PKI — not for real use', signers: index, desk: { subject: DESK_SUBJECT, serialNumber: '2001', ...DESK_FILES } }, null, 2)}\n`,
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

/** A self-signed CA (pathlen:0: it issues end-entity certificates only), or one issued by `parent`. */
async function createCa(
  subject: string,
  serialNumber: string,
  notBefore: Date,
  notAfter: Date,
  parent?: Authority,
): Promise<Authority> {
  const keys = await subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  const extensions = [
    new x509.BasicConstraintsExtension(true, 0, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  const certificate = parent
    ? await x509.X509CertificateGenerator.create({
        serialNumber,
        subject,
        issuer: parent.certificate.subjectName,
        notBefore,
        notAfter,
        publicKey: keys.publicKey,
        signingKey: parent.keys.privateKey,
        signingAlgorithm: EC_P256,
        extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(parent.keys.publicKey)],
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber,
        name: subject,
        notBefore,
        notAfter,
        keys,
        signingAlgorithm: EC_P256,
        extensions,
      });
  return { certificate, keys };
}

async function issueSigner<
  S extends Pick<IssuedSigner, 'subject' | 'serialNumber' | 'notBefore' | 'notAfter'>,
>(
  ca: Authority,
  signer: S,
  profile: CertificateProfile,
): Promise<S & Pick<IssuedSigner, 'certificatePem' | 'privateKeyPem' | 'issuerPem'>> {
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
      new x509.KeyUsagesExtension(profile.keyUsage, true),
      new x509.ExtendedKeyUsageExtension(profile.extendedKeyUsages),
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
