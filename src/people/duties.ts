import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { actorLabel, type Actor } from './actor.ts';
import { rolesOf, type Role } from './roles.ts';

/** What an action is about: most are about one batch; a batch not yet received, by its agency. */
export interface Subject {
  batchId?: string;
  /** The requesting agency a submitted manifest names (before the batch exists). */
  agency?: string;
}

/** A condition beyond the role: null when it holds, else the reason it does not. */
type Condition = (store: Store, actor: Actor, subject: Subject) => Promise<string | null>;

interface Duty {
  roles: readonly Role[];
  /** A condition for every role of the row. */
  condition?: Condition;
  /** A condition for one role only (an agency client acts only for its own agency). */
  conditions?: Partial<Record<Role, Condition>>;
  why: string;
}

/**
 * The accounts that reviewed any request of the batch, including reviewers whose verdict a later
 * revision replaced: they took part in deciding what the batch discloses.
 */
export async function reviewersOf(store: Store, batchId: string): Promise<string[]> {
  const rows = await store.all<{ reviewer: string }>(
    'SELECT DISTINCT reviewer FROM review_decisions WHERE batch_id = $1 ORDER BY reviewer',
    [batchId],
  );
  return rows.map((row) => row.reviewer);
}

/** The two-person rule: whoever approves or releases a batch decided none of its requests. */
const noneOfItsReviewers: Condition = async (store, actor, subject) => {
  if (!subject.batchId) return 'the action needs a batch';
  const reviewers = await reviewersOf(store, subject.batchId);
  return reviewers.includes(actor.account)
    ? `${actor.account} reviewed requests of batch ${subject.batchId}; the two-person rule requires a disclosure officer who reviewed none of them`
    : null;
};

/** The requesting agency an agency client acts for (its service account says which). */
export async function agencyOf(store: Store, account: string): Promise<string | null> {
  const [row] = await store.all<{ agency: string | null }>('SELECT agency FROM accounts WHERE account = $1', [
    account,
  ]);
  return row?.agency ?? null;
}

/**
 * An agency client acts only for its own agency: the batch it names (or the manifest it submits)
 * is its agency's. Without a batch (a list), the route shows only its agency's batches.
 */
const ownAgency: Condition = async (store, actor, subject) => {
  const agency = await agencyOf(store, actor.account);
  if (!agency) return `${actor.account} is an agency client without an agency`;
  let subjectAgency = subject.agency;
  if (subject.batchId) {
    const [batch] = await store.all<{ requesting_agency: string }>(
      'SELECT requesting_agency FROM batches WHERE batch_id = $1',
      [subject.batchId],
    );
    // Another agency's batch and no batch at all look the same to an agency client.
    subjectAgency = batch?.requesting_agency ?? '(no such batch)';
  }
  if (subjectAgency === undefined || subjectAgency === agency) return null;
  return `${actor.account} acts for ${agency} only`;
};

/**
 * Who may do what (style.md: Outline's policies): one row per action, the roles that may take it
 * and any condition on the subject. The CLI, and later the HTTP service, ask `authorize` before
 * calling a stage; the stages that disclose (approve, release, review) ask it themselves.
 */
