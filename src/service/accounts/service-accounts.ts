import { createHash, randomBytes } from 'node:crypto';
import { appendAuditEvent } from '../../audit/audit-log.ts';
import type { Clock } from '../../clock.ts';
import { DeskError } from '../../errors.ts';
import { actorLabel, checkedAccount, type Actor } from '../../people/actor.ts';
import { grantRoles, rolesOf, type Role } from '../../people/roles.ts';
import type { Store } from '../../store/store.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password-hash.ts';

/**
 * The service's accounts: people sign in with a password; clients (an agency's system) act
 * through API tokens. Roles are granted through src/people/roles.ts like any other account's.
 */
export type AccountKind = 'person' | 'client';

export interface AccountRow {
  account: string;
  kind: AccountKind;
  agency: string | null;
  password_hash: string | null;
  failed_sign_ins: number;
  locked_until: string | null;
  disabled_at: string | null;
}

export async function findAccount(store: Store, account: string): Promise<AccountRow | null> {
  const [row] = await store.all<AccountRow>(
    `SELECT account, kind, agency, password_hash, failed_sign_ins,
            CAST(locked_until AS VARCHAR) AS locked_until, CAST(disabled_at AS VARCHAR) AS disabled_at
     FROM accounts WHERE account = $1`,
    [account],
  );
  return row ? { ...row, failed_sign_ins: Number(row.failed_sign_ins) } : null;
}

export function checkedPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new DeskError('INVALID_INPUT', `a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  return password;
}

/** Adds an account with its roles; an agency client names its agency and has no password. */
export async function addAccount(
  store: Store,
  clock: Clock,
  input: { actor: Actor; account: string; roles: readonly Role[]; password?: string; agency?: string },
): Promise<{ account: string; kind: AccountKind; roles: Role[] }> {
  const account = checkedAccount(input.account);
  const kind: AccountKind = input.roles.includes('agency-client') ? 'client' : 'person';
  if (kind === 'client' && input.roles.length > 1)
    throw new DeskError('INVALID_INPUT', 'an agency client holds no other role');
  if (kind === 'client' && !input.agency)
    throw new DeskError('INVALID_INPUT', 'an agency client names its agency (--agency DHS-ICE)');
  if (kind === 'person' && input.agency)
    throw new DeskError('INVALID_INPUT', '--agency is for agency clients only');
  if (kind === 'person' && input.password === undefined)
    throw new DeskError('INVALID_INPUT', 'a person signs in with a password');
  if (kind === 'client' && input.password !== undefined)
    throw new DeskError('INVALID_INPUT', 'an agency client acts through API tokens, not a password');
  const passwordHash =
    input.password === undefined ? null : await hashPassword(checkedPassword(input.password));
  return store.transaction(async (tx) => {
    if (await findAccount(tx, account)) throw new DeskError('INVALID_INPUT', `account ${account} exists`);
    await tx.run('INSERT INTO accounts VALUES ($1, $2, $3, $4, 0, NULL, NULL, $5, $6::TIMESTAMP)', [
      account,
      kind,
      input.agency ?? null,
      passwordHash,
      actorLabel(input.actor),
      clock.now().toISOString(),
    ]);
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'account.add',
      outcome: 'success',
      object: `account ${account}`,
      detail: { account, kind, agency: input.agency ?? null },
    });
    if (input.roles.length) await grantRoles(tx, clock, { actor: input.actor, account, roles: input.roles });
    return { account, kind, roles: await rolesOf(tx, account) };
  });
}

/** Disables an account: it cannot sign in, its sessions end and its tokens are revoked. */
export async function disableAccount(
  store: Store,
  clock: Clock,
  input: { actor: Actor; account: string },
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const at = clock.now().toISOString();
  return store.transaction(async (tx) => {
    const row = await findAccount(tx, input.account);
    if (!row) throw new DeskError('NOT_FOUND', `no account ${input.account}`);
    if (row.disabled_at) throw new DeskError('WRONG_STAGE', `account ${input.account} is already disabled`);
    const [sessions] = await tx.all<{ n: bigint }>(
      'SELECT count(*) AS n FROM account_sessions WHERE account = $1 AND ended_at IS NULL',
      [input.account],
    );
    const [tokens] = await tx.all<{ n: bigint }>(
      'SELECT count(*) AS n FROM api_tokens WHERE account = $1 AND revoked_at IS NULL',
      [input.account],
    );
    await tx.run('UPDATE accounts SET disabled_at = $2::TIMESTAMP WHERE account = $1', [input.account, at]);
    await tx.run(
      'UPDATE account_sessions SET ended_at = $2::TIMESTAMP WHERE account = $1 AND ended_at IS NULL',
      [input.account, at],
    );
    await tx.run(
      'UPDATE api_tokens SET revoked_at = $2::TIMESTAMP WHERE account = $1 AND revoked_at IS NULL',
      [input.account, at],
    );
    const result = { sessionsEnded: Number(sessions?.n ?? 0), tokensRevoked: Number(tokens?.n ?? 0) };
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'account.disable',
      outcome: 'success',
      object: `account ${input.account}`,
      detail: { account: input.account, ...result },
    });
    return result;
  });
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Issues an API token: shown once; only the SHA-256 of its secret is kept. */
export async function issueToken(
  store: Store,
  clock: Clock,
  input: { actor: Actor; account: string; label: string },
): Promise<{ token: string; tokenId: string }> {
  const tokenId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await store.transaction(async (tx) => {
    const row = await findAccount(tx, input.account);
    if (!row) throw new DeskError('NOT_FOUND', `no account ${input.account}`);
    if (row.disabled_at) throw new DeskError('WRONG_STAGE', `account ${input.account} is disabled`);
    await tx.run('INSERT INTO api_tokens VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMP, NULL)', [
      tokenId,
      input.account,
      sha256Hex(secret),
      input.label,
      actorLabel(input.actor),
      clock.now().toISOString(),
    ]);
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'account.token-issue',
      outcome: 'success',
      object: `account ${input.account}`,
      detail: { account: input.account, tokenId, label: input.label },
    });
  });
  return { token: `ddesk_${tokenId}_${secret}`, tokenId };
}

export async function listAccounts(store: Store): Promise<
  {
    account: string;
    kind: string;
    agency: string | null;
    roles: string;
    disabled_at: string | null;
    tokens: number;
  }[]
> {
  const rows = await store.all<{
    account: string;
    kind: string;
    agency: string | null;
    roles: string | null;
    disabled_at: string | null;
    tokens: bigint;
  }>(
    `SELECT a.account, a.kind, a.agency,
            (SELECT string_agg(role, ', ' ORDER BY role) FROM desk_roles r WHERE r.account = a.account) AS roles,
            CAST(a.disabled_at AS VARCHAR) AS disabled_at,
            (SELECT count(*) FROM api_tokens t WHERE t.account = a.account AND t.revoked_at IS NULL) AS tokens
     FROM accounts a ORDER BY a.account`,
  );
  return rows.map((row) => ({ ...row, roles: row.roles ?? '', tokens: Number(row.tokens) }));
}
