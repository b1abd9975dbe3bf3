/**
 * Blocking alone, on a desk database whose batch is screened (e.g. the one `scale-bench.ts
 * --stop-after screen` leaves): runs the matcher's blocking in a transaction that is rolled back
 * and prints candidate pairs per request (mean and percentiles), pair completeness against the
 * benchmark folder's truth, and each pass's figures (comparisons counted before joining, keys
 * joined, refined and dropped, pairs found, true pairs found by that pass alone).
 *
 *   node scripts/scale-blocking.ts --db out/scale/run-1/desk.duckdb --truth DIR/truth.csv [--json]
 *
 * scale-bench.ts calls analyzeBlocking after its runs for the same figures.
 */
import { parseArgs } from 'node:util';
import { loadTruth } from '../src/bench/score.ts';
import {
  blockCandidates,
  CANDIDATE_PAIRS_TABLE,
  countCandidatePairs,
  type PassReport,
} from '../src/linkage/blocking-passes.ts';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import type { Store } from '../src/store/store.ts';

export interface BlockingAnalysis {
  seconds: number;
  requests: number;
  candidatePairs: number;
  candidatePairsPerRequest: number;
  /** Candidate pairs per request at the 50th, 90th and 99th percentile and the most. */
  perRequest: { p50: number; p90: number; p99: number; max: number };
  /** True (request, taxpayer) links among the blocked requests, and how many blocking kept. */
  trueLinks: number;
  trueLinksKept: number;
  pairCompleteness: number;
  passes: (PassReport & { onlyTruePairs: number })[];
}

/**
 * Blocks the batch's screened requests once more, in a transaction that is rolled back (the
 * batch's decisions are left as they were), against the truth already loaded in `bench_truth`.
 */