export const DUTIES = {
  'roles.read': { roles: ['admin', 'auditor'], why: 'who holds which role is itself on record' },
  'roles.grant': { roles: ['admin'], why: 'roles are administered by an admin, each change audited' },
  'roles.revoke': { roles: ['admin'], why: 'roles are administered by an admin, each change audited' },
  'reference.load': {
    roles: ['admin'],
    why: 'the reference decides every match; replacing it is an administrative act',
  },
  'reference.search': {
    roles: ['reviewer'],
    why: 'a reviewer may look beyond the candidates, but every look at taxpayer data is audited',
  },
  'batch.submit': {
    roles: ['intake-clerk', 'agency-client'],
    conditions: { 'agency-client': ownAgency },
    why: "intake receives signed batches; an agency's system submits its own agency's",
  },
  'batch.screen': { roles: ['intake-clerk'], why: 'screening applies the statute rules at intake' },
  'batch.match': {
    roles: ['intake-clerk'],
    why: 'matching is run by intake; what it cannot decide goes to review',
  },
  'batch.read': {
    roles: ['intake-clerk', 'reviewer', 'disclosure-officer', 'auditor', 'admin', 'agency-client'],
    conditions: { 'agency-client': ownAgency },
    why: "a batch's stage and counts reveal no taxpayer data; an agency sees its own batches",
  },
  'response.download': {
    roles: ['agency-client'],
    conditions: { 'agency-client': ownAgency },
    why: 'the response goes to the agency that requested it, and to no one else',
  },
  'accounts.admin': {
    roles: ['admin'],
    why: 'accounts, passwords and API tokens are administered by an admin, each change audited',
  },
  'review.read': {
    roles: ['reviewer', 'disclosure-officer', 'auditor'],
    why: 'requests, candidates and explanations show taxpayer data: only those whose duty needs them',
  },
  'review.decide': { roles: ['reviewer'], why: 'only a reviewer decides what the matcher could not' },
  'batch.resolve-hold': {
    roles: ['disclosure-officer'],
    condition: noneOfItsReviewers,
    why: 'a hold is lifted by the officer who answers for the release',
  },
  'batch.approve': {
    roles: ['disclosure-officer'],
    condition: noneOfItsReviewers,
    why: 'two-person rule: no one both decides and approves a disclosure',
  },
  'batch.release': {
    roles: ['disclosure-officer'],
    condition: noneOfItsReviewers,
    why: 'two-person rule: no one both decides and releases a disclosure',
  },
  'ledger.read': {
    roles: ['auditor', 'disclosure-officer'],
    why: 'the § 6103(p)(3) accounting names taxpayers',
  },
  'audit.read': { roles: ['auditor', 'admin'], why: 'the audit trail is read by auditors' },
  'audit.checkpoint': {
    roles: ['auditor', 'admin'],
    why: 'a signed checkpoint only attests the log as it stands; an auditor may ask for one at any time',
  },
  'retention.run': {
    roles: ['admin'],
    why: 'purging request data is records management, done on the schedule the program sets',
  },
} as const satisfies Record<string, Duty>;

export type Action = keyof typeof DUTIES;

/**
 * Allows the action or refuses it with NOT_AUTHORIZED; a refusal is audited (outcome 'refused').
 * Call it outside any transaction that the refusal would roll back.
 */
export async function authorize(
  store: Store,
  clock: Clock,
  actor: Actor,
  action: Action,
  subject: Subject = {},
): Promise<void> {
  const duty: Duty = DUTIES[action];
  const held = await rolesOf(store, actor.account);
  const entitled = duty.roles.filter((role) => held.includes(role));
  let reason: string | null = entitled.length
    ? null
    : `${actor.account} may not ${action}: it needs the role ${duty.roles.join(' or ')} (${duty.why}); ${actor.account} holds ${held.length ? held.join(', ') : 'no role'}`;
  if (entitled.length) {
    // Allowed when any entitling role's conditions hold.
    const reasons: string[] = [];
    for (const role of entitled) {
      const conditions = [duty.condition, duty.conditions?.[role]].filter((c) => c !== undefined);
      let failed: string | null = null;
      for (const condition of conditions) failed ??= await condition(store, actor, subject);
      if (failed === null) {
        reasons.length = 0;
        break;
      }
      reasons.push(failed);
    }
    reason = reasons[0] ?? null;
  }
  if (reason === null) return;
  await appendAuditEvent(store, clock, {
    actor: actorLabel(actor),
    action,
    batchId: subject.batchId ?? null,
    outcome: 'refused',
    // The reason names accounts, roles and the rule, never a taxpayer: a batch's timeline shows it.
    description: `${action} refused: ${reason}`,
    detail: { code: 'NOT_AUTHORIZED', reason },
  });
  throw new DeskError('NOT_AUTHORIZED', reason);
}
