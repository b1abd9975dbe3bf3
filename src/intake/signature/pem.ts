import { X509Certificate } from 'node:crypto';

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM file or bundle, in file order. */
export function splitCertificatePems(pem: string): string[] {
  return pem.match(CERTIFICATE_PEM) ?? [];
}

/** The standard base64 of a certificate's DER, as a JWS `x5c` entry carries it (RFC 7515 § 4.1.6). */
export function x5cEntry(certificatePem: string): string {
  return new X509Certificate(certificatePem).raw.toString('base64');
}