export async function analyzeBlocking(
  store: Store,
  batchId: string,
  options: { requestBudget?: number; maxBlockTaxpayers?: number } = {},
): Promise<BlockingAnalysis> {
  let analysis: BlockingAnalysis | undefined;
  const rollback = new Error('rollback');
  try {
    await store.transaction(async (tx) => {
      await tx.run("DELETE FROM decisions WHERE batch_id = $1 AND outcome <> 'REJECTED'", [batchId]);
      const started = performance.now();
      await blockCandidates(tx, batchId, options);
      const seconds = (performance.now() - started) / 1000;
      const [row] = await tx.all<Record<string, bigint | number>>(
        `WITH pending AS (
           SELECT r.request_id FROM requests r WHERE r.batch_id = $1 AND NOT EXISTS
             (SELECT 1 FROM decisions d WHERE d.batch_id = $1 AND d.request_id = r.request_id)),
         per_request AS (
           SELECT p.request_id, count(c.taxpayer_id) AS n
           FROM pending p LEFT JOIN ${CANDIDATE_PAIRS_TABLE} c USING (request_id) GROUP BY p.request_id)
         SELECT (SELECT count(*) FROM pending) AS requests,
           (SELECT count(*) FROM ${CANDIDATE_PAIRS_TABLE}) AS pairs,
           (SELECT quantile_disc(n, 0.5) FROM per_request) AS p50,
           (SELECT quantile_disc(n, 0.9) FROM per_request) AS p90,
           (SELECT quantile_disc(n, 0.99) FROM per_request) AS p99,
           (SELECT max(n) FROM per_request) AS max,
           (SELECT count(*) FROM bench_truth t JOIN pending USING (request_id) WHERE t.taxpayer_id IS NOT NULL) AS links,
           (SELECT count(*) FROM bench_truth t JOIN ${CANDIDATE_PAIRS_TABLE} c
              ON c.request_id = t.request_id AND c.taxpayer_id = t.taxpayer_id) AS kept`,
        [batchId],
      );
      const only = await tx.all<{ pass_mask: number; n: bigint }>(
        `SELECT c.pass_mask, count(*) AS n FROM bench_truth t JOIN ${CANDIDATE_PAIRS_TABLE} c
           ON c.request_id = t.request_id AND c.taxpayer_id = t.taxpayer_id
         WHERE bit_count(c.pass_mask) = 1 GROUP BY c.pass_mask`,
      );
      const report = await countCandidatePairs(tx);
      const num = (key: string) => Number(row?.[key] ?? 0);
      analysis = {
        seconds,
        requests: num('requests'),
        candidatePairs: num('pairs'),
        candidatePairsPerRequest: num('requests') ? num('pairs') / num('requests') : 0,
        perRequest: { p50: num('p50'), p90: num('p90'), p99: num('p99'), max: num('max') },
        trueLinks: num('links'),
        trueLinksKept: num('kept'),
        pairCompleteness: num('links') ? num('kept') / num('links') : 1,
        passes: report.passes.map((pass, i) => ({
          ...pass,
          onlyTruePairs: Number(only.find((o) => Number(o.pass_mask) === 2 ** i)?.n ?? 0),
        })),
      };
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  if (!analysis) throw new Error('blocking analysis produced nothing');
  return analysis;
}

export function printBlockingAnalysis(a: BlockingAnalysis, out: (line: string) => void): void {
  const n = (value: number) => value.toLocaleString('en-US');
  out(
    `blocking: ${n(a.candidatePairs)} candidate pairs for ${n(a.requests)} requests, ${a.candidatePairsPerRequest.toFixed(1)} per request (p50 ${a.perRequest.p50}, p90 ${a.perRequest.p90}, p99 ${a.perRequest.p99}, max ${a.perRequest.max}); pair completeness ${a.pairCompleteness.toFixed(4)} (${n(a.trueLinksKept)} of ${n(a.trueLinks)}); ${a.seconds.toFixed(1)} s`,
  );
  out(
    'pass                               comparisons     joined   kept keys  refined  dropped      pairs  true pairs only it found',
  );
  for (const p of a.passes)
    out(
      `${p.name.padEnd(34)} ${n(p.comparisons).padStart(11)} ${n(p.comparisonsJoined).padStart(10)} ${n(p.keysKept).padStart(11)} ${n(p.keysRefined).padStart(8)} ${n(p.keysDropped).padStart(8)} ${n(p.pairs).padStart(10)} ${n(p.onlyTruePairs).padStart(11)}`,
    );
}

if (import.meta.main) {
  const { values: args } = parseArgs({
    options: {
      db: { type: 'string' },
      truth: { type: 'string' },
      batch: { type: 'string', default: 'SCALE-0001' },
      budget: { type: 'string' },
      'block-limit': { type: 'string' },
      'memory-limit': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!args.db || !args.truth) {
    process.stderr.write(
      'usage: node scripts/scale-blocking.ts --db DESK.duckdb --truth truth.csv [--batch ID] [--memory-limit 8GB] [--json]\n',
    );
    process.exit(2);
  }
  const memoryLimit = args['memory-limit'];
  const store = await DuckDbStore.open(args.db, memoryLimit ? { memoryLimit } : {});
  try {
    await loadTruth(store, args.truth, { temporary: true });
    // Several budgets (or block limits) at once: --budget 16,32,1000000 runs blocking once per value.
    const budgets = args.budget?.split(',').map(Number) ?? [undefined];
    const limits = args['block-limit']?.split(',').map(Number) ?? [undefined];
    for (const requestBudget of budgets)
      for (const maxBlockTaxpayers of limits) {
        const analysis = await analyzeBlocking(store, args.batch, {
          ...(requestBudget === undefined ? {} : { requestBudget }),
          ...(maxBlockTaxpayers === undefined ? {} : { maxBlockTaxpayers }),
        });
        if (args.json)
          process.stdout.write(
            `${JSON.stringify({ requestBudget, maxBlockTaxpayers, ...analysis }, null, 2)}\n`,
          );
        else {
          process.stdout.write(
            `budget ${requestBudget ?? 'default'}, block limit ${maxBlockTaxpayers ?? 'default'}\n`,
          );
          printBlockingAnalysis(analysis, (line) => process.stdout.write(`${line}\n`));
        }
      }
  } finally {
    store.close();
  }
}
