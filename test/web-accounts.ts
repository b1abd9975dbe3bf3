import { spawn } from 'node:child_process';
import path from 'node:path';
import { E2E_ADMIN, PEOPLE, ROOT } from './cli.ts';

/** The one password of the test people (synthetic; the desk is a temporary test desk). */
export const PASSWORD = 'correct horse battery staple 7';

const ROLE_OF: Record<string, string> = {
  [PEOPLE.clerk]: 'intake-clerk',
  [PEOPLE.reviewer]: 'reviewer',
  [PEOPLE.secondReviewer]: 'reviewer',
  [PEOPLE.officer]: 'disclosure-officer',
  [PEOPLE.auditor]: 'auditor',
};

/** Gives each test person (test/cli.ts PEOPLE) a service account with their role and the password. */
export async function addAccounts(db: string): Promise<void> {
  for (const [account, role] of Object.entries(ROLE_OF)) {
    const args = ['--db', db, 'user', 'add', account, '--role', role, '--password-stdin'];
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(path.join(ROOT, 'bin', 'ddesk'), args, {
        cwd: ROOT,
        env: { ...process.env, DDESK_DEMO_DESK: '1', DDESK_ACTOR: E2E_ADMIN },
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ code: status, stderr: err }));
      child.stdin.end(`${PASSWORD}\n`);
    });
    if (code !== 0) throw new Error(`user add ${account} failed (${code}): ${stderr}`);
  }
}
