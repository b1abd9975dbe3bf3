import { parse } from 'csv-parse/sync';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
const DDESK = path.join(ROOT, 'bin', 'ddesk');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `ddesk` executable as a user would, in its own process. Every database a test
 * creates is a demo/test desk (DDESK_DEMO_DESK=1), so that `--actor NAME` can name the people of
 * the test; the default actor, `e2e-tester`, creates the desk and is its admin (see `staffDesk`).
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(DDESK, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, DDESK_DEMO_DESK: '1', DDESK_ACTOR: E2E_ADMIN, ...options.env },
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

/** The default actor of `runCli`: whoever first opens a test database becomes its admin. */
export const E2E_ADMIN = 'e2e-tester';

/**
 * The people of a test desk, one per duty (src/people/roles.ts). The two-person rule is tested
 * with them: `reviewer` decides, `officer` (who reviewed nothing) approves and releases.
 */
export const PEOPLE = {
  clerk: 'clerk',
  reviewer: 'reviewer',
  secondReviewer: 'reviewer2',
  officer: 'officer',
  auditor: 'auditor',
} as const;

/**
 * Creates the desk at `db` (if new) with `e2e-tester` as its admin, gives `e2e-tester` every
 * other role too (so that a test about something else can drive the whole pipeline as one actor,
 * as long as it reviews nothing it then approves), and grants PEOPLE their roles.
 */
export async function staffDesk(db: string): Promise<void> {
  if (!existsSync(db)) {
    const created = await runCli(['--db', db, 'init']);
    if (created.code !== 0) throw new Error(`init failed: ${created.stderr}`);
  }
  const grants: [string, ...string[]][] = [
    [E2E_ADMIN, 'intake-clerk', 'reviewer', 'disclosure-officer', 'auditor'],
    [PEOPLE.clerk, 'intake-clerk'],
    [PEOPLE.reviewer, 'reviewer'],
    [PEOPLE.secondReviewer, 'reviewer'],
    [PEOPLE.officer, 'disclosure-officer'],
    [PEOPLE.auditor, 'auditor'],
  ];
  const file = path.join(tempDir('staff'), 'staff.csv');
  const rows = grants.flatMap(([account, ...roles]) => roles.map((role) => `${account},${role}`));
  writeFileSync(file, `account,role\n${rows.join('\n')}\n`);
  const result = await runCli(['--db', db, 'roles', 'import', file]);
  if (result.code !== 0) throw new Error(`roles import failed: ${result.stderr}`);
}

/** A released CSV response: its header block (`# name: value` lines) and its rows keyed by column. */
export function readResponse(file: string): {
  header: Record<string, string>;
  rows: Record<string, string>[];
} {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header: Record<string, string> = {};
  while (lines[0]?.startsWith('# ')) {
    const [name = '', ...value] = (lines.shift() ?? '').slice(2).split(': ');
    header[name] = value.join(': ');
  }
  const rows: Record<string, string>[] = parse(lines.join('\n'), { columns: true });
  return { header, rows };
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
