import { parentPort } from 'node:worker_threads';
import { NORMALIZATION_GROUPS, normalizeGroupValue } from './normalization-groups.ts';

/** A page of distinct values of one group, and its normalized columns back (normalizer-pool.ts). */
export interface NormalizeJob {
  job: number;
  group: number;
  values: string[][];
}
export interface NormalizeResult {
  job: number;
  rows?: (string | null)[][];
  error?: string;
}

parentPort?.on('message', ({ job, group, values }: NormalizeJob) => {
  try {
    const definition = NORMALIZATION_GROUPS[group];
    if (!definition) throw new Error(`no normalization group ${group}`);
    const rows = values.map((value) => normalizeGroupValue(definition, value));
    parentPort?.postMessage({ job, rows } satisfies NormalizeResult);
  } catch (error) {
    parentPort?.postMessage({
      job,
      error: (error as Error).stack ?? String(error),
    } satisfies NormalizeResult);
  }
});
