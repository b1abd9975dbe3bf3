import { appendAuditEvent } from '../audit/audit-log.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import type { Program } from '../programs/program.ts';
import type { Store } from '../store/store.ts';
import type { Matcher, MatchInput, StepListener } from './matcher.ts';

export type OutcomeCounts = Record<string, number>;

/** Runs the matcher over the screened batch and records every decision and its audit event. */
export async function matchBatch(
  store: Store,
  clock: Clock,
  input: {
    batchId: string;
    program: Program;
    matcher: Matcher;
    actor: string;
    mode?: 'program' | 'linkage';
    onStep?: StepListener;
    onCandidatePairs?: MatchInput['onCandidatePairs'];
  },
): Promise<OutcomeCounts> {
  return store.transaction(async (tx) => {
    await assertCoverageIntact(tx, 'decisions', input.batchId);
    await tx.run("DELETE FROM decisions WHERE batch_id = $1 AND outcome <> 'REJECTED'", [input.batchId]);
    await input.matcher.decide(tx, {
      batchId: input.batchId,
      program: input.program,
      decidedAt: clock.now().toISOString(),
      mode: input.mode ?? 'program',
      ...(input.onStep ? { onStep: input.onStep } : {}),
      ...(input.onCandidatePairs ? { onCandidatePairs: input.onCandidatePairs } : {}),
    });
    const counts = await outcomeCounts(tx, input.batchId);
    await appendAuditEvent(tx, clock, {
      actor: input.actor,
      action: 'batch.match',
      batchId: input.batchId,
      outcome: 'success',
      description: `matched batch ${input.batchId} (${input.matcher.name})`,
      covers: [{ table: 'decisions', batchId: input.batchId }],
      detail: { matcher: input.matcher.name, counts },
    });
    return counts;
  });
}

export async function outcomeCounts(store: Store, batchId: string): Promise<OutcomeCounts> {
  const rows = await store.all<{ outcome: string; n: bigint }>(
    'SELECT outcome, count(*) AS n FROM decisions WHERE batch_id = $1 GROUP BY outcome ORDER BY outcome',
    [batchId],
  );
  return Object.fromEntries(rows.map((row) => [row.outcome, Number(row.n)]));
}
