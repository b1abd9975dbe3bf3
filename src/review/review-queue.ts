import { appendAuditEvent } from '../audit/audit-log.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { actorLabel, type Actor } from '../people/actor.ts';
import { authorize } from '../people/duties.ts';
import { advanceStage, getBatch } from '../pipeline/batch-stage.ts';
import type { Store } from '../store/store.ts';

export interface ReviewItem {
  request_id: string;
  row_number: number;
  requested_name: string;
  requested_address: string;
  dob: string | null;
  reason: string;
  match_probability: number | null;
  explanation: string | null;
}

/** The requests of a batch awaiting a reviewer: every AMBIGUOUS decision, in file order. */
export async function reviewQueue(store: Store, batchId: string): Promise<ReviewItem[]> {
  await getBatch(store, batchId);
  const rows = await store.all<ReviewItem>(
    `SELECT r.request_id, r.row_number,
            concat_ws(' ', r.first_name, nullif(r.middle_name, ''), r.last_name) AS requested_name,
            concat_ws(', ', r.address_line1, nullif(r.address_line2, ''), r.city, r.state, r.zip) AS requested_address,
            nullif(r.dob, '') AS dob, d.reason, d.match_probability, d.explanation
     FROM decisions d JOIN requests r USING (batch_id, request_id)
     WHERE d.batch_id = $1 AND d.outcome = 'AMBIGUOUS' ORDER BY r.row_number`,
    [batchId],
  );
  return rows.map((row) => ({ ...row, row_number: Number(row.row_number) }));
}

export type ReviewVerdict =
  | { outcome: 'CONFIRMED'; taxpayerId: string }
  | { outcome: 'NOT_CONFIRMED'; taxpayerId: string }
  | { outcome: 'NO_RECORD' };

/**
 * A reviewer resolves one AMBIGUOUS request. The verdict, the reviewer and the note are stored
 * with the decision and audited; once no request awaits review the batch becomes `reviewed`.
 */
export async function decideReview(
  store: Store,
  clock: Clock,
  input: { batchId: string; requestId: string; verdict: ReviewVerdict; note: string; actor: Actor },
): Promise<{ remaining: number }> {
  if (!input.note.trim()) throw new DeskError('INVALID_INPUT', 'a review decision needs a note saying why');
  await authorize(store, clock, input.actor, 'review.decide', { batchId: input.batchId });
  return store.transaction(async (tx) => {
    const batch = await getBatch(tx, input.batchId);
    if (batch.stage !== 'matched')
      throw new DeskError(
        'WRONG_STAGE',
        `batch ${input.batchId} is ${batch.stage}; review happens while it is matched`,
      );
    const [current] = await tx.all<{ outcome: string }>(
      'SELECT outcome FROM decisions WHERE batch_id = $1 AND request_id = $2',
      [input.batchId, input.requestId],
    );
    if (!current) throw new DeskError('NOT_FOUND', `no request ${input.requestId} in batch ${input.batchId}`);
    if (current.outcome !== 'AMBIGUOUS')
      throw new DeskError(
        'WRONG_STAGE',
        `request ${input.requestId} is ${current.outcome}, not awaiting review`,
      );
    await assertCoverageIntact(tx, 'decisions', input.batchId, [input.requestId]);
    const taxpayerId = input.verdict.outcome === 'NO_RECORD' ? null : input.verdict.taxpayerId;
    if (taxpayerId !== null) {
      const known = await tx.all('SELECT 1 FROM reference_records WHERE taxpayer_id = $1 LIMIT 1', [
        taxpayerId,
      ]);
      if (!known.length) throw new DeskError('NOT_FOUND', `no taxpayer ${taxpayerId} in the reference`);
    }
    await tx.run(
      `UPDATE decisions SET outcome = $3, taxpayer_id = $4, reason = $5, decided_by = $6, decided_at = $7::TIMESTAMP
       WHERE batch_id = $1 AND request_id = $2`,
      [
        input.batchId,
        input.requestId,
        input.verdict.outcome,
        taxpayerId,
        `reviewer: ${input.note}`,
        `review:${input.actor.account}`,
        clock.now().toISOString(),
      ],
    );
    const [last] = await tx.all<{ revision: number | null }>(
      'SELECT max(revision) AS revision FROM review_decisions WHERE batch_id = $1 AND request_id = $2',
      [input.batchId, input.requestId],
    );
    await tx.run(
      `INSERT INTO review_decisions (batch_id, request_id, revision, step, outcome, taxpayer_id, found_by, note, reviewer, decided_at)
       VALUES ($1, $2, $3, 'decide', $4, $5, NULL, $6, $7, $8::TIMESTAMP)`,
      [
        input.batchId,
        input.requestId,
        Number(last?.revision ?? 0) + 1,
        input.verdict.outcome,
        taxpayerId,
        input.note,
        input.actor.account,
        clock.now().toISOString(),
      ],
    );
    const [left] = await tx.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM decisions WHERE batch_id = $1 AND outcome = 'AMBIGUOUS'",
      [input.batchId],
    );
    const remaining = Number(left?.n ?? 0);
    if (remaining === 0)
      await advanceStage(tx, input.batchId, ['matched'], 'reviewed', clock.now().toISOString());
    // The note and the taxpayer are in the decision row, which the event's hash covers; the log
    // itself carries no free text about a person.
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'review.decide',
      batchId: input.batchId,
      outcome: 'success',
      object: `batch ${input.batchId} request ${input.requestId}`,
      description: `reviewer decided request ${input.requestId} of batch ${input.batchId}: ${input.verdict.outcome}`,
      detail: { requestId: input.requestId, verdict: input.verdict.outcome, remaining },
      covers: [{ table: 'decisions', batchId: input.batchId, requestIds: [input.requestId] }],
    });
    return { remaining };
  });
}
