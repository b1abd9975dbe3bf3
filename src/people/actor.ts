import { DeskError } from '../errors.ts';

/**
 * Who acts (design.md "People and duties"): an account, and how the desk knows it. In the CLI the
 * account is the operating-system user running the command (`os-account`); on a desk created as a
 * demo or test desk, `--actor` may name a person instead (`asserted`), and the audit trail says so
 * and names the operating-system account that asserted it. The service brings its own accounts
 * later under the same roles.
 */
export type Authentication = 'os-account' | 'asserted';

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
  }
}

export function osActor(osAccount: string): Actor {
  return { account: checkedAccount(osAccount), authentication: 'os-account', osAccount };
}

export function assertedActor(account: string, osAccount: string): Actor {
  return { account: checkedAccount(account), authentication: 'asserted', osAccount };
}
