import type { Program } from '../programs/program.ts';
import type { Store } from '../store/store.ts';

/**
 * A matcher decides, for every request of a batch that has no decision yet (screening passed it),
 * one of CONFIRMED, NOT_CONFIRMED, NO_RECORD or AMBIGUOUS, and inserts it into `decisions` with
 * its reason, the taxpayer, the identity probability and the explanation.
 */
export interface Matcher {
  name: string;
  decide(store: Store, input: MatchInput): Promise<void>;
}

export interface MatchInput {
  batchId: string;
  program: Program;
  decidedAt: string;
  /**
   * 'program' (default): identity and the address of record are separate questions.
   * 'linkage' (benchmarks such as FEBRL): only identity is asked; the address is one more piece
   * of identity evidence and CONFIRMED means "this is the person".
   */
  mode?: 'program' | 'linkage';
  /** Told after each step of a long match, with its wall-clock seconds (progress for the operator, figures for the benchmark). */
  onStep?: StepListener;
  /**
   * Called once blocking has proposed the candidate pairs, while they are still in `table`
   * (request_id, taxpayer_id): only the candidates a decision uses are kept afterwards, so this is
   * where the benchmark measures pair completeness. Matchers that do not block never call it.
   */
  onCandidatePairs?: (store: Store, table: string) => Promise<void>;
}

export type StepListener = (step: string, seconds: number) => void;

/** Runs `work` as a named step, telling `listener` how long it took. */
export async function timedStep<T>(
  listener: StepListener | undefined,
  step: string,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const result = await work();
  listener?.(step, (performance.now() - started) / 1000);
  return result;
}

/** Requests of the batch that have no decision yet (screening rejected the others). */
export const PENDING_REQUESTS_SQL = `
  SELECT r.* FROM requests r
  WHERE r.batch_id = $1
    AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.batch_id = r.batch_id AND d.request_id = r.request_id)`;

/** The latest matching run of a batch: its id and the parameters it stored (model, prior, blocking figures). */
export async function latestLinkageRun(
  store: Store,
  batchId: string,
): Promise<{ runId: string; parameters: Record<string, unknown> } | undefined> {
  const [run] = await store.all<{ run_id: string; parameters_json: string }>(
    `SELECT run_id, parameters_json FROM linkage_runs WHERE batch_id = $1 ORDER BY run_at DESC, run_id DESC LIMIT 1`,
    [batchId],
  );
  return run && { runId: run.run_id, parameters: JSON.parse(run.parameters_json) as Record<string, unknown> };
}
