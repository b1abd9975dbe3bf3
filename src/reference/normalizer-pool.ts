import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { normalizeGroupPage, type NormalizedPage } from './normalization-groups.ts';
import type { NormalizeJob, NormalizeResult } from './normalize-worker.ts';

/**
 * Normalizes pages of distinct values on worker threads, one per core, so that the JavaScript
 * normalizer does not serialize a large load on one core while DuckDB waits. With one core (or
 * `threads: 0`) it normalizes on the calling thread.
 */
export class NormalizerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (rows: NormalizedPage) => void; reject: (error: Error) => void }
  >();
  private nextJob = 0;

  constructor(threads = defaultThreads()) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(new URL('./normalize-worker.ts', import.meta.url));
      worker.on('message', (result: NormalizeResult) => this.settle(worker, result));
      worker.on('error', (error: Error) => {
        for (const job of this.pending.values()) job.reject(error);
        this.pending.clear();
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  /** A page of `group`'s values normalized (normalizeGroupPage: one string in, one string out). */
  async normalize(group: number, page: NormalizedPage): Promise<NormalizedPage> {
    if (this.workers.length === 0) return normalizeGroupPage(group, page);
    const worker = await this.acquire();
    const job = this.nextJob++;
    return new Promise((resolve, reject) => {
      this.pending.set(job, { resolve, reject });
      worker.postMessage({ job, group, page } satisfies NormalizeJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private async acquire(): Promise<Worker> {
    for (;;) {
      const worker = this.idle.pop();
      if (worker) return worker;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private settle(worker: Worker, result: NormalizeResult): void {
    const job = this.pending.get(result.job);
    this.pending.delete(result.job);
    this.idle.push(worker);
    this.waiting.shift()?.();
    if (!job) return;
    if (result.rows) job.resolve(result.rows);
    else job.reject(new Error(`normalizing reference values failed: ${result.error ?? 'no result'}`));
  }
}

function defaultThreads(): number {
  const cores = os.availableParallelism();
  return cores > 1 ? Math.min(cores, 8) : 0;
}
