import { spawn } from 'node:child_process';
import path from 'node:path';
import { E2E_ADMIN, PEOPLE, ROOT } from './cli.ts';

/** The one password of the test people (synthetic; the desk is a temporary test desk). */
export const PASSWORD = 'correct horse battery staple 7';

/** People of the web tests beyond test/cli.ts PEOPLE: an admin, and a reviewer who is also an officer. */
export const WEB_PEOPLE = { admin: 'webadmin', dual: 'dual' } as const;
/** The requesting agency's client (API tokens, no password). */
export const AGENCY_CLIENT = 'ice-web';

const ROLES_OF: Record<string, readonly string[]> = {
  [PEOPLE.clerk]: ['intake-clerk'],
  [PEOPLE.reviewer]: ['reviewer'],
  [PEOPLE.secondReviewer]: ['reviewer'],
  [PEOPLE.officer]: ['disclosure-officer'],
  [PEOPLE.auditor]: ['auditor'],
  [WEB_PEOPLE.admin]: ['admin'],
  // Reviews and may release: the two-person rule keeps them from approving what they reviewed.
  [WEB_PEOPLE.dual]: ['reviewer', 'disclosure-officer'],
};

function ddesk(db: string, args: readonly string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'bin', 'ddesk'), ['--db', db, ...args], {
      cwd: ROOT,
      env: { ...process.env, DDESK_DEMO_DESK: '1', DDESK_ACTOR: E2E_ADMIN },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0 ? resolve(out) : reject(new Error(`ddesk ${args.join(' ')} failed (${status}): ${err}`)),
    );
    child.stdin.end(stdin);
  });
}

/**
 * Gives each test person a service account with their roles and the password, and the agency a
 * client account; returns the agency client's API token.
 */
export async function addAccounts(db: string): Promise<{ agencyToken: string }> {
  for (const [account, roles] of Object.entries(ROLES_OF))
    await ddesk(
      db,
      ['user', 'add', account, ...roles.flatMap((r) => ['--role', r]), '--password-stdin'],
      `${PASSWORD}\n`,
    );
  await ddesk(db, ['user', 'add', AGENCY_CLIENT, '--role', 'agency-client', '--agency', 'DHS-ICE']);
  const issued = JSON.parse(await ddesk(db, ['user', 'token', AGENCY_CLIENT, '--json'])) as { token: string };
  return { agencyToken: issued.token };
}
