/**
 * The JWS profile of a signed manifest (README.md): compact serialization, ES256 only, the signer's
 * certificate chain in `x5c`, and an explicit `typ` so that a JWS signed for another purpose with
 * the same key is not taken for a manifest (RFC 8725 § 3.11).
 *
 * ES256 (ECDSA P-256, SHA-256): a FIPS 186-5 algorithm that PIV signature keys support (NIST
 * SP 800-78), with small keys and signatures and fast key generation for the test PKI. One
 * algorithm, fixed: accepting whatever `alg` a header names is how JWS verifiers get fooled.
 */
export const MANIFEST_JWS_ALG = 'ES256';
export const MANIFEST_JWS_TYP = 'disclosure-manifest+jws';
