import { X509Certificate } from 'node:crypto';
import { DeskError } from '../../errors.ts';
import { canonicalSerial, displayName, sameName } from './certificate-identity.ts';
import type { TrustConfig } from './trust-config.ts';

/** An official's certificate, the issuers above it in `x5c`, and the configured CA it ends at. */
export interface VerifiedChain {
  leaf: X509Certificate;
  intermediates: X509Certificate[];
  anchor: X509Certificate;
}

/**
 * A signer's chain is an official's certificate and then, optionally, its issuers; a longer one is
 * not something an agency PKI hands out and only costs verification time.
 */
export const MAX_CHAIN_LENGTH = 5;

/**
 * Verifies the `x5c` certificates of a signed manifest (RFC 7515 § 4.1.6: the signer's certificate
 * first, each next one certifying the one before) against the configured agency CA at time `at`:
 * every link is checked by name and by signature, every issuer must be a CA, the chain must end at
 * (or include) a configured CA — trust comes from the configuration, never from `x5c` itself —
 * every certificate must be valid at `at`, and none may be revoked.
 */
export function verifySignerChain(x5c: unknown, trust: TrustConfig, at: Date): VerifiedChain {
  const chain = parseX5c(x5c);
  const leaf = chain[0];
  if (!leaf) throw refusal('the x5c header holds no certificate');
  if (leaf.ca)
    throw refusal(
      `the signing certificate ${describe(leaf)} is a CA certificate; a manifest is signed with an official's own certificate`,
    );

  const anchors = trust.caCertificatesPem.map((pem) => new X509Certificate(pem));
  const path: X509Certificate[] = [];
  let anchor: X509Certificate | undefined;
  for (const [i, certificate] of chain.entries()) {
    const configured = anchors.find((ca) => ca.fingerprint256 === certificate.fingerprint256);
    if (configured) {
      anchor = configured;
      break;
    }
    path.push(certificate);
    const next = chain[i + 1];
    if (next) {
      if (!next.ca)
        throw refusal(
          `x5c certificate ${i + 2} (${describe(next)}) is not a CA and cannot certify another certificate`,
        );
      if (!issuedBy(certificate, next))
        throw refusal(
          `broken chain: x5c certificate ${i + 1} (${describe(certificate)}) is not issued by x5c certificate ${i + 2} (${describe(next)})`,
        );
      continue;
    }
    anchor = anchors.find((ca) => issuedBy(certificate, ca));
    const namesake = anchors.find((ca) => sameName(certificate.issuer, ca.subject));
    if (!anchor && namesake)
      throw refusal(
        `the chain does not end at a configured agency CA: ${describe(certificate)} names ${displayName(namesake.subject)} as its issuer, but the configured CA of that name did not issue it (key identifier or signature does not match: a forged or foreign CA under the same name)`,
      );
    if (!anchor)
      throw refusal(
        `the chain does not end at a configured agency CA: ${describe(certificate)} was issued by ${displayName(certificate.issuer)}, which is not a trusted CA (or whose signature does not verify)`,
      );
  }
  if (!anchor) throw refusal('the x5c header holds no certificate below the agency CA');

  for (const certificate of [...path, anchor]) checkValidity(certificate, at, certificate === leaf);
  const revoked = new Set(trust.revokedSerials.map(canonicalSerial));
  for (const certificate of path)
    if (revoked.has(canonicalSerial(certificate.serialNumber)))
      throw refusal(
        `${certificate === leaf ? 'the signing certificate' : 'an issuing certificate'} ${describe(certificate)} is revoked`,
      );

  return { leaf, intermediates: path.slice(1), anchor };
}

function parseX5c(x5c: unknown): X509Certificate[] {
  if (x5c === undefined)
    throw refusal('the JWS header has no x5c certificate chain; the signer must include their certificate');
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((entry) => typeof entry === 'string'))
    throw refusal('the JWS header x5c must be a non-empty array of base64 DER certificates');
  if (x5c.length > MAX_CHAIN_LENGTH)
    throw refusal(`the x5c chain has ${x5c.length} certificates; at most ${MAX_CHAIN_LENGTH} are accepted`);
  return x5c.map((entry: string, i) => {
    // x5c is standard base64 (not base64url), RFC 7515 § 4.1.6.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(entry)) throw refusal(`x5c certificate ${i + 1} is not base64`);
    try {
      return new X509Certificate(Buffer.from(entry, 'base64'));
    } catch (error) {
      throw refusal(`x5c certificate ${i + 1} is not an X.509 certificate: ${(error as Error).message}`);
    }
  });
}

/** Issued by = names (and key identifiers) link up and the issuer's key verifies the signature. */
function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

function checkValidity(certificate: X509Certificate, at: Date, isLeaf: boolean): void {
  const role = isLeaf ? 'the signing certificate' : 'the issuing certificate';
  if (at < certificate.validFromDate)
    throw refusal(
      `${role} ${describe(certificate)} is not yet valid at ${at.toISOString()} (valid from ${certificate.validFromDate.toISOString()})`,
    );
  if (at > certificate.validToDate)
    throw refusal(
      `${role} ${describe(certificate)} expired on ${certificate.validToDate.toISOString()} (checked at ${at.toISOString()})`,
    );
}

export function describe(certificate: X509Certificate): string {
  return `"${displayName(certificate.subject)}" serial ${canonicalSerial(certificate.serialNumber)}`;
}

function refusal(message: string): DeskError {
  return new DeskError('SIGNATURE_INVALID', message);
}
