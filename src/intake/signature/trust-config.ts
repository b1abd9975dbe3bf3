import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DeskError } from '../../errors.ts';
import { canonicalSerial } from './certificate-identity.ts';
import { splitCertificatePems } from './pem.ts';

/**
 * What the desk trusts when it verifies a signed manifest: the agency CA certificate(s) a signer's
 * chain must end at, and the serial numbers (hexadecimal) of certificates the agency has revoked —
 * a stand-in for the CA's CRL, kept as a file the disclosure office updates.
 */
export interface TrustConfig {
  caCertificatesPem: string[];
  revokedSerials: string[];
}

export const DEFAULT_KEYS_DIR = path.join('out', 'keys');
export const CA_CERTIFICATE_FILE = 'agency-ca.pem';
export const REVOKED_FILE = 'revoked.json';

export const revocationListSchema = z.object({
  /** Hexadecimal serials of revoked certificates issued under the agency CA. */
  revokedSerials: z.array(z.string().regex(/^(0x)?[0-9A-Fa-f:]+$/, 'a hexadecimal serial number')),
  note: z.string().optional(),
});

export type RevocationList = z.infer<typeof revocationListSchema>;

/** The file contents that make a trust configuration; reading them is the loader's only I/O. */
export interface TrustFiles {
  caPem: string;
  revokedJson: string;
}

/**
 * Builds a trust configuration from file contents. A CA bundle with no certificate, a certificate
 * that is not a CA, or a revocation list that does not parse is refused: a silently empty trust
 * store or revocation list would turn a configuration mistake into acceptance.
 */
export function parseTrustConfig(files: TrustFiles, source = 'trust configuration'): TrustConfig {
  const caCertificatesPem = splitCertificatePems(files.caPem);
  if (caCertificatesPem.length === 0)
    throw new DeskError('INVALID_INPUT', `${source}: the CA file holds no PEM certificate`);
  for (const pem of caCertificatesPem) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch (error) {
      throw new DeskError(
        'INVALID_INPUT',
        `${source}: a CA certificate does not parse: ${(error as Error).message}`,
      );
    }
    if (!certificate.ca)
      throw new DeskError(
        'INVALID_INPUT',
        `${source}: ${certificate.subject.replaceAll('\n', ',')} is not a CA certificate (basicConstraints CA:FALSE)`,
      );
  }
  let json: unknown;
  try {
    json = JSON.parse(files.revokedJson);
  } catch (error) {
    throw new DeskError(
      'INVALID_INPUT',
      `${source}: the revocation list is not JSON: ${(error as Error).message}`,
    );
  }
  const list = revocationListSchema.safeParse(json);
  if (!list.success)
    throw new DeskError(
      'INVALID_INPUT',
      `${source}: the revocation list is invalid: ${list.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return { caCertificatesPem, revokedSerials: list.data.revokedSerials.map(canonicalSerial) };
}

/** Loads `agency-ca.pem` and `revoked.json` from a keys folder (default `out/keys`). */
export function loadTrustConfig(dir: string = DEFAULT_KEYS_DIR): TrustConfig {
  const read = (file: string, hint: string) => {
    const full = path.join(dir, file);
    try {
      return readFileSync(full, 'utf8');
    } catch (error) {
      throw new DeskError('INVALID_INPUT', `cannot read ${full} (${hint}): ${(error as Error).message}`);
    }
  };
  return parseTrustConfig(
    {
      caPem: read(CA_CERTIFICATE_FILE, 'the agency CA certificate'),
      revokedJson: read(REVOKED_FILE, 'the revocation list; write {"revokedSerials": []} if none is revoked'),
    },
    dir,
  );
}
