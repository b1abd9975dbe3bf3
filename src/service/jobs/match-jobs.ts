import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../../audit/audit-log.ts';
import { redactForAudit } from '../../audit/personal-data-guard.ts';
import { assertCoverageIntact } from '../../audit/row-coverage.ts';
import type { Clock } from '../../clock.ts';
import { DeskError } from '../../errors.ts';
import { confirmationRisk } from '../../linkage/confirmation-risk.ts';
import { deskMatcher } from '../../linkage/desk-matcher.ts';
import { exactMatcher } from '../../linkage/exact-matcher.ts';
import { outcomeCounts, type OutcomeCounts } from '../../linkage/match-batch.ts';
import type { Matcher } from '../../linkage/matcher.ts';
import { actorLabel, type Actor } from '../../people/actor.ts';
import { advanceStage, getBatch } from '../../pipeline/batch-stage.ts';
import { matchFromRecord } from '../../pipeline/match-from-record.ts';
import { loadProgram, type Program } from '../../programs/program.ts';
import type { DuckDbStore } from '../../store/duckdb/duckdb-store.ts';
import {
  INTERRUPTED,
  MatchJobRepository,
  type MatchJobRecord,
} from '../../store/repositories/match-job-repository.ts';
import {
  attachWorkDatabase,
  dropWorkDatabase,
  prepareWorkDatabase,
  type WorkDatabase,
} from '../../store/duckdb/work-database.ts';
import { quoteIdentifier } from '../../store/duckdb/duckdb-store.ts';
import type { Store } from '../../store/store.ts';
import type { DeskAccess } from '../desk-access.ts';

export const MATCHERS = { desk: deskMatcher, exact: exactMatcher } satisfies Record<string, Matcher>;
export type MatcherName = keyof typeof MATCHERS;

export type { JobState } from '../../store/repositories/match-job-repository.ts';

/** A job as the API shows it; `steps` are the matcher's steps so far with their seconds (its progress). */
export interface MatchJobView extends MatchJobRecord {
  matcher: MatcherName;
  outcomes: OutcomeCounts | null;
}

/**
 * Matching as a background job, so that everyone else keeps working while a batch matches. The
 * matcher runs in a work database beside the engine (src/store/duckdb/work-database.ts), reading
 * the batch and the reference at one snapshot; its decisions are then written to the record in one
 * short transaction with the stage change and the `batch.match` audit event (what `matchBatch`
 * does in one long transaction in the CLI). When the record is the engine's own file the batch is
 * read in place; when it is PostgreSQL the batch is copied in (src/pipeline/match-from-record.ts).
 * Jobs run one at a time, in the order asked; each state change is saved in `match_jobs`, so that a
 * job is still reported after a restart, and one a stopped process left unfinished is reported
 * failed (`recover`), never lost.
 */
export class MatchJobs {
  private readonly jobs = new Map<string, MatchJobView>();
  private queue: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly access: DeskAccess;
  /** The embedded engine: the taxpayer reference, and the work databases matching runs in. */
  private readonly desk: DuckDbStore;
  private readonly clock: Clock;
  private readonly matchers: Record<MatcherName, Matcher>;

  constructor(
    access: DeskAccess,
    desk: DuckDbStore,
    clock: Clock,
    matchers: Record<MatcherName, Matcher> = MATCHERS,
  ) {
    this.access = access;
    this.desk = desk;
    this.clock = clock;
    this.matchers = matchers;
  }

