import { appendAuditEvent } from '../audit/audit-log.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { actorLabel, type Actor } from '../people/actor.ts';
import { authorize } from '../people/duties.ts';
import { advanceStage, getBatch } from '../pipeline/batch-stage.ts';
import type { Program } from '../programs/program.ts';
import { DecisionRepository } from '../store/repositories/decision-repository.ts';
import type { Store } from '../store/store.ts';
import {
  addressOfRecordAgreement,
  CONFIRMING_ADDRESS_LEVELS,
  describeSource,
  howFound,
  reviewStores,
  type ReviewStores,
} from './reviewable-taxpayer.ts';

export type ReviewVerdict =
  | { outcome: 'CONFIRMED'; taxpayerId: string }
  | { outcome: 'NOT_CONFIRMED'; taxpayerId: string }
  | { outcome: 'NO_RECORD' }
  /** No verdict: another reviewer decides (the ONS tool's "send to expert"). */
  | { outcome: 'SECOND_REVIEW' };

export interface ReviewInput {
  requestId: string;
  verdict: ReviewVerdict;
  note: string;
}

/**
 * What one verdict did: decided the request, proposed a confirmation, concurred with one, or sent
 * the request to a second reviewer.
 */
export interface ReviewResult {
  requestId: string;
  step: 'decided' | 'proposed' | 'concurred' | 'referred';
  outcome: string;
  revision: number;
  /** Requests of the batch still awaiting a reviewer after this verdict. */
  remaining: number;
}

/**
 * A reviewer decides one request (issue 10 § 2). Refused, with the reason and an audit event, when
 * the reviewer names a taxpayer that is neither a candidate nor found by an audited search, confirms
 * a taxpayer whose address of record does not agree at the program's confirming level, concurs with
 * their own proposal, or the batch is approved already. Revisions are allowed until approval; each
 * is a new row of review_decisions and an audit event.
 */
export async function decideReview(
  store: Store,
  clock: Clock,
  input: ReviewInput & { batchId: string; program: Program; actor: Actor; reference?: Store },
): Promise<{ result: ReviewResult; remaining: number }> {
  const { results, remaining } = await decideReviews(store, clock, { ...input, decisions: [input] });
  const [result] = results;
  if (!result) throw new Error('a review decided nothing');
  return { result, remaining };
}

/**
 * Many verdicts at once (`review decide --file`), all or nothing: every verdict is checked and
 * applied in one transaction; the first refusal rolls all of them back and names its row.
 */
export async function decideReviews(
  store: Store,
  clock: Clock,
  input: {
    batchId: string;
    program: Program;
    actor: Actor;
    decisions: readonly ReviewInput[];
    /**
     * The taxpayer reference and the matcher's candidates when the record is kept apart from them
     * (the record on PostgreSQL, the engine in DuckDB); default: `store`.
     */
    reference?: Store;
  },
): Promise<{ results: ReviewResult[]; remaining: number }> {
  await authorize(store, clock, input.actor, 'review.decide', { batchId: input.batchId });
  const seen = new Set<string>();
  for (const [i, decision] of input.decisions.entries()) {
    if (seen.has(decision.requestId))
      throw await refused(
        store,
        clock,
        input,
        decision.requestId,
        new DeskError(
          'INVALID_INPUT',
          `decision ${i + 1}: request ${decision.requestId} is decided twice; one verdict per request`,
        ),
      );
    seen.add(decision.requestId);
  }
  let current: ReviewInput | undefined;
  try {
    return await store.transaction(async (tx) => {
      const results: ReviewResult[] = [];
      for (const decision of input.decisions) {
        current = decision;
        results.push(await applyVerdict(reviewStores(tx, input.reference), clock, { ...input, ...decision }));
      }
      current = undefined;
      return { results, remaining: results.at(-1)?.remaining ?? 0 };
    });
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    const row = current ? input.decisions.indexOf(current) + 1 : 0;
    const where =
      input.decisions.length > 1 && row ? `decision ${row} (request ${current?.requestId}): ` : '';
    throw await refused(
      store,
      clock,
      input,
      current?.requestId ?? null,
      new DeskError(
        error.code,
        `${where}${error.message}${input.decisions.length > 1 ? '; no decision of the file was applied' : ''}`,
        error.details,
      ),
    );
  }
}

