import { getBatch } from '../pipeline/batch-stage.ts';
import type { Store } from '../store/store.ts';

export interface ReviewItem {
  request_id: string;
  row_number: number;
  requested_name: string;
  requested_address: string;
  dob: string | null;
  /** `awaiting review`, `awaiting a second reviewer`, or the verdict in force (a revision is possible). */
  status: string;
  reason: string;
  match_probability: number | null;
  /** The reviewer(s) who decided so far. */
  decided_by: string | null;
  /** When the request took its current status (the matcher's decision, or a reviewer's last answer). */
  status_since: string;
  explanation: string | null;
}

/**
 * The requests of a batch in the reviewers' hands, in file order: every AMBIGUOUS decision (still
 * to decide, or a reviewer's confirmation awaiting a second reviewer) and, with `all`, every request
 * a reviewer decided (revisable until approval).
 */
export async function reviewQueue(
  store: Store,
  batchId: string,
  options: { all?: boolean } = {},
): Promise<ReviewItem[]> {
  await getBatch(store, batchId);
  // (substr and a typed parameter, not DuckDB's slice: the same statement runs on PostgreSQL.)
  const rows = await store.all<ReviewItem>(
    `SELECT r.request_id, r.row_number,
            concat_ws(' ', r.first_name, nullif(r.middle_name, ''), r.last_name) AS requested_name,
            concat_ws(', ', r.address_line1, nullif(r.address_line2, ''), r.city, r.state, r.zip) AS requested_address,
            nullif(r.dob, '') AS dob,
            CASE WHEN d.outcome <> 'AMBIGUOUS' THEN 'decided: ' || d.outcome
                 WHEN starts_with(d.decided_by, 'review:') THEN 'awaiting a second reviewer'
                 ELSE 'awaiting review' END AS status,
            d.reason, d.match_probability,
            CASE WHEN starts_with(d.decided_by, 'review:') THEN substr(d.decided_by, 8) END AS decided_by,
            CAST(d.decided_at AS VARCHAR) AS status_since,
            d.explanation
     FROM decisions d JOIN requests r USING (batch_id, request_id)
     WHERE d.batch_id = $1 AND (d.outcome = 'AMBIGUOUS' OR ($2::BOOLEAN AND starts_with(d.decided_by, 'review:')))
     ORDER BY r.row_number`,
    [batchId, options.all ?? false],
  );
  return rows.map((row) => ({ ...row, row_number: Number(row.row_number) }));
}