  /** Queues matching of a screened batch; refused if the batch is not screened or already queued. */
  async start(batchId: string, matcher: MatcherName, actor: Actor): Promise<MatchJobView> {
    const live = [...this.jobs.values()].find(
      (job) => job.batchId === batchId && (job.state === 'queued' || job.state === 'running'),
    );
    if (live)
      throw new DeskError('WRONG_STAGE', `batch ${batchId} is already being matched (job ${live.jobId})`, {
        jobId: live.jobId,
      });
    const batch = await this.access.exclusive((store) => getBatch(store, batchId));
    if (batch.stage !== 'screened')
      throw new DeskError(
        'WRONG_STAGE',
        `batch ${batchId} is ${batch.stage}; it must be screened to be matched`,
      );
    const job: MatchJobView = {
      jobId: randomUUID(),
      batchId,
      matcher,
      requestedBy: actorLabel(actor),
      state: 'queued',
      queuedAt: this.clock.now().toISOString(),
      startedAt: null,
      finishedAt: null,
      steps: [],
      outcomes: null,
      confirmations: null,
      expectedWrongConfirmations: null,
      error: null,
    };
    await this.access.exclusive((store) => new MatchJobRepository(store).insert(job));
    this.jobs.set(job.jobId, job);
    this.queue = this.queue.then(() => this.run(job, batch.program_id));
    return { ...job };
  }

  get(jobId: string): MatchJobView | null {
    const job = this.jobs.get(jobId);
    return job ? { ...job, steps: [...job.steps] } : null;
  }

  /** The latest job of a batch: one of this process, or as a process before it left it. */
  async latest(store: Store, batchId: string): Promise<MatchJobView | null> {
    const live = [...this.jobs.values()].filter((job) => job.batchId === batchId).at(-1);
    if (live) return this.get(live.jobId);
    const saved = await new MatchJobRepository(store).latest(batchId);
    return saved ? { ...saved, matcher: saved.matcher as MatcherName } : null;
  }

  /**
   * On start: a job a stopped process left queued or running is failed (INTERRUPTED), with its
   * audit event; nothing of it was written, so its batch is still screened and can be matched again.
   */
  async recover(): Promise<MatchJobRecord[]> {
    return this.access.exclusive((store) =>
      store.transaction(async (tx) => {
        const failed = await new MatchJobRepository(tx).failInterrupted(this.clock.now().toISOString());
        for (const job of failed)
          await appendAuditEvent(tx, this.clock, {
            actor: job.requestedBy,
            action: 'batch.match',
            batchId: job.batchId,
            outcome: 'failure',
            description: `matching batch ${job.batchId} was interrupted: the service stopped during job ${job.jobId}`,
            detail: { code: INTERRUPTED.code, jobId: job.jobId },
          });
        return failed;
      }),
    );
  }

  /** Saves the job's state as it stands (a failure to save is reported, never thrown at the job). */
  private async save(job: MatchJobView): Promise<void> {
    await this.access.exclusive((store) => new MatchJobRepository(store).update(job));
  }

  /** Resolves when every job queued so far has finished. */
  async idle(): Promise<void> {
    await this.queue;
  }

