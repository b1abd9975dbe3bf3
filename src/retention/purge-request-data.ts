import { appendAuditEvent } from '../audit/audit-log.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { advanceStage } from '../pipeline/batch-stage.ts';
import { loadProgram, type Program } from '../programs/program.ts';
import type { Store } from '../store/store.ts';

/**
 * Retention (design.md § 7): a released batch's request data — who was asked about, their date of
 * birth, TIN and address, and the request's free-text reason, which names them — is purged once
 * the program's `retention.requestDataDays` have passed since release. The accounting stays: the
 * ledger, the decisions (outcome, rule, taxpayer, probability and explanation: no request values)
 * and the audit log are untouched, and the purge is itself an event whose hash covers the rows as
 * purged and the digest of what it removed. The batch becomes `purged`.
 */

/** The request columns that describe the person asked about (raw), purged with every normalized form. */
export const PERSONAL_REQUEST_COLUMNS = [
  'first_name',
  'middle_name',
  'last_name',
  'dob',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'zip',
  'tin',
  'removal_order_date',
  'reason',
] as const;

const PURGED_COLUMNS = [...PERSONAL_REQUEST_COLUMNS, ...NORMALIZED_COLUMNS];

const DAY_MS = 86_400_000;

export interface RetentionCandidate {
  batchId: string;
  programId: string;
  releasedAt: string;
  requestDataDays: number;
  dueAt: string;
}

export interface PurgedBatch extends RetentionCandidate {
  requests: number;
  /** SHA-256 of the purged values (canonical JSON per request, by request id): what was removed. */
  removedSha256: string;
  screeningFindingsRemoved: number;
  candidatePairsRemoved: number;
  auditSeq: number;
}

export interface RetentionRun {
  asOf: string;
  purged: PurgedBatch[];
  /** Released batches whose period has not yet passed. */
  notYetDue: RetentionCandidate[];
  /** Batches never released keep their data: it may still be needed to answer them. */
  notReleased: number;
}

/** Released batches and when their request data falls due, as of the clock. */
export async function retentionSchedule(
  store: Store,
  clock: Clock,
  programOf: (programId: string) => Program = (id) => loadProgram(id),
): Promise<{ due: RetentionCandidate[]; notYetDue: RetentionCandidate[]; notReleased: number }> {
  const rows = await store.all<{ batch_id: string; program_id: string; released_at: string }>(
    `SELECT b.batch_id, b.program_id,
            coalesce(max(a.occurred_at), strftime(b.updated_at, '%Y-%m-%dT%H:%M:%S.%gZ')) AS released_at
     FROM batches b LEFT JOIN audit_log a
       ON a.batch_id = b.batch_id AND a.action = 'batch.release' AND a.outcome = 'success'
     WHERE b.stage = 'released' GROUP BY b.batch_id, b.program_id, b.updated_at ORDER BY released_at, b.batch_id`,
  );
  const [unreleased] = await store.all<{ n: bigint }>(
    "SELECT count(*) AS n FROM batches WHERE stage NOT IN ('released', 'purged')",
  );
  const now = clock.now().getTime();
  const due: RetentionCandidate[] = [];
  const notYetDue: RetentionCandidate[] = [];
  for (const row of rows) {
    const days = programOf(row.program_id).retention.requestDataDays;
    const dueAt = Date.parse(row.released_at) + days * DAY_MS;
    const candidate = {
      batchId: row.batch_id,
      programId: row.program_id,
      releasedAt: row.released_at,
      requestDataDays: days,
      dueAt: new Date(dueAt).toISOString(),
    };
    (dueAt <= now ? due : notYetDue).push(candidate);
  }
  return { due, notYetDue, notReleased: Number(unreleased?.n ?? 0) };
}

/** Purges one batch's request data in one transaction with its audit event. */
export async function purgeBatch(
  store: Store,
  clock: Clock,
  candidate: RetentionCandidate,
  actor: string,
): Promise<PurgedBatch> {
  const { batchId } = candidate;
  return store.transaction(async (tx) => {
    // Never destroy request data that no longer matches the log: that is evidence.
    await assertCoverageIntact(tx, 'requests', batchId);
    await assertCoverageIntact(tx, 'decisions', batchId);
    const [removed] = await tx.all<{ requests: bigint; sha256: string | null }>(
      `SELECT count(*) AS requests,
              sha256(string_agg(to_json(struct_pack(request_id, ${PURGED_COLUMNS.join(', ')}))::VARCHAR, chr(10) ORDER BY request_id)) AS sha256
       FROM requests WHERE batch_id = $1`,
      [batchId],
    );
    await tx.run(
      `UPDATE requests SET ${PURGED_COLUMNS.map((c) => `${c} = NULL`).join(', ')} WHERE batch_id = $1`,
      [batchId],
    );
    // A rejection's reason may quote the request ("ZIP-only: 78701..."): only the rule's own words stay.
    await tx.run(
      "UPDATE decisions SET reason = split_part(reason, ': ', 1) WHERE batch_id = $1 AND outcome = 'REJECTED' AND reason LIKE '%: %'",
      [batchId],
    );
    const findings = await countAndDelete(tx, 'screening_failures', batchId);
    const candidates = await countAndDelete(tx, 'match_candidates', batchId);
    await advanceStage(tx, batchId, ['released'], 'purged', clock.now().toISOString());
    const requests = Number(removed?.requests ?? 0);
    const removedSha256 = removed?.sha256 ?? '';
    const event = await appendAuditEvent(tx, clock, {
      actor,
      action: 'retention.purge',
      batchId,
      outcome: 'success',
      description: `purged the request data of batch ${batchId} (${requests} requests), released ${candidate.releasedAt}, ${candidate.requestDataDays} days after release; ledger and decisions kept`,
      detail: {
        requests,
        removedSha256,
        columns: PURGED_COLUMNS.length,
        screeningFindingsRemoved: findings,
        candidatePairsRemoved: candidates,
        releasedAt: candidate.releasedAt,
        requestDataDays: candidate.requestDataDays,
      },
      covers: [
        { table: 'requests', batchId },
        { table: 'decisions', batchId },
      ],
    });
    return {
      ...candidate,
      requests,
      removedSha256,
      screeningFindingsRemoved: findings,
      candidatePairsRemoved: candidates,
      auditSeq: event.seq,
    };
  });
}

async function countAndDelete(
  store: Store,
  table: 'screening_failures' | 'match_candidates',
  batchId: string,
) {
  const [row] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table} WHERE batch_id = $1`, [
    batchId,
  ]);
  await store.run(`DELETE FROM ${table} WHERE batch_id = $1`, [batchId]);
  return Number(row?.n ?? 0);
}

/** Purges every batch that is due (or, with `dryRun`, says which would be). */
export async function runRetention(
  store: Store,
  clock: Clock,
  input: { actor: string; dryRun: boolean; programOf?: (programId: string) => Program },
): Promise<RetentionRun & { due: RetentionCandidate[] }> {
  const schedule = await retentionSchedule(store, clock, input.programOf);
  const purged: PurgedBatch[] = [];
  if (!input.dryRun)
    for (const candidate of schedule.due) purged.push(await purgeBatch(store, clock, candidate, input.actor));
  return {
    asOf: clock.now().toISOString(),
    purged,
    due: schedule.due,
    notYetDue: schedule.notYetDue,
    notReleased: schedule.notReleased,
  };
}
