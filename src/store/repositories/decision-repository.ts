import type { SqlValue, Store } from '../store.ts';

/** One request's outcome, as `decisions` holds it (the verdict in force). */
export interface DecisionRow {
  batch_id: string;
  request_id: string;
  outcome: string;
  rule_id: string | null;
  reason: string;
  taxpayer_id: string | null;
  match_probability: number | null;
  explanation: string | null;
  decided_by: string;
  /** As the database prints a timestamp: `2026-03-02 12:00:00` (fractions when present). */
  decided_at: string;
}

export type OutcomeCounts = Record<string, number>;

const DECISION_COLUMNS = `batch_id, request_id, outcome, rule_id, reason, taxpayer_id, match_probability, explanation,
  decided_by, CAST(decided_at AS VARCHAR) AS decided_at`;

/** The decisions table group's verdicts: what screening, the matcher and reviewers decided. */
export class DecisionRepository {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  async outcomeCounts(batchId: string): Promise<OutcomeCounts> {
    const rows = await this.store.all<{ outcome: string; n: bigint | number }>(
      'SELECT outcome, count(*) AS n FROM decisions WHERE batch_id = $1 GROUP BY outcome ORDER BY outcome',
      [batchId],
    );
    return Object.fromEntries(rows.map((row) => [row.outcome, Number(row.n)]));
  }

  async find(batchId: string, requestId: string): Promise<DecisionRow | null> {
    const [row] = await this.store.all<DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM decisions WHERE batch_id = $1 AND request_id = $2`,
      [batchId, requestId],
    );
    return row ?? null;
  }

  /** A batch's decisions in request order; `screening` picks screening's rejections or the rest. */
  async ofBatch(batchId: string, which: 'all' | 'screening' | 'matching' = 'all'): Promise<DecisionRow[]> {
    const filter =
      which === 'screening'
        ? " AND outcome = 'REJECTED'"
        : which === 'matching'
          ? " AND outcome <> 'REJECTED'"
          : '';
    return this.store.all<DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM decisions WHERE batch_id = $1${filter} ORDER BY request_id`,
      [batchId],
    );
  }

  /** Removes what matching decided for a batch (screening's rejections stay), before it decides again. */
  async deleteMatched(batchId: string): Promise<void> {
    await this.store.run("DELETE FROM decisions WHERE batch_id = $1 AND outcome <> 'REJECTED'", [batchId]);
  }

  /** A rejection's reason may quote the request ("ZIP-only: 78701..."): keeps only the rule's own words. */
  async trimRejectionReasons(batchId: string): Promise<void> {
    await this.store.run(
      "UPDATE decisions SET reason = split_part(reason, ': ', 1) WHERE batch_id = $1 AND outcome = 'REJECTED' AND reason LIKE '%: %'",
      [batchId],
    );
  }

  async append(rows: Iterable<DecisionRow>): Promise<number> {
    return this.store.append('decisions', decisionValues(rows));
  }
}

function* decisionValues(rows: Iterable<DecisionRow>): Generator<SqlValue[]> {
  for (const row of rows)
    yield [
      row.batch_id,
      row.request_id,
      row.outcome,
      row.rule_id,
      row.reason,
      row.taxpayer_id,
      row.match_probability,
      row.explanation,
      row.decided_by,
      row.decided_at,
    ];
}