  /**
   * On shutdown: a job still running is abandoned — its work database is dropped and nothing is
   * written to the desk, so the batch stays screened and can be matched again.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.queue;
  }

  private async run(job: MatchJobView, programId: string): Promise<void> {
    if (this.stopping) {
      job.state = 'abandoned';
      job.finishedAt = this.clock.now().toISOString();
      await this.save(job);
      return;
    }
    job.state = 'running';
    job.startedAt = this.clock.now().toISOString();
    await this.save(job);
    try {
      const matcher = this.matchers[job.matcher];
      const program = loadProgram(programId);
      const onStep = (step: string, seconds: number) => job.steps.push({ step, seconds });
      const adopted =
        this.access.store === this.desk
          ? await this.matchInPlace(job, matcher, program, onStep)
          : await matchFromRecord({
              record: this.access.store,
              engine: this.desk,
              clock: this.clock,
              batchId: job.batchId,
              matcher,
              program,
              actor: job.requestedBy,
              detail: { jobId: job.jobId },
              onStep,
              wanted: () => !this.stopping,
            });
      if (!adopted) job.state = 'abandoned';
      else {
        job.outcomes = adopted.counts;
        job.confirmations = adopted.confirmations;
        job.expectedWrongConfirmations = adopted.expectedWrongConfirmations;
        job.state = 'succeeded';
      }
    } catch (error) {
      job.state = 'failed';
      job.error = {
        code: error instanceof DeskError ? error.code : 'UNEXPECTED',
        message: error instanceof Error ? error.message : String(error),
      };
      await this.access
        .exclusive((store) =>
          appendAuditEvent(store, this.clock, {
            actor: job.requestedBy,
            action: 'batch.match',
            batchId: job.batchId,
            outcome: error instanceof DeskError ? 'refused' : 'failure',
            description: `matching batch ${job.batchId} failed: ${redactForAudit(job.error?.message ?? '')}`,
            detail: { code: job.error?.code ?? 'UNEXPECTED', jobId: job.jobId },
          }),
        )
        .catch(() => undefined);
    } finally {
      job.finishedAt = this.clock.now().toISOString();
      await this.save(job).catch(() => undefined);
    }
  }

  /** The record is the engine's own file: the work database reads the batch in place (no copy). */
  private async matchInPlace(
    job: MatchJobView,
    matcher: Matcher,
    program: Program,
    onStep: (step: string, seconds: number) => void,
  ): Promise<Adopted | null> {
    const work = await this.access.exclusive(() => attachWorkDatabase(this.desk));
    try {
      const decidedAt = this.clock.now().toISOString();
      await work.store.transaction(async (tx) => {
        await prepareWorkDatabase(work, job.batchId);
        await tx.run("DELETE FROM decisions WHERE batch_id = $1 AND outcome <> 'REJECTED'", [job.batchId]);
        await matcher.decide(tx, { batchId: job.batchId, program, decidedAt, mode: 'program', onStep });
      });
      if (this.stopping) return null;
      return await this.access.exclusive((store) => adoptMatch(store, this.clock, work, job, matcher.name));
    } finally {
      await this.access.exclusive(() => dropWorkDatabase(this.desk, work)).catch(() => undefined);
    }
  }
}

interface Adopted {
  counts: OutcomeCounts;
  confirmations: number;
  expectedWrongConfirmations: number;
}

/**
 * Writes what the matcher decided in the work database to the desk, in one transaction with the
 * stage change and its audit event: the batch must still be screened, its decisions as the log
 * says (`matchBatch` does the same around a matcher run in place).
 */
async function adoptMatch(
  store: Store,
  clock: Clock,
  work: WorkDatabase,
  job: MatchJobView,
  matcherName: string,
): Promise<Adopted> {
  const from = (table: string) => `${quoteIdentifier(work.name)}.main.${quoteIdentifier(table)}`;
  const counts = await store.transaction(async (tx) => {
    await advanceStage(tx, job.batchId, ['screened'], 'matched', clock.now().toISOString());
    await assertCoverageIntact(tx, 'decisions', job.batchId);
    await tx.run("DELETE FROM decisions WHERE batch_id = $1 AND outcome <> 'REJECTED'", [job.batchId]);
    await tx.run(
      `INSERT INTO decisions SELECT * FROM ${from('decisions')} WHERE batch_id = $1 AND outcome <> 'REJECTED'`,
      [job.batchId],
    );
    await tx.run('DELETE FROM match_candidates WHERE batch_id = $1', [job.batchId]);
    await tx.run(
      `INSERT INTO match_candidates SELECT * FROM ${from('match_candidates')} WHERE batch_id = $1`,
      [job.batchId],
    );
    await tx.run(
      `INSERT INTO linkage_runs SELECT * FROM ${from('linkage_runs')} WHERE batch_id = $1 AND run_id NOT IN (SELECT run_id FROM linkage_runs)`,
      [job.batchId],
    );
    const counts = await outcomeCounts(tx, job.batchId);
    await appendAuditEvent(tx, clock, {
      actor: job.requestedBy,
      action: 'batch.match',
      batchId: job.batchId,
      outcome: 'success',
      description: `matched batch ${job.batchId} (${matcherName})`,
      covers: [{ table: 'decisions', batchId: job.batchId }],
      detail: { matcher: matcherName, counts, jobId: job.jobId },
    });
    return counts;
  });
  const risk = await confirmationRisk(store, job.batchId);
  return {
    counts,
    confirmations: risk.confirmations,
    expectedWrongConfirmations: risk.expectedWrongConfirmations,
  };
}
