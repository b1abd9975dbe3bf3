import { appendAuditEvent } from '../audit/audit-log.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { advanceStage } from '../pipeline/batch-stage.ts';
import { PERSON_COLUMNS } from '../person-columns.ts';
import { loadProgram, type Program } from '../programs/program.ts';
import { BatchRepository } from '../store/repositories/batch-repository.ts';
import { DecisionRepository } from '../store/repositories/decision-repository.ts';
import type { Store } from '../store/store.ts';

/**
 * Retention (design.md § 7): a released batch's request data — who was asked about, their date of
 * birth, TIN and address, and the request's free-text reason, which names them — is purged once
 * the program's `retention.requestDataDays` have passed since release. The accounting stays: the
 * ledger, the decisions (outcome, rule, taxpayer, probability and explanation: no request values)
 * and the audit log are untouched, and the purge is itself an event whose hash covers the rows as
 * purged and the digest of what it removed (the same on DuckDB and PostgreSQL:
 * BatchRepository.requestValuesDigest). The batch becomes `purged`.
 */

/** The request columns that describe the person asked about (raw), purged with every normalized form. */
export const PERSONAL_REQUEST_COLUMNS = [...PERSON_COLUMNS, 'removal_order_date', 'reason'] as const;

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
  /** SHA-256 of the purged values (JSON per request, in row order): what was removed. */
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
  const batches = new BatchRepository(store);
  const released = await batches.released();
  const now = clock.now().getTime();
  const due: RetentionCandidate[] = [];
  const notYetDue: RetentionCandidate[] = [];
  for (const batch of released) {
    const days = programOf(batch.programId).retention.requestDataDays;
    const dueAt = Date.parse(batch.releasedAt) + days * DAY_MS;
    const candidate = { ...batch, requestDataDays: days, dueAt: new Date(dueAt).toISOString() };
    (dueAt <= now ? due : notYetDue).push(candidate);
  }
  return { due, notYetDue, notReleased: await batches.unreleasedCount() };
}

/**
 * Purges one batch's request data in one transaction with its audit event. The matcher's candidate
 * pairs go too: in the record's transaction on an embedded desk, or from `reference` (the engine,
 * when the record is kept apart from it) once the record's purge has committed.
 */
export async function purgeBatch(
  store: Store,
  clock: Clock,
  candidate: RetentionCandidate,
  actor: string,
  reference: Store = store,
): Promise<PurgedBatch> {
  const { batchId } = candidate;
  const apart = reference !== store;
  const candidates = apart ? await countCandidates(reference, batchId) : 0;
  const purged = await store.transaction(async (tx) => {
    // Never destroy request data that no longer matches the log: that is evidence.
    await assertCoverageIntact(tx, 'requests', batchId);
    await assertCoverageIntact(tx, 'decisions', batchId);
    const batches = new BatchRepository(tx);
    const removed = await batches.requestValuesDigest(batchId, PURGED_COLUMNS);
    await batches.clearRequestValues(batchId, PURGED_COLUMNS);
    await new DecisionRepository(tx).trimRejectionReasons(batchId);
    const findings = await batches.deleteScreeningFailures(batchId);
    const pairs = apart ? candidates : await deleteCandidates(tx, batchId);
    await advanceStage(tx, batchId, ['released'], 'purged', clock.now().toISOString());
    const event = await appendAuditEvent(tx, clock, {
      actor,
      action: 'retention.purge',
      batchId,
      outcome: 'success',
      description: `purged the request data of batch ${batchId} (${removed.requests} requests), released ${candidate.releasedAt}, ${candidate.requestDataDays} days after release; ledger and decisions kept`,
      detail: {
        requests: removed.requests,
        removedSha256: removed.sha256,
        columns: PURGED_COLUMNS.length,
        screeningFindingsRemoved: findings,
        candidatePairsRemoved: pairs,
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
      requests: removed.requests,
      removedSha256: removed.sha256,
      screeningFindingsRemoved: findings,
      candidatePairsRemoved: pairs,
      auditSeq: event.seq,
    };
  });
  if (apart) await reference.transaction((tx) => deleteCandidates(tx, batchId));
  return purged;
}

/** The matcher's candidate pairs of a batch (the engine's table). */
async function countCandidates(store: Store, batchId: string): Promise<number> {
  const [row] = await store.all<{ n: bigint }>(
    'SELECT count(*) AS n FROM match_candidates WHERE batch_id = $1',
    [batchId],
  );
  return Number(row?.n ?? 0);
}

async function deleteCandidates(store: Store, batchId: string): Promise<number> {
  const n = await countCandidates(store, batchId);
  await store.run('DELETE FROM match_candidates WHERE batch_id = $1', [batchId]);
  return n;
}

/** Purges every batch that is due (or, with `dryRun`, says which would be). */
export async function runRetention(
  store: Store,
  clock: Clock,
  input: {
    actor: string;
    dryRun: boolean;
    programOf?: (programId: string) => Program;
    /** The engine, which keeps the matcher's candidates, when the record is kept apart from it. */
    reference?: Store;
  },
): Promise<RetentionRun & { due: RetentionCandidate[] }> {
  const schedule = await retentionSchedule(store, clock, input.programOf);
  const purged: PurgedBatch[] = [];
  if (!input.dryRun)
    for (const candidate of schedule.due)
      purged.push(await purgeBatch(store, clock, candidate, input.actor, input.reference ?? store));
  return {
    asOf: clock.now().toISOString(),
    purged,
    due: schedule.due,
    notYetDue: schedule.notYetDue,
    notReleased: schedule.notReleased,
  };
}