/** Audits a refused review outside the rolled-back transaction and returns the error to throw. */
async function refused(
  store: Store,
  clock: Clock,
  input: { batchId: string; actor: Actor; decisions: readonly ReviewInput[] },
  requestId: string | null,
  error: DeskError,
): Promise<DeskError> {
  await appendAuditEvent(store, clock, {
    actor: actorLabel(input.actor),
    action: 'review.decide',
    batchId: input.batchId,
    outcome: 'refused',
    object: requestId ? `batch ${input.batchId} request ${requestId}` : `batch ${input.batchId}`,
    description: `review refused: ${error.message}`,
    detail: { code: error.code, requestId, decisions: input.decisions.length, reason: error.message },
  });
  return error;
}

async function applyVerdict(
  stores: ReviewStores,
  clock: Clock,
  input: ReviewInput & { batchId: string; program: Program; actor: Actor },
): Promise<ReviewResult> {
  const { batchId, requestId, verdict, actor } = input;
  const tx = stores.record;
  if (!input.note.trim()) throw new DeskError('INVALID_INPUT', 'a review decision needs a note saying why');
  const batch = await getBatch(tx, batchId);
  if (batch.stage !== 'matched' && batch.stage !== 'reviewed')
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${batchId} is ${batch.stage}; reviews are made and revised until the batch is approved`,
    );
  const decisions = new DecisionRepository(tx);
  const decision = await decisions.find(batchId, requestId);
  if (!decision) throw new DeskError('NOT_FOUND', `no request ${requestId} in batch ${batchId}`);
  if (decision.outcome !== 'AMBIGUOUS' && !decision.decided_by.startsWith('review:'))
    throw new DeskError(
      'WRONG_STAGE',
      `request ${requestId} was decided ${decision.outcome} by ${decision.decided_by}, not left for review`,
    );
  await assertCoverageIntact(tx, 'decisions', batchId, [requestId]);

  const taxpayerId =
    verdict.outcome === 'NO_RECORD' || verdict.outcome === 'SECOND_REVIEW' ? null : verdict.taxpayerId;
  let foundBy: string | null = null;
  if (taxpayerId !== null) {
    // The taxpayer reference and the matcher's candidates are the engine's; the verdict is the record's.
    const known = await stores.engine.all('SELECT 1 FROM reference_records WHERE taxpayer_id = $1 LIMIT 1', [
      taxpayerId,
    ]);
    if (!known.length) throw new DeskError('NOT_FOUND', `no taxpayer ${taxpayerId} in the reference`);
    const source = await howFound(stores, batchId, requestId, taxpayerId);
    if (!source)
      throw new DeskError(
        'NOT_AUTHORIZED',
        `taxpayer ${taxpayerId} is not a candidate for request ${requestId}, and no reference search for it found them; a reviewer decides among the candidates (ddesk review show) or a taxpayer an audited search found (ddesk review search)`,
      );
    foundBy = describeSource(source);
  }
  if (verdict.outcome === 'CONFIRMED') {
    const address = await addressOfRecordAgreement(stores, batchId, requestId, verdict.taxpayerId);
    if (!address.agrees)
      throw new DeskError(
        'NOT_AUTHORIZED',
        `the address requested agrees with the address of record of taxpayer ${verdict.taxpayerId}${address.taxYear === null ? '' : ` (tax year ${address.taxYear})`} only as "${address.label}"; a confirmation needs ${CONFIRMING_ADDRESS_LEVELS}`,
      );
  }

  const last = await decisions.lastReview(batchId, requestId);
  const revision = Number(last?.revision ?? 0) + 1;
  // A referral promises that another person looks: the referrer may not answer it themselves.
  if (last && last.step === 'refer' && decision.outcome === 'AMBIGUOUS' && last.reviewer === actor.account)
    throw new DeskError(
      'NOT_AUTHORIZED',
      `${actor.account} sent request ${requestId} to a second reviewer; another reviewer decides it`,
    );
  const pendingProposal =
    last && last.step === 'decide' && last.outcome === 'CONFIRMED' && decision.outcome === 'AMBIGUOUS'
      ? last
      : null;
  const needsSecond = verdict.outcome === 'CONFIRMED' && input.program.review.secondReviewerForConfirmations;

  let step: ReviewResult['step'] = 'decided';
  let outcome: string = verdict.outcome;
  let decidedBy = `review:${actor.account}`;
  let reason = `reviewer: ${input.note}`;
  if (needsSecond && pendingProposal && pendingProposal.taxpayer_id === taxpayerId) {
    if (pendingProposal.reviewer === actor.account)
      throw new DeskError(
        'NOT_AUTHORIZED',
        `${actor.account} proposed this confirmation; the program requires a second reviewer, another account, to concur`,
      );
    step = 'concurred';
    decidedBy = `review:${pendingProposal.reviewer}+${actor.account}`;
    reason = `reviewers ${pendingProposal.reviewer} and ${actor.account}: ${input.note}`;
  } else if (needsSecond) {
    step = 'proposed';
    outcome = 'AMBIGUOUS';
    reason = `reviewer ${actor.account} proposes CONFIRMED; awaiting a second reviewer: ${input.note}`;
  } else if (verdict.outcome === 'SECOND_REVIEW') {
    step = 'referred';
    outcome = 'AMBIGUOUS';
    reason = `reviewer ${actor.account} sends it to a second reviewer: ${input.note}`;
  }
  const at = clock.now().toISOString();
  await decisions.putVerdict({
    batchId,
    requestId,
    outcome,
    taxpayerId: outcome === 'AMBIGUOUS' ? null : taxpayerId,
    reason,
    decidedBy,
    decidedAt: at,
  });
  await decisions.appendReview({
    batch_id: batchId,
    request_id: requestId,
    revision,
    step: step === 'concurred' ? 'second-review' : step === 'referred' ? 'refer' : 'decide',
    outcome: verdict.outcome,
    taxpayer_id: taxpayerId,
    found_by: foundBy,
    note: input.note,
    reviewer: actor.account,
    decided_at: at,
  });
  // The stage moves before the event, so that the event covers the batch row as it now stands.
  const remaining = await settleStage(tx, clock, batchId);
  // The note and the taxpayer are in the decision row, which the event's hash covers; the log
  // itself carries no free text about a person.
  await appendAuditEvent(tx, clock, {
    actor: actorLabel(actor),
    action: 'review.decide',
    batchId,
    outcome: 'success',
    object: `batch ${batchId} request ${requestId}`,
    description: `reviewer ${step} request ${requestId} of batch ${batchId}: ${verdict.outcome}${revision > 1 ? ` (revision ${revision})` : ''}`,
    detail: { requestId, verdict: verdict.outcome, step, revision, foundBy, outcome, remaining },
    covers: [{ table: 'decisions', batchId, requestIds: [requestId] }],
  });
  return { requestId, step, outcome, revision, remaining };
}

/**
 * Once no request awaits a reviewer the batch is `reviewed`; a revision that leaves one awaiting a
 * second reviewer takes it back to `matched`. Returns how many still await.
 */
async function settleStage(tx: Store, clock: Clock, batchId: string): Promise<number> {
  const remaining = await new DecisionRepository(tx).awaitingReview(batchId);
  const { stage } = await getBatch(tx, batchId);
  const at = clock.now().toISOString();
  if (remaining === 0 && stage === 'matched') await advanceStage(tx, batchId, ['matched'], 'reviewed', at);
  if (remaining > 0 && stage === 'reviewed') await advanceStage(tx, batchId, ['reviewed'], 'matched', at);
  return remaining;
}
