import { parentPort } from 'node:worker_threads';
import { normalizeGroupPage, type NormalizedPage } from './normalization-groups.ts';

/** A page of distinct values of one group, and its normalized rows back, each as one string (normalizer-pool.ts). */
export interface NormalizeJob {
  job: number;
  group: number;
  page: NormalizedPage;
}
export interface NormalizeResult {
  job: number;
  rows?: NormalizedPage;
  error?: string;
}

parentPort?.on('message', ({ job, group, page }: NormalizeJob) => {
  try {
    parentPort?.postMessage({ job, rows: normalizeGroupPage(group, page) } satisfies NormalizeResult);
  } catch (error) {
    parentPort?.postMessage({
      job,
      error: (error as Error).stack ?? String(error),
    } satisfies NormalizeResult);
  }
});
