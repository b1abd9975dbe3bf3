import { appendAuditEvent } from '../audit/audit-log.ts';
import { redactForAudit } from '../audit/personal-data-guard.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { actorLabel, type Actor } from '../people/actor.ts';
import { authorize } from '../people/duties.ts';
import { advanceStage } from '../pipeline/batch-stage.ts';
import type { Store } from '../store/store.ts';
import { decisionsDigestOf, type DecisionsDigest } from './decisions-digest.ts';

/**
 * A disclosure officer approves a matched (or reviewed) batch for release. Requests still
 * AMBIGUOUS block approval unless the officer chooses to withhold them: they are then answered
 * AMBIGUOUS with nothing disclosed, never confirmed. The approval binds the exact decisions it
 * approved: their digest (decisions-digest.ts) goes into its audit event, and release refuses
 * decisions that no longer hash to it. The officer reviewed none of the batch (the two-person rule).
 */
export async function approveBatch(
  store: Store,
  clock: Clock,
  input: { batchId: string; actor: Actor; withholdAmbiguous: boolean },
): Promise<{ ambiguousWithheld: number; approved: DecisionsDigest }> {
  await authorize(store, clock, input.actor, 'batch.approve', { batchId: input.batchId });
  return store.transaction(async (tx) => {
    const holds = await openHolds(tx, input.batchId);
    if (holds.length)
      throw new DeskError(
        'WRONG_STAGE',
        `batch ${input.batchId} is held: ${holds.map((hold) => `${hold.rule_id} (${hold.reason})`).join('; ')}; a disclosure officer must resolve the hold first (ddesk batch resolve-hold)`,
      );
    const [row] = await tx.all<{ n: bigint }>(
      "SELECT count(*) AS n FROM decisions WHERE batch_id = $1 AND outcome = 'AMBIGUOUS'",
      [input.batchId],
    );
    const ambiguous = Number(row?.n ?? 0);
    if (ambiguous > 0 && !input.withholdAmbiguous)
      throw new DeskError(
        'WRONG_STAGE',
        `${ambiguous} request(s) still await review; review them, or approve with --withhold-ambiguous to answer them AMBIGUOUS with nothing disclosed`,
      );
    // The officer approves the decisions as the log says they were made, and the event binds them.
    const checked = await assertCoverageIntact(tx, 'decisions', input.batchId);
    await advanceStage(tx, input.batchId, ['matched', 'reviewed'], 'approved', clock.now().toISOString());
    // Bound by the digests just checked: the decisions are hashed once (decisions-digest.ts).
    const approved = decisionsDigestOf(checked);
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'batch.approve',
      batchId: input.batchId,
      outcome: 'success',
      description: `approved batch ${input.batchId}: ${approved.decisions} decisions, SHA-256 ${approved.sha256}`,
      // The decisions as just checked: approving writes none of them.
      covers: [{ table: 'decisions', batchId: input.batchId, unchangedSince: checked }],
      detail: {
        ambiguousWithheld: ambiguous,
        decisions: approved.decisions,
        decisionsSha256: approved.sha256,
        decisionsDigestVersion: approved.version,
      },
    });
    return { ambiguousWithheld: ambiguous, approved };
  });
}

interface HoldRow {
  rule_id: string;
  reason: string;
}

/** Batch findings that hold the batch and that no disclosure officer has resolved yet. */
export async function openHolds(store: Store, batchId: string): Promise<HoldRow[]> {
  return store.all<HoldRow>(
    "SELECT rule_id, reason FROM batch_findings WHERE batch_id = $1 AND effect = 'hold-batch' AND resolved_at IS NULL ORDER BY rule_id",
    [batchId],
  );
}

/**
 * A disclosure officer resolves a hold (e.g. after satisfying themself that the officer named on
 * many records is in fact engaged in those investigations), with a note that stays on record.
 */
export async function resolveHold(
  store: Store,
  clock: Clock,
  input: { batchId: string; ruleId: string; note: string; actor: Actor },
): Promise<void> {
  if (!input.note.trim()) throw new DeskError('INVALID_INPUT', 'resolving a hold needs a note saying why');
  await authorize(store, clock, input.actor, 'batch.resolve-hold', { batchId: input.batchId });
  await store.transaction(async (tx) => {
    const holds = await openHolds(tx, input.batchId);
    if (!holds.some((hold) => hold.rule_id === input.ruleId))
      throw new DeskError('NOT_FOUND', `batch ${input.batchId} has no open hold under ${input.ruleId}`);
    const at = clock.now().toISOString();
    await tx.run(
      `UPDATE batch_findings SET resolved_by = $3, resolved_at = $4::TIMESTAMP, resolution = $5
       WHERE batch_id = $1 AND rule_id = $2 AND effect = 'hold-batch' AND resolved_at IS NULL`,
      [input.batchId, input.ruleId, input.actor.account, at, input.note],
    );
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'batch.resolve-hold',
      batchId: input.batchId,
      outcome: 'success',
      detail: { ruleId: input.ruleId, note: redactForAudit(input.note) },
    });
  });
}
