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

/** One reviewer's answer, as `review_decisions` keeps every revision of a request's review. */
export interface ReviewRow {
  batch_id: string;
  request_id: string;
  revision: number;
  /** `decide`, `refer` (sent to a second reviewer) or `second-review` (concurring with a proposal). */
  step: string;
  outcome: string;
  taxpayer_id: string | null;
  /** `candidate` or `search:<id>`. */
  found_by: string | null;
  note: string;
  reviewer: string;
  /** As the database prints a timestamp: `2026-03-02 12:00:00`. */
  decided_at: string;
}

/** The verdict a review puts in force on one request. */
export interface ReviewedVerdict {
  batchId: string;
  requestId: string;
  outcome: string;
  taxpayerId: string | null;
  reason: string;
  decidedBy: string;
  /** ISO 8601 */
  decidedAt: string;
}

const REVIEW_COLUMNS = `batch_id, request_id, revision, step, outcome, taxpayer_id, found_by, note, reviewer,
  CAST(decided_at AS VARCHAR) AS decided_at`;

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

  /** How many requests of a batch await a reviewer (AMBIGUOUS). */
  async awaitingReview(batchId: string): Promise<number> {
    const [row] = await this.store.all<{ n: bigint | number }>(
      "SELECT count(*) AS n FROM decisions WHERE batch_id = $1 AND outcome = 'AMBIGUOUS'",
      [batchId],
    );
    return Number(row?.n ?? 0);
  }

  /** Puts a reviewer's verdict in force (the review's own row is `appendReview`'s). */
  async putVerdict(verdict: ReviewedVerdict): Promise<void> {
    await this.store.run(
      `UPDATE decisions SET outcome = $3, taxpayer_id = $4, reason = $5, decided_by = $6, decided_at = $7::TIMESTAMP
       WHERE batch_id = $1 AND request_id = $2`,
      [
        verdict.batchId,
        verdict.requestId,
        verdict.outcome,
        verdict.taxpayerId,
        verdict.reason,
        verdict.decidedBy,
        verdict.decidedAt,
      ],
    );
  }

  /** A request's reviews, every revision in order. */
  async reviews(batchId: string, requestId: string): Promise<ReviewRow[]> {
    const rows = await this.store.all<ReviewRow>(
      `SELECT ${REVIEW_COLUMNS} FROM review_decisions WHERE batch_id = $1 AND request_id = $2 ORDER BY revision`,
      [batchId, requestId],
    );
    return rows.map((row) => ({ ...row, revision: Number(row.revision) }));
  }

  /** A request's latest review, if any. */
  async lastReview(batchId: string, requestId: string): Promise<ReviewRow | null> {
    const [row] = await this.store.all<ReviewRow>(
      `SELECT ${REVIEW_COLUMNS} FROM review_decisions WHERE batch_id = $1 AND request_id = $2
       ORDER BY revision DESC LIMIT 1`,
      [batchId, requestId],
    );
    return row ? { ...row, revision: Number(row.revision) } : null;
  }

  /** Keeps one more revision of a request's review; none is ever changed. `decided_at`: ISO 8601 or the database's form. */
  async appendReview(row: ReviewRow): Promise<void> {
    await this.store.run(
      `INSERT INTO review_decisions (batch_id, request_id, revision, step, outcome, taxpayer_id, found_by, note, reviewer, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::TIMESTAMP)`,
      [
        row.batch_id,
        row.request_id,
        row.revision,
        row.step,
        row.outcome,
        row.taxpayer_id,
        row.found_by,
        row.note,
        row.reviewer,
        row.decided_at,
      ],
    );
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
