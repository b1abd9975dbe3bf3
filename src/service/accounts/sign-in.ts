import { randomBytes } from 'node:crypto';
import { appendAuditEvent } from '../../audit/audit-log.ts';
import type { Clock } from '../../clock.ts';
import { DeskError } from '../../errors.ts';
import { serviceActor, type Actor } from '../../people/actor.ts';
import { operatingSystemAccount } from '../../people/cli-actor.ts';
import { rolesOf, type Role } from '../../people/roles.ts';
import type { Store } from '../../store/store.ts';
import { passwordMatches } from './password-hash.ts';
import { findAccount, sha256Hex, type AccountKind } from './service-accounts.ts';

/** Failed sign-ins in a row that lock an account, and for how long (NIST SP 800-63B § 5.2.2 asks ≤ 100). */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
/** A session unused this long is over (Publication 1075 § 9.3.1.10 asks 30 minutes at most). */
export const DEFAULT_IDLE_MINUTES = 30;
/** And no session lasts longer than a working day. */
const SESSION_HOURS = 12;

/** Who is calling, as a request learned it: the account, how, and what the session carries. */
export interface Caller {
  actor: Actor;
  kind: AccountKind;
  agency: string | null;
  roles: Role[];
  via: 'session' | 'token';
  /** Sessions only: the token every change must carry in X-CSRF-Token. */
  csrfToken?: string;
  tokenId?: string;
}

/** Where a request came from, for the audit trail (Publication 1075: the origin of each event). */
export interface ClientOrigin {
  ip: string;
  userAgent?: string;
}

function originDetail(origin: ClientOrigin): Record<string, string> {
  return { client: origin.ip, ...(origin.userAgent ? { userAgent: origin.userAgent.slice(0, 120) } : {}) };
}

const REFUSED = 'the account or the password is wrong';

/**
 * Signs a person in. Every attempt is audited with its origin; five failures in a row lock the
 * account for fifteen minutes. Returns the session id (for the cookie; only its hash is kept) and
 * the session's CSRF token.
 */
export async function signIn(
  store: Store,
  clock: Clock,
  input: { account: string; password: string; origin: ClientOrigin },
): Promise<{ sessionId: string; caller: Caller }> {
  const now = clock.now();
  const row = await findAccount(store, input.account);
  const verdict: { ok: true } | { ok: false; reason: string; message: string } = await (async () => {
    if (!row || row.kind !== 'person' || !row.password_hash) {
      // Spend the same time as a real check, so that timing does not say which accounts exist.
      await passwordMatches('scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA', input.password);
      return { ok: false, reason: 'unknown account', message: REFUSED };
    }
    if (row.disabled_at) return { ok: false, reason: 'account disabled', message: REFUSED };
    if (row.locked_until && new Date(`${row.locked_until}Z`) > now)
      return {
        ok: false,
        reason: 'account locked',
        message: `too many failed sign-ins: the account is locked until ${new Date(`${row.locked_until}Z`).toISOString()}`,
      };
    if (!(await passwordMatches(row.password_hash, input.password)))
      return { ok: false, reason: 'wrong password', message: REFUSED };
    return { ok: true };
  })();
  const label = `session:${row?.account ?? input.account.slice(0, 64)}`;
  if (!verdict.ok) {
    await store.transaction(async (tx) => {
      let lockedNow = false;
      if (row && verdict.reason === 'wrong password') {
        const failures = row.failed_sign_ins + 1;
        lockedNow = failures >= LOCKOUT_FAILURES;
        await tx.run(
          'UPDATE accounts SET failed_sign_ins = $2, locked_until = $3::TIMESTAMP WHERE account = $1',
          [
            row.account,
            lockedNow ? 0 : failures,
            lockedNow ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : row.locked_until,
          ],
        );
      }
      await appendAuditEvent(tx, clock, {
        actor: label,
        action: 'account.sign-in',
        outcome: 'failure',
        object: row ? `account ${row.account}` : 'an unknown account',
        description: `sign-in refused: ${verdict.reason}${lockedNow ? `; locked for ${LOCKOUT_MINUTES} minutes` : ''}`,
        detail: { reason: verdict.reason, locked: lockedNow, ...originDetail(input.origin) },
      });
    });
    throw new DeskError('NOT_SIGNED_IN', verdict.message);
  }
  const account = row!.account;
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await store.transaction(async (tx) => {
    await tx.run('UPDATE accounts SET failed_sign_ins = 0, locked_until = NULL WHERE account = $1', [
      account,
    ]);
    await tx.run('INSERT INTO account_sessions VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $5::TIMESTAMP, NULL)', [
      sha256Hex(sessionId),
      account,
      csrfToken,
      input.origin.ip,
      now.toISOString(),
    ]);
    await appendAuditEvent(tx, clock, {
      actor: label,
      action: 'account.sign-in',
      outcome: 'success',
      object: `account ${account}`,
      detail: originDetail(input.origin),
    });
  });
  return {
    sessionId,
    caller: {
      actor: serviceActor(account, 'session', operatingSystemAccount()),
      kind: 'person',
      agency: null,
      roles: await rolesOf(store, account),
      via: 'session',
      csrfToken,
    },
  };
}

