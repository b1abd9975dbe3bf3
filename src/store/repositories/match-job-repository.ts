import type { Store } from '../store.ts';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'abandoned';

/** A match job as the service reports it (src/service/jobs/match-jobs.ts). */
export interface MatchJobRecord {
  jobId: string;
  batchId: string;
  matcher: string;
  requestedBy: string;
  state: JobState;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  steps: { step: string; seconds: number }[];
  outcomes: Record<string, number> | null;
  confirmations: number | null;
  expectedWrongConfirmations: number | null;
  error: { code: string; message: string } | null;
}

interface MatchJobRow {
  job_id: string;
  batch_id: string;
  matcher: string;
  requested_by: string;
  state: JobState;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  steps_json: string;
  outcomes_json: string | null;
  confirmations: number | null;
  expected_wrong_confirmations: number | null;
  error_code: string | null;
  error_message: string | null;
}

/** What a job the service was running when it stopped says on the next start. */
export const INTERRUPTED = {
  code: 'INTERRUPTED',
  message: 'the service stopped while this job was queued or running; nothing it did was kept: match again',
} as const;

/**
 * Match jobs, kept so that a job's state outlives the service process: `latest` answers after a
 * restart, and `failInterrupted` turns what a stopped process left queued or running into failed.
 */
export class MatchJobRepository {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  async insert(job: MatchJobRecord): Promise<void> {
    await this.store.run(
      `INSERT INTO match_jobs (job_id, batch_id, matcher, requested_by, state, queued_at, started_at, finished_at,
         steps_json, outcomes_json, confirmations, expected_wrong_confirmations, error_code, error_message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [job.jobId, job.batchId, job.matcher, job.requestedBy, ...mutable(job)],
    );
  }

  /** Saves what changes as a job runs: its state, times, steps, outcome and error. */
  async update(job: MatchJobRecord): Promise<void> {
    await this.store.run(
      `UPDATE match_jobs SET state = $2, queued_at = $3, started_at = $4, finished_at = $5, steps_json = $6,
         outcomes_json = $7, confirmations = $8, expected_wrong_confirmations = $9, error_code = $10, error_message = $11
       WHERE job_id = $1`,
      [job.jobId, ...mutable(job)],
    );
  }

  async latest(batchId: string): Promise<MatchJobRecord | null> {
    const [row] = await this.store.all<MatchJobRow>(
      'SELECT * FROM match_jobs WHERE batch_id = $1 ORDER BY queued_at DESC, job_id DESC LIMIT 1',
      [batchId],
    );
    return row ? fromRow(row) : null;
  }

  /** Marks every job left queued or running as failed (INTERRUPTED); returns them. */
  async failInterrupted(finishedAt: string): Promise<MatchJobRecord[]> {
    const rows = await this.store.all<MatchJobRow>(
      "SELECT * FROM match_jobs WHERE state IN ('queued', 'running') ORDER BY queued_at",
    );
    const failed = rows.map((row) => ({
      ...fromRow(row),
      state: 'failed' as const,
      finishedAt,
      error: { ...INTERRUPTED },
    }));
    for (const job of failed) await this.update(job);
    return failed;
  }
}

function mutable(job: MatchJobRecord): (string | number | null)[] {
  return [
    job.state,
    job.queuedAt,
    job.startedAt,
    job.finishedAt,
    JSON.stringify(job.steps),
    job.outcomes === null ? null : JSON.stringify(job.outcomes),
    job.confirmations,
    job.expectedWrongConfirmations,
    job.error?.code ?? null,
    job.error?.message ?? null,
  ];
}

function fromRow(row: MatchJobRow): MatchJobRecord {
  return {
    jobId: row.job_id,
    batchId: row.batch_id,
    matcher: row.matcher,
    requestedBy: row.requested_by,
    state: row.state,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    steps: JSON.parse(row.steps_json) as { step: string; seconds: number }[],
    outcomes: row.outcomes_json === null ? null : (JSON.parse(row.outcomes_json) as Record<string, number>),
    confirmations: row.confirmations === null ? null : Number(row.confirmations),
    expectedWrongConfirmations:
      row.expected_wrong_confirmations === null ? null : Number(row.expected_wrong_confirmations),
    error:
      row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? row.error_code },
  };
}
