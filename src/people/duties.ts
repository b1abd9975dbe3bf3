import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { actorLabel, type Actor } from './actor.ts';
import { rolesOf, type Role } from './roles.ts';

/** What an action is about: most are about one batch. */
export interface Subject {
  batchId?: string;
}

/** A condition beyond the role: null when it holds, else the reason it does not. */
type Condition = (store: Store, actor: Actor, subject: Subject) => Promise<string | null>;

interface Duty {
  roles: readonly Role[];
  condition?: Condition;
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
  'batch.submit': { roles: ['intake-clerk'], why: 'intake receives signed batches' },
  'batch.screen': { roles: ['intake-clerk'], why: 'screening applies the statute rules at intake' },
  'batch.match': {
    roles: ['intake-clerk'],
    why: 'matching is run by intake; what it cannot decide goes to review',
  },
  'batch.read': {
    roles: ['intake-clerk', 'reviewer', 'disclosure-officer', 'auditor', 'admin'],
    why: "a batch's stage and counts reveal no taxpayer data",
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
  let reason: string | null = null;
  if (!duty.roles.some((role) => held.includes(role)))
    reason = `${actor.account} may not ${action}: it needs the role ${duty.roles.join(' or ')} (${duty.why}); ${actor.account} holds ${held.length ? held.join(', ') : 'no role'}`;
  else if (duty.condition) reason = await duty.condition(store, actor, subject);
  if (reason === null) return;
  await appendAuditEvent(store, clock, {
    actor: actorLabel(actor),
    action,
    batchId: subject.batchId ?? null,
    outcome: 'refused',
    detail: { code: 'NOT_AUTHORIZED', reason },
  });
  throw new DeskError('NOT_AUTHORIZED', reason);
}