/**
 * The account of a session cookie, or null when the session is unknown, ended, idle past the
 * timeout or too old (an idle session is ended and its end audited). A live session is touched.
 */
export async function sessionCaller(
  store: Store,
  clock: Clock,
  input: { sessionId: string; idleMinutes: number },
): Promise<Caller | null> {
  const now = clock.now();
  const [session] = await store.all<{
    session_sha256: string;
    account: string;
    csrf_token: string;
    started_at: string;
    last_seen_at: string;
  }>(
    `SELECT s.session_sha256, s.account, s.csrf_token, CAST(s.started_at AS VARCHAR) AS started_at,
            CAST(s.last_seen_at AS VARCHAR) AS last_seen_at
     FROM account_sessions s JOIN accounts a USING (account)
     WHERE s.session_sha256 = $1 AND s.ended_at IS NULL AND a.disabled_at IS NULL`,
    [sha256Hex(input.sessionId)],
  );
  if (!session) return null;
  const idle = now.getTime() - new Date(`${session.last_seen_at}Z`).getTime() > input.idleMinutes * 60_000;
  const old = now.getTime() - new Date(`${session.started_at}Z`).getTime() > SESSION_HOURS * 3_600_000;
  if (idle || old) {
    await store.transaction(async (tx) => {
      await tx.run('UPDATE account_sessions SET ended_at = $2::TIMESTAMP WHERE session_sha256 = $1', [
        session.session_sha256,
        now.toISOString(),
      ]);
      await appendAuditEvent(tx, clock, {
        actor: `session:${session.account}`,
        action: 'account.session-end',
        outcome: 'success',
        object: `account ${session.account}`,
        description: `session of ${session.account} ended: ${idle ? `idle more than ${input.idleMinutes} minutes` : `older than ${SESSION_HOURS} hours`}`,
        detail: { reason: idle ? 'idle' : 'lifetime' },
      });
    });
    return null;
  }
  await store.run('UPDATE account_sessions SET last_seen_at = $2::TIMESTAMP WHERE session_sha256 = $1', [
    session.session_sha256,
    now.toISOString(),
  ]);
  return {
    actor: serviceActor(session.account, 'session', operatingSystemAccount()),
    kind: 'person',
    agency: null,
    roles: await rolesOf(store, session.account),
    via: 'session',
    csrfToken: session.csrf_token,
  };
}

export async function signOut(store: Store, clock: Clock, caller: Caller, sessionId: string): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.run('UPDATE account_sessions SET ended_at = $2::TIMESTAMP WHERE session_sha256 = $1', [
      sha256Hex(sessionId),
      clock.now().toISOString(),
    ]);
    await appendAuditEvent(tx, clock, {
      actor: `session:${caller.actor.account}`,
      action: 'account.sign-out',
      outcome: 'success',
      object: `account ${caller.actor.account}`,
    });
  });
}

/**
 * The account of an API token. Every use is audited with its origin (success or failure): a
 * token is a standing credential, and who used it, when and from where is the record of it.
 */
export async function tokenCaller(
  store: Store,
  clock: Clock,
  input: { token: string; origin: ClientOrigin; route: string },
): Promise<Caller> {
  const match = /^ddesk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(input.token);
  const tokenId = match?.[1] ?? null;
  const [row] = tokenId
    ? await store.all<{
        account: string;
        secret_sha256: string;
        revoked_at: string | null;
        disabled_at: string | null;
        kind: AccountKind;
        agency: string | null;
      }>(
        `SELECT t.account, t.secret_sha256, CAST(t.revoked_at AS VARCHAR) AS revoked_at,
                CAST(a.disabled_at AS VARCHAR) AS disabled_at, a.kind, a.agency
         FROM api_tokens t JOIN accounts a USING (account) WHERE t.token_id = $1`,
        [tokenId],
      )
    : [];
  const reason = !row
    ? 'unknown token'
    : row.secret_sha256 !== sha256Hex(match?.[2] ?? '')
      ? 'wrong secret'
      : row.revoked_at
        ? 'token revoked'
        : row.disabled_at
          ? 'account disabled'
          : null;
  await appendAuditEvent(store, clock, {
    actor: row ? `token:${row.account}` : 'token:unknown',
    action: 'account.token-use',
    outcome: reason ? 'failure' : 'success',
    object: tokenId ? `token ${tokenId}` : 'a malformed token',
    description: reason ? `API token refused: ${reason}` : `API token ${tokenId} used: ${input.route}`,
    detail: { tokenId, route: input.route, ...(reason ? { reason } : {}), ...originDetail(input.origin) },
  });
  if (reason || !row) throw new DeskError('NOT_SIGNED_IN', 'the API token is not valid');
  return {
    actor: serviceActor(row.account, 'token', operatingSystemAccount()),
    kind: row.kind,
    agency: row.agency,
    roles: await rolesOf(store, row.account),
    via: 'token',
    ...(tokenId ? { tokenId } : {}),
  };
}
