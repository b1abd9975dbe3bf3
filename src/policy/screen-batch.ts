import { appendAuditEvent } from '../audit/audit-log.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { REQUEST_COLUMNS, type RequestRecord } from '../intake/request-record.ts';
import type { Program } from '../programs/program.ts';
import type { Store } from '../store/store.ts';
import type { BatchFinding, ScreeningContext } from './rule.ts';
import { startScreening } from './screening-run.ts';

export { programRules, screenRecord } from './screening-run.ts';

export interface ScreeningSummary {
  screened: number;
  /** Requests REJECTED: by a record rule, as a duplicate, or because the batch was refused. */
  rejected: number;
  /** Failures per rule id (a request failing three rules counts under each). */
  failuresByRule: Record<string, number>;
  /** Set when the batch is refused whole: every request is REJECTED citing this rule. */
  refused: { ruleId: string; citation: string; reason: string } | null;
  /** Holds: nothing is rejected, but the batch waits for a disclosure officer. */
  held: { ruleId: string; citation: string; reason: string }[];
}

const PAGE_ROWS = 50_000;

/**
 * Screens every request of a batch against the program's rules. A failing record gets a
 * `REJECTED` decision citing its first failed rule (program order); all failures are kept for
 * the report. Batch rules may refuse the whole batch or hold it (batch_findings). Reads the
 * batch in pages so that memory stays bounded whatever the batch size.
 */
export async function screenBatch(
  store: Store,
  clock: Clock,
  input: { batchId: string; program: Program; asOf: string; attestation: string; actor: string },
  onProgress?: (done: number) => void,
): Promise<ScreeningSummary> {
  const context: ScreeningContext = {
    program: input.program,
    asOf: input.asOf,
    attestation: input.attestation,
  };
  const run = startScreening(context);
  const summary: ScreeningSummary = { screened: 0, rejected: 0, failuresByRule: {}, refused: null, held: [] };
  const columns = REQUEST_COLUMNS.join(', ');
  const now = clock.now().toISOString();
  return store.transaction(async (tx) => {
    await assertCoverageIntact(tx, 'decisions', input.batchId);
    await tx.run('DELETE FROM screening_failures WHERE batch_id = $1', [input.batchId]);
    await tx.run("DELETE FROM decisions WHERE batch_id = $1 AND outcome = 'REJECTED'", [input.batchId]);
    await tx.run('DELETE FROM batch_findings WHERE batch_id = $1', [input.batchId]);
    for (let from = 0; ; from += PAGE_ROWS) {
      const page = await tx.all<RequestRecord & { row_number: number }>(
        `SELECT row_number, ${columns} FROM requests WHERE batch_id = $1 AND row_number > $2 AND row_number <= $3 ORDER BY row_number`,
        [input.batchId, from, from + PAGE_ROWS],
      );
      if (page.length === 0) break;
      const failureRows: (string | number)[][] = [];
      for (const record of page) {
        const failures = run.screen(record, Number(record.row_number));
        if (failures.length) summary.rejected++;
        for (const failure of failures) {
          summary.failuresByRule[failure.ruleId] = (summary.failuresByRule[failure.ruleId] ?? 0) + 1;
          failureRows.push([
            input.batchId,
            record.request_id,
            failure.ruleId,
            run.rules.rank.get(failure.ruleId) ?? -1,
            failure.citation,
            failure.message,
          ]);
        }
      }
      await tx.append('screening_failures', failureRows);
      summary.screened += page.length;
      onProgress?.(summary.screened);
    }
    for (const finding of run.finish(summary.screened))
      await recordFinding(tx, input.batchId, finding, summary, run.rules.rank, now);
    // The first failed rule (program order) is the one the outcome cites.
    // (A window, not DuckDB's arg_min: the same statement runs on PostgreSQL.)
    await tx.run(
      `INSERT INTO decisions (batch_id, request_id, outcome, rule_id, reason, decided_by, decided_at)
       SELECT batch_id, request_id, 'REJECTED', rule_id, message, 'policy', $2::TIMESTAMP
       FROM (SELECT batch_id, request_id, rule_id, message,
                    row_number() OVER (PARTITION BY batch_id, request_id ORDER BY rule_rank, rule_id) AS cited
             FROM screening_failures WHERE batch_id = $1) failed
       WHERE cited = 1`,
      [input.batchId, now],
    );
    await appendAuditEvent(tx, clock, {
      actor: input.actor,
      action: 'batch.screen',
      batchId: input.batchId,
      outcome: summary.refused ? 'refused' : 'success',
      description: `screened batch ${input.batchId}: ${summary.screened} requests, ${summary.rejected} rejected`,
      covers: [{ table: 'decisions', batchId: input.batchId }],
      detail: {
        ...summary,
        programId: input.program.id,
        programVersion: input.program.version,
        asOf: input.asOf,
      },
    });
    return summary;
  });
}

async function recordFinding(
  tx: Store,
  batchId: string,
  finding: BatchFinding,
  summary: ScreeningSummary,
  rank: ReadonlyMap<string, number>,
  now: string,
): Promise<void> {
  await tx.run(
    'INSERT INTO batch_findings (batch_id, rule_id, citation, effect, reason, found_at) VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMP)',
    [batchId, finding.ruleId, finding.citation, finding.effect, finding.reason, now],
  );
  const entry = { ruleId: finding.ruleId, citation: finding.citation, reason: finding.reason };
  switch (finding.effect) {
    case 'hold-batch':
      summary.held.push(entry);
      return;
    case 'refuse-batch':
      // Every request is rejected citing the refusal (it ranks first in the program's list).
      await tx.run(
        `INSERT INTO screening_failures (batch_id, request_id, rule_id, rule_rank, citation, message)
         SELECT batch_id, request_id, $2, $3, $4, $5 FROM requests WHERE batch_id = $1`,
        [batchId, finding.ruleId, rank.get(finding.ruleId) ?? -1, finding.citation, finding.reason],
      );
      summary.refused = entry;
      summary.failuresByRule[finding.ruleId] = summary.screened;
      summary.rejected = summary.screened;
      return;
  }
}
