import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
const DDESK = path.join(ROOT, 'bin', 'ddesk');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `ddesk` executable as a user would, in its own process. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(DDESK, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, DDESK_ACTOR: 'e2e-tester', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const made: string[] = [];
// Leave nothing behind in /tmp (set DDESK_KEEP_E2E=1 to inspect a failing run's files).
process.on('exit', () => {
  if (!process.env['DDESK_KEEP_E2E']) for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ddesk-e2e-${prefix}-`));
  made.push(dir);
  return dir;
}
