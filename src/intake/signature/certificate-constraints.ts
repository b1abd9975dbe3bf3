// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { X509Certificate } from 'node:crypto';
import { DeskError } from '../../errors.ts';
import { describe } from './signer-chain.ts';

/**
 * What a certificate says it may be used for, which node:crypto does not expose: the key usage
 * bits (RFC 5280 § 4.2.1.3), extended key usages (§ 4.2.1.12) and basic constraints (§ 4.2.1.9).
 */
interface Constraints {
  keyUsage: number | null;
  extendedKeyUsages: string[] | null;
  pathLength: number | null;
}

function constraintsOf(certificate: X509Certificate): Constraints {
  const parsed = new x509.X509Certificate(certificate.raw);
  const keyUsage = parsed.getExtension(x509.KeyUsagesExtension);
  const eku = parsed.getExtension(x509.ExtendedKeyUsageExtension);
  const basic = parsed.getExtension(x509.BasicConstraintsExtension);
  return {
    keyUsage: keyUsage ? keyUsage.usages : null,
    extendedKeyUsages: eku ? eku.usages.map(String) : null,
    pathLength: basic?.pathLength ?? null,
  };
}

/**
 * The signer's certificate must be a signing certificate under the program's profile: key usage
 * with digitalSignature (or nonRepudiation) and an extended key usage the program lists. A TLS
 * server certificate (keyEncipherment, serverAuth) bearing an official's name signs nothing.
 */
export function checkSignerUsage(leaf: X509Certificate, allowedExtendedKeyUsages: readonly string[]): void {
  const { keyUsage, extendedKeyUsages } = constraintsOf(leaf);
  const signs = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  if (keyUsage === null || (keyUsage & signs) === 0)
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the signing certificate ${describe(leaf)} does not allow digital signatures (key usage: ${keyUsage === null ? 'none stated' : keyUsageNames(keyUsage)}); a manifest must be signed with a signing certificate`,
    );
  if (extendedKeyUsages === null || !extendedKeyUsages.some((oid) => allowedExtendedKeyUsages.includes(oid)))
    throw new DeskError(
      'SIGNATURE_INVALID',
      `the signing certificate ${describe(leaf)} has extended key usage ${extendedKeyUsages?.length ? extendedKeyUsages.join(', ') : '(none)'}; the program accepts signatures only from certificates for ${allowedExtendedKeyUsages.join(' or ')}`,
    );
}

/**
 * Path-length constraints along a verified chain, `path` being the signer's certificate and the
 * intermediates above it, `anchor` the configured CA: a CA with pathLenConstraint n may have at
 * most n intermediate CAs below it (RFC 5280 § 4.2.1.9), and every issuing CA must be allowed to
 * sign certificates (keyCertSign, when it states a key usage).
 */
export function checkPathConstraints(path: readonly X509Certificate[], anchor: X509Certificate): void {
  const issuers = [...path.slice(1), anchor];
  for (const [i, issuer] of issuers.entries()) {
    const { keyUsage, pathLength } = constraintsOf(issuer);
    if (keyUsage !== null && (keyUsage & x509.KeyUsageFlags.keyCertSign) === 0)
      throw new DeskError(
        'SIGNATURE_INVALID',
        `the issuing certificate ${describe(issuer)} may not sign certificates (key usage: ${keyUsageNames(keyUsage)})`,
      );
    // The CAs between this issuer and the signer's certificate.
    const below = i;
    if (pathLength !== null && below > pathLength)
      throw new DeskError(
        'SIGNATURE_INVALID',
        `the chain breaks the path-length constraint of ${describe(issuer)}: it allows ${pathLength} intermediate CA${pathLength === 1 ? '' : 's'} below it, the chain has ${below} (${issuers
          .slice(0, i)
          .map(describe)
          .join(', ')})`,
      );
  }
}

function keyUsageNames(bits: number): string {
  const names = Object.entries(x509.KeyUsageFlags)
    .filter(([, value]) => typeof value === 'number' && (bits & value) !== 0)
    .map(([name]) => name);
  return names.length ? names.join(', ') : 'none';
}
