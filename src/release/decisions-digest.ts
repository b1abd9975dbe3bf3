import type { Store } from '../store/store.ts';

/**
 * The decisions of a batch in a canonical form, hashed: what an approval binds (issue 10 § 4).
 * Each decision row is written as JSON of the columns below (DuckDB's to_json: strings escaped,
 * NULL as null) and hashed; the row hashes are concatenated in request_id order and hashed again.
 * Any change to any decision of the batch — an outcome, a taxpayer, a reason, who decided — changes
 * the digest; so does a decision added or removed.
 */
export const DECISION_DIGEST_COLUMNS = [
  'batch_id',
  'request_id',
  'outcome',
  'rule_id',
  'reason',
  'taxpayer_id',
  'match_probability',
  'explanation',
  'decided_by',
  'decided_at',
] as const;

export interface DecisionsDigest {
  decisions: number;
  sha256: string;
}

export async function decisionsDigest(store: Store, batchId: string): Promise<DecisionsDigest> {
  // Hashing per row keeps the aggregate at 64 characters a row, whatever the explanations weigh.
  // PostgreSQL writes each row in its own JSON (json_build_object): an approval and the release it
  // binds are hashed by the same database, so each needs to agree only with itself.
  const sql =
    store.dialect === 'postgres'
      ? `SELECT count(*) AS decisions,
              encode(sha256(convert_to(coalesce(string_agg(row_sha256, '' ORDER BY request_id COLLATE "C"), ''), 'UTF8')), 'hex') AS sha256
         FROM (SELECT request_id,
                      encode(sha256(convert_to(json_build_object(${DECISION_DIGEST_COLUMNS.map((c) => `'${c}', ${c}`).join(', ')})::text, 'UTF8')), 'hex') AS row_sha256
               FROM decisions WHERE batch_id = $1) d`
      : `SELECT count(*) AS decisions,
              sha256(coalesce(string_agg(row_sha256, '' ORDER BY request_id), '')) AS sha256
         FROM (SELECT request_id,
                      sha256(to_json(struct_pack(${DECISION_DIGEST_COLUMNS.join(', ')}))::VARCHAR) AS row_sha256
               FROM decisions WHERE batch_id = $1)`;
  const [row] = await store.all<{ decisions: bigint; sha256: string }>(sql, [batchId]);
  return { decisions: Number(row?.decisions ?? 0), sha256: row?.sha256 ?? '' };
}

/** The digest the latest approval of the batch recorded in its audit event, if any. */
export async function approvedDecisionsDigest(
  store: Store,
  batchId: string,
): Promise<DecisionsDigest | null> {
  const [row] = await store.all<{ detail: string }>(
    `SELECT detail FROM audit_log WHERE batch_id = $1 AND action = 'batch.approve' AND outcome = 'success'
     ORDER BY seq DESC LIMIT 1`,
    [batchId],
  );
  if (!row) return null;
  const detail = JSON.parse(row.detail) as { decisions?: unknown; decisionsSha256?: unknown };
  return typeof detail.decisionsSha256 === 'string' && typeof detail.decisions === 'number'
    ? { decisions: detail.decisions, sha256: detail.decisionsSha256 }
    : null;
}
