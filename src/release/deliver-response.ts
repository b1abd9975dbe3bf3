import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { crashPoint } from '../pipeline/crash-point.ts';

/**
 * How a response reaches its folder, crash-safe (issue 11): the ledger commits first (the
 * disclosure is accounted for before it exists anywhere), then the file is written to a temporary
 * name in the same folder, flushed to disk, and renamed into place — a reader, or a crash, sees
 * either no file or the whole file. The temporary file is created exclusively (O_CREAT|O_EXCL):
 * no existing path, symlink or not, is ever opened or written through; the rename replaces a
 * symlink at the final name instead of following it.
 */

/** The output folder, created owner-only if missing, as its real path (symlinks resolved once). */
export function outputFolder(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return realpathSync(dir);
}

const temporaryPrefix = (name: string) => `.${name}.`;
const TEMPORARY_SUFFIX = '.tmp';

export function writeAtomically(dir: string, name: string, content: string | Uint8Array): void {
  const temporary = openTemporary(dir, name);
  try {
    writeFileSync(temporary.fd, content);
    crashPoint();
    fsyncSync(temporary.fd);
  } finally {
    closeSync(temporary.fd);
  }
  publish(dir, temporary, name);
}

/** A temporary file in the folder for the final name `name`, created exclusively, owner-only. */
export interface TemporaryFile {
  path: string;
  fd: number;
}

export function openTemporary(dir: string, name: string): TemporaryFile {
  const file = path.join(dir, `${temporaryPrefix(name)}${randomUUID()}${TEMPORARY_SUFFIX}`);
  return { path: file, fd: openSync(file, 'wx', 0o600) };
}

/** Renames a written, flushed and closed temporary file into place, durably. */
export function publish(dir: string, temporary: TemporaryFile, name: string): void {
  crashPoint();
  renameSync(temporary.path, path.join(dir, name));
  crashPoint();
  // The rename itself is durable only once the folder is flushed.
  const folder = openSync(dir, 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/** Removes temporary files a crash left behind for these final names; returns what it removed. */
export function removeLeftovers(dir: string, names: readonly string[]): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(dir))
    if (entry.endsWith(TEMPORARY_SUFFIX) && names.some((name) => entry.startsWith(temporaryPrefix(name)))) {
      rmSync(path.join(dir, entry), { force: true });
      removed.push(entry);
    }
  return removed;
}
