import { CompactSign } from 'jose';
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { DeskError } from '../../errors.ts';
import { manifestSchema, type Manifest } from '../manifest.ts';
import { MANIFEST_JWS_ALG, MANIFEST_JWS_TYP } from './jws-profile.ts';
import { x5cEntry } from './pem.ts';

/**
 * Signs a manifest as a compact JWS (README.md): the payload is the manifest's JSON, the protected
 * header `{ alg: 'ES256', typ, x5c: [signer certificate, …issuers] }`. `chainPems` starts with the
 * signer's own certificate. Refuses an invalid manifest and a key that does not belong to the
 * certificate: either would produce a JWS that intake can only refuse. A manifest without an
 * `issued_at` is stamped with the signing time (`options.issuedAt`, default now).
 */
export async function signManifest(
  manifest: Manifest,
  keyPem: string,
  chainPems: string[],
  options: { issuedAt?: Date } = {},
): Promise<string> {
  const checked = manifestSchema.safeParse({
    ...manifest,
    issued_at: manifest.issued_at ?? (options.issuedAt ?? new Date()).toISOString(),
  });
  if (!checked.success)
    throw new DeskError(
      'INVALID_INPUT',
      `the manifest is invalid: ${checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  const [leafPem] = chainPems;
  if (!leafPem) throw new DeskError('INVALID_INPUT', "signing needs the signer's certificate");
  const key = signingKey(keyPem);
  const leaf = new X509Certificate(leafPem);
  if (!samePublicKey(createPublicKey(key), leaf.publicKey))
    throw new DeskError(
      'INVALID_INPUT',
      `the private key does not belong to the certificate ${leaf.subject.replaceAll('\n', ',')}`,
    );
  const payload = new TextEncoder().encode(JSON.stringify(checked.data));
  return new CompactSign(payload)
    .setProtectedHeader({ alg: MANIFEST_JWS_ALG, typ: MANIFEST_JWS_TYP, x5c: chainPems.map(x5cEntry) })
    .sign(key);
}

function signingKey(keyPem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `the signing key does not parse: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
    throw new DeskError(
      'INVALID_INPUT',
      `the signing key is ${key.asymmetricKeyType ?? 'unknown'}${key.asymmetricKeyDetails?.namedCurve ? ` ${key.asymmetricKeyDetails.namedCurve}` : ''}; ${MANIFEST_JWS_ALG} needs an EC P-256 key`,
    );
  return key;
}

function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ type: 'spki', format: 'der' }).equals(b.export({ type: 'spki', format: 'der' }));
}
