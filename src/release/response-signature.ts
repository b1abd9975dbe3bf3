import { flattenedVerify, decodeProtectedHeader } from 'jose';
import { createPrivateKey, createPublicKey, createSign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeskError } from '../errors.ts';
import { canonicalSerial, displayName } from '../intake/signature/certificate-identity.ts';
import { splitCertificatePems, x5cEntry } from '../intake/signature/pem.ts';
import { verifySignerChain } from '../intake/signature/signer-chain.ts';

/**
 * The desk signs each response it releases: a detached JWS (RFC 7515 Appendix F) over the file's
 * exact bytes, ES256 with the desk's certificate chain in `x5c`, written beside the file as
 * `<file>.jws` (`header..signature`). The agency verifies it against the disclosure office's CA
 * (`ddesk response verify`), so that a response altered or forged after release is refused.
 */
export const RESPONSE_JWS_ALG = 'ES256';
export const RESPONSE_JWS_TYP = 'disclosure-response+jws';

/** Signs response bytes; the CLI and the demo load one from the desk's key files. */
export interface ResponseSigner {
  /** The detached compact JWS of `content`. */
  sign(content: Uint8Array): Promise<string>;
  /**
   * The same over content read in chunks (a response file streamed from disk), so that a
   * response of millions of rows is signed without holding it in memory.
   */
  signChunks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string>;
  /** The signing certificate's subject, for receipts. */
  subject: string;
}

/** The desk's key files in a keys folder (`keys init` writes SYNTHETIC TEST ones). */
export const DESK_KEY_FILES = {
  certificate: 'desk.cert.pem',
  privateKey: 'desk.key.pem',
  caCertificate: 'desk-ca.pem',
} as const;

export function deskSignerFromPems(keyPem: string, chainPems: readonly string[]): ResponseSigner {
  const [leafPem] = chainPems;
  if (!leafPem) throw new DeskError('INVALID_INPUT', "the desk's signing certificate is missing");
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    throw new DeskError(
      'INVALID_INPUT',
      `the desk's signing key does not parse: ${(error as Error).message}`,
    );
  }
  const leaf = new X509Certificate(leafPem);
  const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  if (!spki(createPublicKey(key)).equals(spki(leaf.publicKey)))
    throw new DeskError('INVALID_INPUT', "the desk's signing key does not belong to its certificate");
  const x5c = chainPems.map(x5cEntry);
  const signChunks = (chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) =>
    detachedJws({ alg: RESPONSE_JWS_ALG, typ: RESPONSE_JWS_TYP, x5c }, chunks, key);
  return {
    subject: displayName(leaf.subject),
    sign: (content) => signChunks([content]),
    signChunks,
  };
}

/**
 * A detached compact JWS (RFC 7515 Appendix F) computed as the payload streams by: ES256 signs the
 * SHA-256 of `BASE64URL(header) . BASE64URL(payload)`, and base64url encodes each 3 bytes into 4
 * characters on their own, so the payload is encoded a whole number of 3-byte groups at a time
 * (the remainder carried to the next chunk) and fed to the hash. `ieee-p1363` is JWS's r || s form.
 */
async function detachedJws(
  header: Record<string, unknown>,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  key: KeyObject,
): Promise<string> {
  const protectedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
  const signing = createSign('SHA256');
  signing.update(`${protectedHeader}.`);
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
    const whole = bytes.length - (bytes.length % 3);
    signing.update(bytes.subarray(0, whole).toString('base64url'));
    carry = bytes.subarray(whole);
  }
  signing.update(carry.toString('base64url'));
  const signature = signing.sign({ key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `${protectedHeader}..${signature}`;
}

/** Loads the desk's signer from a keys folder: desk.key.pem, desk.cert.pem and its CA. */
export function loadDeskSigner(dir: string): ResponseSigner {
  const read = (file: string) => {
    const full = path.join(dir, file);
    try {
      return readFileSync(full, 'utf8');
    } catch (error) {
      throw new DeskError(
        'INVALID_INPUT',
        `cannot read ${full}, needed to sign the response (ddesk keys init makes a SYNTHETIC TEST one): ${(error as Error).message}`,
      );
    }
  };
  return deskSignerFromPems(read(DESK_KEY_FILES.privateKey), [
    read(DESK_KEY_FILES.certificate),
    ...splitCertificatePems(read(DESK_KEY_FILES.caCertificate)),
  ]);
}

export interface VerifiedResponseSignature {
  subject: string;
  serialNumber: string;
  fingerprint256: string;
}

/**
 * Verifies a detached response signature: the profile (ES256, the response type), the desk's chain
 * to a trusted disclosure-office CA at the time the response says it was released, and the
 * signature over exactly these bytes. Anything else is SIGNATURE_INVALID.
 */
export async function verifyResponseSignature(
  content: Uint8Array,
  detachedJws: string,
  trustedCaPems: readonly string[],
  signedAt: Date,
): Promise<VerifiedResponseSignature> {
  const parts = detachedJws.trim().split('.');
  const [protectedHeader = '', payload = '', signature = ''] = parts;
  if (parts.length !== 3 || payload !== '' || !protectedHeader || !signature)
    throw new DeskError(
      'SIGNATURE_INVALID',
      'the signature is not a detached compact JWS (header..signature)',
    );
  let header;
  try {
    header = decodeProtectedHeader(detachedJws.trim());
  } catch (error) {
    throw new DeskError('SIGNATURE_INVALID', `the JWS header does not decode: ${(error as Error).message}`);
  }
  if (header.alg !== RESPONSE_JWS_ALG || header.typ !== RESPONSE_JWS_TYP)
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the JWS is ${String(header.alg)}/${String(header.typ)}, not a ${RESPONSE_JWS_ALG} ${RESPONSE_JWS_TYP}`,
    );
  const { leaf } = verifySignerChain(
    header.x5c,
    { caCertificatesPem: [...trustedCaPems], revokedSerials: [] },
    signedAt,
  );
  try {
    await flattenedVerify(
      { protected: protectedHeader, payload: Buffer.from(content).toString('base64url'), signature },
      leaf.publicKey,
      { algorithms: [RESPONSE_JWS_ALG] },
    );
  } catch (error) {
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the signature does not verify over this file: it was altered after release, or signed by another key (${(error as Error).message})`,
    );
  }
  return {
    subject: displayName(leaf.subject),
    serialNumber: canonicalSerial(leaf.serialNumber),
    fingerprint256: leaf.fingerprint256,
  };
}
