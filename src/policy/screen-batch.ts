import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { REQUEST_COLUMNS, type RequestRecord } from '../intake/request-record.ts';
import type { Program } from '../programs/program.ts';
import type { Store } from '../store/store.ts';
import { RECORD_RULES } from './record-rules.ts';
import type { RecordRule, RuleFailure, ScreeningContext } from './rule.ts';

/** The program's chosen rules, in its order; an unknown rule id is a program error, not a pass. */
export function rulesForProgram(
  program: Program,
  catalogue: readonly RecordRule[] = RECORD_RULES,
): RecordRule[] {
  return program.rules.map((id) => {
    const rule = catalogue.find((candidate) => candidate.id === id);
    if (!rule) throw new Error(`program ${program.id} names unknown rule "${id}"`);
    return rule;
  });
}

/** Every rule the record fails, in rule order (the first one becomes the outcome's rule id). */
export function screenRecord(
  record: RequestRecord,
  rules: readonly RecordRule[],
  context: ScreeningContext,
): RuleFailure[] {
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    const problem = rule.check(record, context);
    if (problem !== null)
      failures.push({ ruleId: rule.id, citation: rule.citation, message: `${rule.message}: ${problem}` });
  }
  return failures;
}

export interface ScreeningSummary {
  screened: number;
  rejected: number;
  failuresByRule: Record<string, number>;
}

const PAGE_ROWS = 50_000;

/**
 * Screens every request of a batch against the program's rules. A failing record gets a
 * `REJECTED` decision citing its first failed rule; all failures are kept for the report.
 * Reads the batch in pages so that memory stays bounded whatever the batch size.
 */
export async function screenBatch(
  store: Store,
  clock: Clock,
  input: { batchId: string; program: Program; asOf: string; attestation: string; actor: string },
  onProgress?: (done: number) => void,
): Promise<ScreeningSummary> {
  const rules = rulesForProgram(input.program);
  const context: ScreeningContext = {
    program: input.program,
    asOf: input.asOf,
    attestation: input.attestation,
  };
  const summary: ScreeningSummary = { screened: 0, rejected: 0, failuresByRule: {} };
  const columns = REQUEST_COLUMNS.join(', ');
  return store.transaction(async (tx) => {
    await tx.run('DELETE FROM screening_failures WHERE batch_id = $1', [input.batchId]);
    await tx.run("DELETE FROM decisions WHERE batch_id = $1 AND outcome = 'REJECTED'", [input.batchId]);
    for (let from = 0; ; from += PAGE_ROWS) {
      const page = await tx.all<RequestRecord>(
        `SELECT ${columns} FROM requests WHERE batch_id = $1 AND row_number > $2 AND row_number <= $3 ORDER BY row_number`,
        [input.batchId, from, from + PAGE_ROWS],
      );
      if (page.length === 0) break;
      const failureRows: (string | number)[][] = [];
      for (const record of page) {
        const failures = screenRecord(record, rules, context);
        if (failures.length) summary.rejected++;
        for (const failure of failures) {
          summary.failuresByRule[failure.ruleId] = (summary.failuresByRule[failure.ruleId] ?? 0) + 1;
          const rank = rules.findIndex((rule) => rule.id === failure.ruleId);
          failureRows.push([
            input.batchId,
            record.request_id,
            failure.ruleId,
            rank,
            failure.citation,
            failure.message,
          ]);
        }
      }
      await tx.append('screening_failures', failureRows);
      summary.screened += page.length;
      onProgress?.(summary.screened);
    }
    // The first failed rule (program order) is the one the outcome cites.
    await tx.run(
      `INSERT INTO decisions (batch_id, request_id, outcome, rule_id, reason, decided_by, decided_at)
       SELECT batch_id, request_id, 'REJECTED', arg_min(rule_id, rule_rank), arg_min(message, rule_rank), 'policy', $2::TIMESTAMP
       FROM screening_failures WHERE batch_id = $1
       GROUP BY batch_id, request_id`,
      [input.batchId, clock.now().toISOString()],
    );
    await appendAuditEvent(tx, clock, {
      actor: input.actor,
      action: 'batch.screen',
      batchId: input.batchId,
      outcome: 'success',
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
