import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { advanceStage } from '../pipeline/batch-stage.ts';
import type { Store } from '../store/store.ts';

/**
 * A disclosure officer approves a matched (or reviewed) batch for release. Requests still
 * AMBIGUOUS block approval unless the officer chooses to withhold them: they are then answered
 * AMBIGUOUS with nothing disclosed, never confirmed.
 */
export async function approveBatch(
  store: Store,
  clock: Clock,
  input: { batchId: string; actor: string; withholdAmbiguous: boolean },
): Promise<{ ambiguousWithheld: number }> {
  return store.transaction(async (tx) => {
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
    await advanceStage(tx, input.batchId, ['matched', 'reviewed'], 'approved', clock.now().toISOString());
    await appendAuditEvent(tx, clock, {
      actor: input.actor,
      action: 'batch.approve',
      batchId: input.batchId,
      outcome: 'success',
      detail: { ambiguousWithheld: ambiguous },
    });
    return { ambiguousWithheld: ambiguous };
  });
}
