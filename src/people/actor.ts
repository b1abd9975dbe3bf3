import { DeskError } from '../errors.ts';

/**
 * Who acts (design.md "People and duties"): an account, and how the desk knows it. In the CLI the
 * account is the operating-system user running the command (`os-account`); on a desk created as a
 * demo or test desk, `--actor` may name a person instead (`asserted`), and the audit trail says so
 * and names the operating-system account that asserted it. In the HTTP service the account is one
 * of the service's accounts (src/service/accounts), signed in with a password (`session`) or acting
 * through an API token (`token`); `osAccount` is then the account the service runs as.
 */
export type Authentication = 'os-account' | 'asserted' | 'session' | 'token';

export interface Actor {
  /** The account the roles table knows: what duties and the two-person rule compare. */
  account: string;
  authentication: Authentication;
  /** The operating-system account that ran the command (for an asserted actor, who asserted it). */
  osAccount: string;
}

/** Account names: letters, digits and . _ @ - (an OS user name, an e-mail-like service account). */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function checkedAccount(name: string): string {
  const account = name.trim();
  if (!ACCOUNT.test(account))
    throw new DeskError(
      'INVALID_INPUT',
      `"${name}" is not an account name (letters, digits and . _ @ -, at most 64, starting with a letter or digit)`,
    );
  return account;
}

/**
 * How an actor appears in the audit trail: `os:lawful` for an operating-system account,
 * `asserted:alice (os:lawful)` for a person named with --actor on a demo desk.
 */
export function actorLabel(actor: Actor): string {
  switch (actor.authentication) {
    case 'os-account':
      return `os:${actor.account}`;
    case 'asserted':
      return `asserted:${actor.account} (os:${actor.osAccount})`;
    case 'session':
      return `session:${actor.account}`;
    case 'token':
      return `token:${actor.account}`;
  }
}

export function osActor(osAccount: string): Actor {
  return { account: checkedAccount(osAccount), authentication: 'os-account', osAccount };
}

export function assertedActor(account: string, osAccount: string): Actor {
  return { account: checkedAccount(account), authentication: 'asserted', osAccount };
}

/** An account of the HTTP service, as signed in (`session`) or acting through an API token (`token`). */
export function serviceActor(account: string, authentication: 'session' | 'token', osAccount: string): Actor {
  return { account: checkedAccount(account), authentication, osAccount };
}
