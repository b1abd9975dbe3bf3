import { createHash } from 'node:crypto';
import { coverageSnapshot, type CoverageSnapshot } from '../audit/row-coverage.ts';
import type { Store } from '../store/store.ts';

/**
 * The decisions of a batch in a canonical form, hashed: what an approval binds (issue 10 § 4).
 * Any change to any decision of the batch — an outcome, a taxpayer, a reason, who decided — changes
 * the digest; so does a decision added or removed.
 *
 * Version 2 (this form): the SHA-256 of the decisions' audit coverage (row-coverage.ts): for each of
 * the 256 buckets of request ids that holds decisions, in bucket order, how many it holds and the
 * SHA-256 of its rows, each row written as JSON of the columns below and sorted by request id. The
 * stage that checks the decisions against the audit log has hashed them so already: approving
 * and releasing hash every decision once, not once for the log and once more for the approval.
 *
 * Version 1 (approvals recorded before): each row's JSON hashed, the row hashes concatenated in
 * request_id order and hashed again. A batch approved so is released against it.
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

export const DECISIONS_DIGEST_VERSION = 2;

export interface DecisionsDigest {
  decisions: number;
  sha256: string;
  /** The form (above); an approval event without one was recorded in version 1. */
  version: 1 | 2;
}

/** The digest of a batch's decisions as they stand. */
export async function decisionsDigest(store: Store, batchId: string): Promise<DecisionsDigest> {
  return decisionsDigestOf(await coverageSnapshot(store, 'decisions', batchId));
}

/** The digest of the decisions as a snapshot of their coverage hashed them (every bucket of the batch). */
export function decisionsDigestOf(snapshot: CoverageSnapshot): DecisionsDigest {
  if (snapshot.table !== 'decisions' || snapshot.buckets !== null)
    throw new Error(`the digest of a batch's decisions needs all of them, not ${snapshot.table} rows`);
  const buckets = [...snapshot.digests.values()]
    .map((row) => [row.bucket, row.row_count, row.rows_sha256] as const)
    // Buckets are two hex digits: code-unit order is the order whatever the locale.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify({ batch_id: snapshot.batchId, buckets });
  return {
    decisions: buckets.reduce((sum, [, rows]) => sum + rows, 0),
    sha256: createHash('sha256').update(canonical).digest('hex'),
    version: 2,
  };
}

/** The version 1 digest, for a batch approved before version 2. */
export async function decisionsDigestV1(store: Store, batchId: string): Promise<DecisionsDigest> {
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
  return { decisions: Number(row?.decisions ?? 0), sha256: row?.sha256 ?? '', version: 1 };
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
  const detail = JSON.parse(row.detail) as {
    decisions?: unknown;
    decisionsSha256?: unknown;
    decisionsDigestVersion?: unknown;
  };
  if (typeof detail.decisionsSha256 !== 'string' || typeof detail.decisions !== 'number') return null;
  const version = detail.decisionsDigestVersion ?? 1;
  // A form this desk does not know binds nothing it could check.
  if (version !== 1 && version !== 2) return null;
  return { decisions: detail.decisions, sha256: detail.decisionsSha256, version };
}

/** The decisions as they stand, hashed in the form the approval used. */
export async function decisionsDigestLike(
  store: Store,
  approved: DecisionsDigest,
  snapshot: CoverageSnapshot,
): Promise<DecisionsDigest> {
  return approved.version === 1 ? decisionsDigestV1(store, snapshot.batchId) : decisionsDigestOf(snapshot);
}
