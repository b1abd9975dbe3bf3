import { appendAuditEvent } from '../audit/audit-log.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { confirmationRisk } from '../linkage/confirmation-risk.ts';
import type { Matcher, StepListener } from '../linkage/matcher.ts';
import type { Program } from '../programs/program.ts';
import type { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { quoteIdentifier } from '../store/duckdb/duckdb-store.ts';
import {
  attachWorkDatabase,
  dropWorkDatabase,
  prepareWorkDatabase,
  type WorkDatabase,
} from '../store/duckdb/work-database.ts';
import { BatchRepository } from '../store/repositories/batch-repository.ts';
import { DecisionRepository, type OutcomeCounts } from '../store/repositories/decision-repository.ts';
import type { SqlValue, Store } from '../store/store.ts';
import { advanceStage } from './batch-stage.ts';

export interface MatchedFromRecord {
  counts: OutcomeCounts;
  confirmations: number;
  expectedWrongConfirmations: number;
}

/** The batch's rows the matcher reads besides its requests: the batch itself and screening's results. */
const SCREENING_TABLES = ['batches', 'screening_failures', 'batch_findings'] as const;

/**
 * Matches a screened batch whose system of record is another database (PostgreSQL) with the
 * embedded engine (design.md, "Storage and compute"): the batch is read from the record into a
 * private work database beside the engine's taxpayer reference, the matcher runs there, holding
 * nothing of the record, and its decisions are written back in one transaction of the record with
 * the stage change and the `batch.match` event. The candidates and the trained model stay with
 * the engine (explanations and benchmarks read them there).
 *
 * `wanted` is asked before the decisions are written: a service shutting down answers false, and
 * nothing is written (the batch stays screened).
 */
export async function matchFromRecord(input: {
  record: Store;
  engine: DuckDbStore;
  clock: Clock;
  batchId: string;
  matcher: Matcher;
  program: Program;
  actor: string;
  detail?: Record<string, unknown>;
  onStep?: StepListener;
  wanted?: () => boolean;
}): Promise<MatchedFromRecord | null> {
  const { record, engine, clock, batchId } = input;
  const batch = await new BatchRepository(record).get(batchId);
  if (batch.stage !== 'screened')
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${batchId} is ${batch.stage}; it must be screened to be matched`,
    );
  const work = await attachWorkDatabase(engine);
  try {
    const decidedAt = clock.now().toISOString();
    await work.store.transaction(async (tx) => {
      // Views of the engine's reference; the engine holds no batch rows of a batch kept elsewhere.
      await prepareWorkDatabase(work, batchId);
      await copyBatchFromRecord(record, tx, batchId);
      await input.matcher.decide(tx, {
        batchId,
        program: input.program,
        decidedAt,
        mode: 'program',
        ...(input.onStep ? { onStep: input.onStep } : {}),
      });
    });
    if (input.wanted && !input.wanted()) return null;
    const risk = await confirmationRisk(work.store, batchId);
    const decided = await new DecisionRepository(work.store).ofBatch(batchId, 'matching');
    await keepEngineResults(engine, work, batchId);
    const counts = await record.transaction(async (tx) => {
      await advanceStage(tx, batchId, ['screened'], 'matched', clock.now().toISOString());
      await assertCoverageIntact(tx, 'decisions', batchId);
      const decisions = new DecisionRepository(tx);
      await decisions.deleteMatched(batchId);
      await decisions.append(decided);
      const counts = await decisions.outcomeCounts(batchId);
      await appendAuditEvent(tx, clock, {
        actor: input.actor,
        action: 'batch.match',
        batchId,
        outcome: 'success',
        description: `matched batch ${batchId} (${input.matcher.name})`,
        covers: [{ table: 'decisions', batchId }],
        detail: { matcher: input.matcher.name, counts, ...input.detail },
      });
      return counts;
    });
    return {
      counts,
      confirmations: risk.confirmations,
      expectedWrongConfirmations: risk.expectedWrongConfirmations,
    };
  } finally {
    await dropWorkDatabase(engine, work);
  }
}

/** Copies the batch's requests (paged), its row, screening's results and rejections from the record. */
async function copyBatchFromRecord(record: Store, work: Store, batchId: string): Promise<void> {
  await work.append('requests', new BatchRepository(record).requestRows(batchId));
  for (const table of SCREENING_TABLES)
    await work.append(
      table,
      (
        await record.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE batch_id = $1`, [batchId])
      ).map((row) => Object.values(row).map(toSqlValue)),
    );
  await new DecisionRepository(work).append(
    await new DecisionRepository(record).ofBatch(batchId, 'screening'),
  );
}

/** The candidates and model of this run, kept with the engine's reference (one short engine transaction). */
async function keepEngineResults(engine: DuckDbStore, work: WorkDatabase, batchId: string): Promise<void> {
  const from = (table: string) => `${quoteIdentifier(work.name)}.main.${quoteIdentifier(table)}`;
  await engine.transaction(async (tx) => {
    await tx.run('DELETE FROM match_candidates WHERE batch_id = $1', [batchId]);
    await tx.run(
      `INSERT INTO match_candidates SELECT * FROM ${from('match_candidates')} WHERE batch_id = $1`,
      [batchId],
    );
    await tx.run(
      `INSERT INTO linkage_runs SELECT * FROM ${from('linkage_runs')} WHERE batch_id = $1 AND run_id NOT IN (SELECT run_id FROM linkage_runs)`,
      [batchId],
    );
  });
}

/** A timestamp read from PostgreSQL arrives as a Date; the engine takes it as ISO 8601 text. */
function toSqlValue(value: unknown): SqlValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as SqlValue;
}
