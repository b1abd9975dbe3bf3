import type { Store } from '../store/store.ts';

export interface TimelineEvent {
  seq: number;
  at: string;
  action: string;
  outcome: string;
  actor: string;
  description: string | null;
}

/**
 * A batch's history as the audit log records it: every event about the batch in log order, the
 * stage changes among them (intake, screening, matching, reviews, approval, release, purge) and
 * the refusals.
 */
export async function batchTimeline(store: Store, batchId: string): Promise<TimelineEvent[]> {
  const rows = await store.all<{
    seq: bigint;
    at: string;
    action: string;
    outcome: string;
    actor: string;
    description: string | null;
  }>(
    `SELECT seq, CAST(occurred_at AS VARCHAR) AS at, action, outcome, actor, description
     FROM audit_log WHERE batch_id = $1 ORDER BY seq`,
    [batchId],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}
