import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Prng } from '../prng.ts';
import type { GeneratedRequest } from '../requests/request-builder.ts';
import { LineWriter } from './line-writer.ts';

/**
 * Shuffles requests too many to hold in memory: each request goes to a bucket file chosen at
 * random, then each bucket is read back on its own and shuffled (Fisher–Yates). Giving every item
 * an independent random bucket and then a random order inside the bucket is a uniform random
 * permutation of the whole, while memory holds one bucket at a time.
 */
export class ShuffledRequests {
  /** Requests per bucket, so that one bucket in memory stays around ten megabytes. */
  static readonly BUCKET_REQUESTS = 20_000;
  readonly #dir: string;
  readonly #buckets: LineWriter[];
  readonly #files: string[];

  constructor(dir: string, expectedRequests: number) {
    this.#dir = dir;
    const count = Math.max(1, Math.ceil(expectedRequests / ShuffledRequests.BUCKET_REQUESTS));
    this.#files = Array.from({ length: count }, (_, i) =>
      path.join(dir, `bucket-${String(i).padStart(4, '0')}.jsonl`),
    );
    this.#buckets = this.#files.map((file) => new LineWriter(file));
  }

  async add(rng: Prng, request: GeneratedRequest): Promise<void> {
    const bucket = this.#buckets[Math.floor(rng.next() * this.#buckets.length)];
    await bucket?.write(`${JSON.stringify(request)}\n`);
  }

  /** Yields every request once, in shuffled order, and removes the bucket files as it goes. */
  async *drain(rng: Prng): AsyncGenerator<GeneratedRequest> {
    for (const bucket of this.#buckets) await bucket.close();
    for (const file of this.#files) {
      const text = await readFile(file, 'utf8');
      const requests = text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as GeneratedRequest);
      rng.shuffle(requests);
      yield* requests;
      await rm(file);
    }
    await rm(this.#dir, { recursive: true, force: true });
  }
}
