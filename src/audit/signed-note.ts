import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * The signed-note format that transparency logs use for checkpoints (C2SP signed-note, as in Go's
 * golang.org/x/mod/sumdb/note): a text ending in a newline, a blank line, then one line per
 * signature, "— <key name> <base64(key hash || signature)>". The key hash is the first 4 bytes of
 * SHA-256(name || "\n" || 0x01 || public key); 0x01 is Ed25519. Keys are written as that package
 * writes them: `PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>` and `<name>+<hash>+<base64(0x01 || public key)>`,
 * so that an auditor can check a checkpoint with standard tools.
 */
const ED25519 = 0x01;
/** PKCS #8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface NoteSigner {
  name: string;
  keyHash: number;
  privateKey: KeyObject;
  publicKey: Buffer;
}

export interface NoteVerifier {
  name: string;
  keyHash: number;
  publicKey: KeyObject;
}

function validName(name: string): boolean {
  return name.length > 0 && !/[\s+]/.test(name) && !name.includes('\u2014');
}

function keyHash(name: string, publicKey: Buffer): number {
  const digest = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), publicKey]))
    .digest();
  return digest.readUInt32BE(0);
}

/** Splits a key into `count` fields at "+"; the last (base64) field may itself hold "+". */
function splitKey(text: string, count: number): string[] {
  const fields = text.trim().split('+');
  return [...fields.slice(0, count - 1), fields.slice(count - 1).join('+')];
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

function rawPublicKey(privateKey: KeyObject): Buffer {
  // The SPKI DER of an Ed25519 key ends with the 32-byte public key.
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** A new Ed25519 signer key, as text. */
export function generateSignerKey(name: string): string {
  if (!validName(name)) throw new Error(`a key name has no spaces, "+" or "—": "${name}"`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const publicKey = rawPublicKey(privateKey);
  return `PRIVATE+KEY+${name}+${hex8(keyHash(name, publicKey))}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`;
}

export function parseSignerKey(text: string): NoteSigner {
  const [p, k, name = '', hash = '', key = ''] = splitKey(text, 5);
  const bytes = Buffer.from(key, 'base64');
  if (p !== 'PRIVATE' || k !== 'KEY' || !validName(name) || bytes.length !== 33 || bytes[0] !== ED25519)
    throw new Error('not an Ed25519 signer key (PRIVATE+KEY+<name>+<hash>+<key>)');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, bytes.subarray(1)]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = rawPublicKey(privateKey);
  const computed = keyHash(name, publicKey);
  if (hex8(computed) !== hash.toLowerCase())
    throw new Error(`signer key ${name}: its hash does not match the key`);
  return { name, keyHash: computed, privateKey, publicKey };
}

/** The verifier key an auditor keeps: `<name>+<hash>+<base64(0x01 || public key)>`. */
export function verifierKeyText(signer: NoteSigner): string {
  return `${signer.name}+${hex8(signer.keyHash)}+${Buffer.concat([Buffer.from([ED25519]), signer.publicKey]).toString('base64')}`;
}

export function parseVerifierKey(text: string): NoteVerifier {
  const [name = '', hash = '', key = ''] = splitKey(text, 3);
  const bytes = Buffer.from(key, 'base64');
  if (!validName(name) || bytes.length !== 33 || bytes[0] !== ED25519)
    throw new Error('not an Ed25519 verifier key (<name>+<hash>+<key>)');
  const raw = bytes.subarray(1);
  const computed = keyHash(name, raw);
  if (hex8(computed) !== hash.toLowerCase())
    throw new Error(`verifier key ${name}: its hash does not match the key`);
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
  return { name, keyHash: computed, publicKey };
}

/** Signs `text` (which must end in a newline) as a note. */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith('\n') || text.includes('\n\n'))
    throw new Error('a note text ends in one newline and has no blank line');
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(signer.keyHash);
  return `${text}\n\u2014 ${signer.name} ${Buffer.concat([prefix, signature]).toString('base64')}\n`;
}

export type NoteVerdict = { kind: 'verified'; text: string } | { kind: 'refused'; reason: string };

/** Opens a note: its text, if a signature by `verifier` over it holds. */
export function openNote(note: string, verifier: NoteVerifier): NoteVerdict {
  const split = note.lastIndexOf('\n\n');
  if (split < 0)
    return { kind: 'refused', reason: 'not a signed note (no blank line before the signatures)' };
  const text = note.slice(0, split + 1);
  const lines = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line.length > 0);
  for (const line of lines) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match) return { kind: 'refused', reason: `malformed signature line: ${line}` };
    const [, name, encoded = ''] = match;
    const bytes = Buffer.from(encoded, 'base64');
    if (name !== verifier.name || bytes.length !== 68 || bytes.readUInt32BE(0) !== verifier.keyHash) continue;
    if (verify(null, Buffer.from(text, 'utf8'), verifier.publicKey, bytes.subarray(4)))
      return { kind: 'verified', text };
    return {
      kind: 'refused',
      reason: `the signature of ${verifier.name} does not verify (the note was altered)`,
    };
  }
  return { kind: 'refused', reason: `no signature by ${verifier.name}+${hex8(verifier.keyHash)}` };
}
