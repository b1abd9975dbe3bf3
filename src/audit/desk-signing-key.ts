import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeskError } from '../errors.ts';
import { generateSignerKey, parseSignerKey, verifierKeyText, type NoteSigner } from './signed-note.ts';

/**
 * The desk's signing key (Ed25519): it signs the audit log's checkpoints. It lives in a file
 * readable by its owner only, outside the database (an insider who can write the database but
 * not read the key cannot sign a rewritten log). `$DDESK_SIGNING_KEY_FILE` names it; otherwise it
 * sits in `desk-keys/` beside the database, made on first use — for the demo and tests; a
 * deployment points the variable at a secrets mount and keeps the verifier key with its auditors.
 */
export const SIGNING_KEY_ENV = 'DDESK_SIGNING_KEY_FILE';
export const KEYS_FOLDER = 'desk-keys';
const KEY_FILE = 'audit-signing.key';

export function signingKeyFile(db: string): string {
  return process.env[SIGNING_KEY_ENV] ?? path.join(path.dirname(path.resolve(db)), KEYS_FOLDER, KEY_FILE);
}

/** The verifier key beside the signing key (public: auditors copy it). */
export function verifierKeyFile(keyFile: string): string {
  return `${keyFile}.pub`;
}

/** A key name for this desk: the host name, as signed notes allow it (no spaces or "+"). */
export function defaultKeyName(): string {
  return `disclosure-desk.${os.hostname().replace(/[^A-Za-z0-9.-]/g, '-')}`;
}

/** Writes a new signing key (0600, folder 0700) and its verifier key; refuses to replace one unless forced. */
export function initSigningKey(file: string, options: { name?: string; force?: boolean } = {}): NoteSigner {
  if (existsSync(file) && !options.force)
    throw new DeskError(
      'INVALID_INPUT',
      `a signing key already exists at ${file}; checkpoints it signed verify only with it (pass --force to replace it)`,
    );
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const text = generateSignerKey(options.name ?? defaultKeyName());
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  const signer = parseSignerKey(text);
  writeFileSync(verifierKeyFile(file), `${verifierKeyText(signer)}\n`, { mode: 0o644 });
  return signer;
}

export function loadSigningKey(file: string): NoteSigner {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DeskError('NOT_FOUND', `cannot read the desk signing key ${file}: ${(error as Error).message}`);
  }
  try {
    return parseSignerKey(text);
  } catch (error) {
    throw new DeskError('MALFORMED_FILE', `${file}: ${(error as Error).message}`);
  }
}

export function loadOrCreateSigningKey(file: string): NoteSigner {
  return existsSync(file) ? loadSigningKey(file) : initSigningKey(file);
}
