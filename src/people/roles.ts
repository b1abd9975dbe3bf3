import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { actorLabel, checkedAccount, type Actor } from './actor.ts';

/**
 * The roles of the disclosure office (design.md "People and duties"). What each may do is the
 * duties table (duties.ts); who holds which is the `desk_roles` table, administered by an admin.
 */
export const ROLES = [
  'intake-clerk',
  'reviewer',
  'disclosure-officer',
  'auditor',
  'admin',
  'agency-client',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  'intake-clerk': 'receives signed batches, screens and matches them',
  reviewer: 'decides requests the matcher could not, among the candidates the desk found',
  'disclosure-officer': 'approves and releases batches none of whose requests they reviewed',
  auditor: 'reads the ledger and the audit trail',
  admin: 'loads the taxpayer reference and grants and revokes roles',
  'agency-client':
    "a requesting agency's system: submits its agency's signed batches and fetches their responses (service accounts only)",
};

export function checkedRole(name: string): Role {
  const role = ROLES.find((candidate) => candidate === name.trim());
  if (!role) throw new DeskError('INVALID_INPUT', `"${name}" is not a role; roles are ${ROLES.join(', ')}`);
  return role;
}

export async function rolesOf(store: Store, account: string): Promise<Role[]> {
  const rows = await store.all<{ role: string }>(
    'SELECT role FROM desk_roles WHERE account = $1 ORDER BY role',
    [account],
  );
  return rows
    .map((row) => row.role)
    .filter((role): role is Role => (ROLES as readonly string[]).includes(role));
}

export type RoleGrant = {
  account: string;
  role: Role;
  granted_by: string;
  granted_at: string;
};

export async function listRoles(store: Store): Promise<RoleGrant[]> {
  return store.all<RoleGrant>(
    'SELECT account, role, granted_by, CAST(granted_at AS VARCHAR) AS granted_at FROM desk_roles ORDER BY account, role',
  );
}

/** The desk's settings row that says whether `--actor` may name people on it. */
export const ASSERTED_ACTORS_SETTING = 'asserted_actors';

export interface DeskSettings {
  /** True only on a desk created as a demo or test desk. */
  assertedActorsAllowed: boolean;
}

export async function deskSettings(store: Store): Promise<DeskSettings | null> {
  const [row] = await store.all<{ value: string }>('SELECT value FROM desk_settings WHERE name = $1', [
    ASSERTED_ACTORS_SETTING,
  ]);
  return row ? { assertedActorsAllowed: row.value === 'allowed' } : null;
}

/**
 * Creates the desk's people on first use: its account becomes the first admin, and whether
 * `--actor` may name people on this desk is fixed now (a demo or test desk) and audited. Nothing
 * happens on a desk that exists. Returns true when it created the desk.
 */
export async function createDeskIfNew(
  store: Store,
  clock: Clock,
  creator: Actor,
  options: { demoDesk: boolean },
): Promise<boolean> {
  return store.transaction(async (tx) => {
    if (await deskSettings(tx)) return false;
    const at = clock.now().toISOString();
    const by = actorLabel(creator);
    await tx.run('INSERT INTO desk_settings VALUES ($1, $2, $3, $4::TIMESTAMP)', [
      ASSERTED_ACTORS_SETTING,
      options.demoDesk ? 'allowed' : 'refused',
      by,
      at,
    ]);
    await tx.run('INSERT INTO desk_roles VALUES ($1, $2, $3, $4::TIMESTAMP)', [
      creator.account,
      'admin',
      by,
      at,
    ]);
    await appendAuditEvent(tx, clock, {
      actor: by,
      action: 'desk.create',
      outcome: 'success',
      detail: { admin: creator.account, assertedActors: options.demoDesk ? 'allowed' : 'refused' },
    });
    return true;
  });
}

/** Grants roles to an account (admin only, authorized by the caller); each grant is audited. */
export async function grantRoles(
  store: Store,
  clock: Clock,
  input: { actor: Actor; account: string; roles: readonly Role[] },
): Promise<Role[]> {
  const account = checkedAccount(input.account);
  return store.transaction(async (tx) => {
    const held = new Set(await rolesOf(tx, account));
    const added = input.roles.filter((role, i) => !held.has(role) && input.roles.indexOf(role) === i);
    const at = clock.now().toISOString();
    for (const role of added)
      await tx.run('INSERT INTO desk_roles VALUES ($1, $2, $3, $4::TIMESTAMP)', [
        account,
        role,
        actorLabel(input.actor),
        at,
      ]);
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'roles.grant',
      outcome: 'success',
      detail: { account, granted: added, alreadyHeld: input.roles.filter((role) => held.has(role)) },
    });
    return added;
  });
}

/**
 * Revokes roles. The last admin cannot be revoked: a desk nobody can administer is a desk whose
 * roles nobody can correct.
 */
export async function revokeRoles(
  store: Store,
  clock: Clock,
  input: { actor: Actor; account: string; roles: readonly Role[] },
): Promise<Role[]> {
  const account = checkedAccount(input.account);
  return store.transaction(async (tx) => {
    const held = new Set(await rolesOf(tx, account));
    const removed = input.roles.filter((role, i) => held.has(role) && input.roles.indexOf(role) === i);
    if (removed.includes('admin')) {
      const [admins] = await tx.all<{ n: bigint }>(
        "SELECT count(*) AS n FROM desk_roles WHERE role = 'admin'",
      );
      if (Number(admins?.n ?? 0) <= 1)
        throw new DeskError(
          'INVALID_INPUT',
          `${account} is the desk's last admin; grant admin to another account first`,
        );
    }
    for (const role of removed)
      await tx.run('DELETE FROM desk_roles WHERE account = $1 AND role = $2', [account, role]);
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'roles.revoke',
      outcome: 'success',
      detail: { account, revoked: removed },
    });
    return removed;
  });
}
