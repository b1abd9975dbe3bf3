import type { Store } from '../store/store.ts';

export interface ScreeningReport {
  batchId: string;
  /** Each rule that failed at least one request: how many, its citation and message. */
  rules: { ruleId: string; citation: string; message: string; failures: number; citedByRejections: number }[];
  /** Batch-level findings: a refusal of the whole batch, or holds and how they were resolved. */
  findings: {
    ruleId: string;
    citation: string;
    effect: string;
    reason: string;
    resolvedBy: string | null;
    resolution: string | null;
  }[];
  rejected: number;
}

/** The screening report of a batch by rule (no request data: rule ids, citations, counts). */
export async function screeningReport(store: Store, batchId: string): Promise<ScreeningReport> {
  const rules = await store.all<{
    rule_id: string;
    citation: string;
    message: string;
    failures: bigint;
    cited: bigint;
  }>(
    `SELECT f.rule_id, min(f.citation) AS citation, min(f.message) AS message, count(*) AS failures,
            count(*) FILTER (WHERE d.rule_id = f.rule_id) AS cited
     FROM screening_failures f
     LEFT JOIN decisions d ON d.batch_id = f.batch_id AND d.request_id = f.request_id AND d.outcome = 'REJECTED'
     WHERE f.batch_id = $1 GROUP BY f.rule_id ORDER BY failures DESC, f.rule_id`,
    [batchId],
  );
  const findings = await store.all<{
    rule_id: string;
    citation: string;
    effect: string;
    reason: string;
    resolved_by: string | null;
    resolution: string | null;
  }>(
    'SELECT rule_id, citation, effect, reason, resolved_by, resolution FROM batch_findings WHERE batch_id = $1 ORDER BY found_at, rule_id',
    [batchId],
  );
  const [rejected] = await store.all<{ n: bigint }>(
    "SELECT count(*) AS n FROM decisions WHERE batch_id = $1 AND outcome = 'REJECTED'",
    [batchId],
  );
  return {
    batchId,
    rules: rules.map((row) => ({
      ruleId: row.rule_id,
      citation: row.citation,
      message: row.message,
      failures: Number(row.failures),
      citedByRejections: Number(row.cited),
    })),
    findings: findings.map((row) => ({
      ruleId: row.rule_id,
      citation: row.citation,
      effect: row.effect,
      reason: row.reason,
      resolvedBy: row.resolved_by,
      resolution: row.resolution,
    })),
    rejected: Number(rejected?.n ?? 0),
  };
}
