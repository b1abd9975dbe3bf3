import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { DeskError } from '../../errors.ts';

/**
 * The key that encrypts the desk database at rest (design.md "Storage and compute"): DuckDB's
 * own AES-GCM encryption of the database file, its write-ahead log and its spill files. The key
 * comes from `$DDESK_DB_KEY` (the key itself, e.g. from a secrets manager) or a key file
 * (`$DDESK_DB_KEY_FILE`, default `desk-keys/database.key` beside the database, made 0600 when the
 * database is created) — never from the command line, where `ps` and shell history would show it.
 * A key file beside the database protects copies of the database file made without the folder
 * (backups, exports, a stolen data volume); a deployment keeps it on another volume.
 */
export const DB_KEY_ENV = 'DDESK_DB_KEY';
export const DB_KEY_FILE_ENV = 'DDESK_DB_KEY_FILE';
const KEY_FILE = path.join('desk-keys', 'database.key');

export function databaseKeyFile(db: string): string {
  return process.env[DB_KEY_FILE_ENV] ?? path.join(path.dirname(path.resolve(db)), KEY_FILE);
}

export interface DatabaseKey {
  key: string;
  /** Where it came from, for messages (never the key). */
  source: string;
}

/** The key for `db`: from the environment, else its key file; a new key file only when asked. */
export function resolveDatabaseKey(db: string, options: { create: boolean }): DatabaseKey | null {
  const fromEnvironment = process.env[DB_KEY_ENV];
  if (fromEnvironment) {
    if (fromEnvironment.trim().length < 16)
      throw new DeskError(
        'INVALID_INPUT',
        `$${DB_KEY_ENV} is too short to be a key (at least 16 characters)`,
      );
    return { key: fromEnvironment.trim(), source: `$${DB_KEY_ENV}` };
  }
  const file = databaseKeyFile(db);
  if (existsSync(file)) {
    // A key readable by others is no secret: refuse rather than use it.
    if ((statSync(file).mode & 0o077) !== 0)
      throw new DeskError(
        'NOT_AUTHORIZED',
        `the database key ${file} is readable by other users; chmod 600 it`,
      );
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < 16) throw new DeskError('MALFORMED_FILE', `${file} does not hold a database key`);
    return { key, source: file };
  }
  if (!options.create) return null;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, source: file };
}

/**
 * Whether a DuckDB file is encrypted, from its main header: after the checksum (8 bytes), the
 * magic "DUCK" (4) and the storage version (8) comes the first flags word, whose bit 0 DuckDB sets
 * on an encrypted database (`MainHeader::ENCRYPTED_DATABASE_FLAG`; checked on 1.5.6 files).
 */
export function isEncryptedDatabaseFile(file: string): boolean {
  const header = Buffer.alloc(28);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return (header.readUInt8(20) & 1) === 1;
}

/** A string literal for DuckDB SQL (ATTACH takes no bound parameters). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
