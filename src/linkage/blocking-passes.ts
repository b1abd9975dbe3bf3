import type { Store } from '../store/store.ts';
import { BLOCKING_PASSES, MAX_BLOCK_TAXPAYERS, REQUEST_BUDGET } from './blocking-keys.ts';
import {
  anyRefinedSql,
  BLOCKING_FIGURES_TABLES,
  BLOCKING_REQUESTS_SQL,
  BLOCKING_REQUESTS_TABLE,
  BLOCKING_STATS_TABLE,
  BLOCKING_SUMMARY_TABLE,
  BLOCKING_WORK_TABLES,
  blockSizesSql,
  candidatePairsSql,
  CREATE_WORK_TABLES_SQL,
  LEVEL_FIGURES_SQL,
  referenceKeysSql,
  REQUEST_BUDGET_SQL,
  requestKeysSql,
  TEMPORARY_REFERENCE_TABLES,
} from './blocking-sql.ts';
import { referenceBlockingTables } from './blocking-reference.ts';
import { latestLinkageRun } from './matcher.ts';
import { WORK_TABLES } from './work-tables.ts';

/**
 * Runs every pass and leaves the distinct pairs in `linkage_candidates`, with the passes that
 * found each as a bit mask (bit i = BLOCKING_PASSES[i]): an integer travels through the joins and
 * aggregations over millions of pairs far more cheaply than a list of names. The figures of each
 * pass and level (keys kept, refined and dropped, comparisons counted before joining) are left in
 * `linkage_blocking_stats` and `linkage_blocking_summary` for `countCandidatePairs`.
 */
export async function blockCandidates(
  store: Store,
  batchId: string,
  options: { maxBlockTaxpayers?: number; requestBudget?: number } = {},
): Promise<void> {
  const limit = options.maxBlockTaxpayers ?? MAX_BLOCK_TAXPAYERS;
  const budget = options.requestBudget ?? REQUEST_BUDGET;
  const passes = BLOCKING_PASSES;
  const reference = await referenceBlockingTables(store);
  await store.run(CREATE_WORK_TABLES_SQL);
  await store.run(BLOCKING_REQUESTS_SQL, [batchId]);
  await store.run(
    `INSERT INTO ${BLOCKING_SUMMARY_TABLE} SELECT count(*), $1, $2 FROM ${BLOCKING_REQUESTS_TABLE}`,
    [limit, budget],
  );
  const levels = Math.max(...passes.map((pass) => pass.refinements.length));
  for (let level = 0; level <= levels; level++) {
    if (level > 0) {
      const [refined] = await store.all<{ n: bigint }>(anyRefinedSql(level - 1));
      if (Number(refined?.n ?? 0) === 0) break;
    }
    await store.run(requestKeysSql(passes, level));
    // Level 0's block sizes are read from the reference's stored counts, and its keys only for the
    // blocks the budget joins (after it); a further level's sizes are counted from the keys it made.
    if (level > 0) await store.run(referenceKeysSql(passes, level, reference));
    await store.run(blockSizesSql(passes, level, reference), [limit]);
  }
  await store.run(REQUEST_BUDGET_SQL, [budget]);
  await store.run(referenceKeysSql(passes, 0, reference));
  await store.run(LEVEL_FIGURES_SQL);
  await store.run(candidatePairsSql(CANDIDATE_PAIRS_TABLE, reference));
  for (const table of BLOCKING_WORK_TABLES) await store.run(`DROP TABLE ${table}`);
  for (const table of TEMPORARY_REFERENCE_TABLES) await store.run(`DROP TABLE IF EXISTS ${table}`);
}

/** The names of the passes in a `pass_mask` column, in alphabetical order, as SQL. */
export function passNamesSql(mask: string): string {
  const passes = BLOCKING_PASSES.map((pass, index) => ({ name: pass.name, bit: 2 ** index })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  const structs = passes.map((p) => `{'name': '${p.name}', 'bit': ${p.bit}}`).join(', ');
  return `[p.name FOR p IN [${structs}] IF (${mask} & p.bit) <> 0]`;
}

/** One pass's figures: the keys it joined on, refined or gave up, and its work counted before and after. */
export interface PassReport {
  name: string;
  /** Distinct candidate pairs this pass found (a pair may be found by several passes). */
  pairs: number;
  /** Σ requests × taxpayers over the keys within the block limit, counted from the block sizes before joining. */
  comparisons: number;
  /** The part of `comparisons` the per-request budget joined (the rest the requests' rarer keys made unnecessary). */
  comparisonsJoined: number;
  keysKept: number;
  keysRefined: number;
  /** Keys still too common at the pass's last refinement level: their requests are left to other passes. */
  keysDropped: number;
  /** Keys joined at each refinement level (0 = the pass's own key). */
  keysKeptByLevel: number[];
}

export interface BlockingReport {
  candidatePairs: number;
  /** Requests that were blocked (screening-passed). */
  requests: number;
  /** The block limit in force. */
  maxBlockTaxpayers: number;
  /** The per-request budget in force (taxpayers a request's joined keys may hold before its next key is left out). */
  requestBudget: number;
  passes: PassReport[];
}

/** The temp table blocking leaves: (request_id, taxpayer_id, pass_mask), one row per candidate pair. */
export const CANDIDATE_PAIRS_TABLE = WORK_TABLES.candidates;

/**
 * The blocking figures of the run just made: candidate pairs in all and per pass (from the temp
 * table, before scoring), with the per-pass figures blocking counted before joining.
 */
export async function countCandidatePairs(store: Store): Promise<BlockingReport> {
  const [row] = await store.all<Record<string, bigint>>(
    `SELECT count(*) AS total, ${BLOCKING_PASSES.map((_, i) => `count(*) FILTER (WHERE (pass_mask & ${2 ** i}) <> 0) AS p${i}`).join(', ')}
     FROM ${CANDIDATE_PAIRS_TABLE}`,
  );
  const stats = await store.all<{
    pass: number;
    level: number;
    keys_kept: bigint;
    keys_refined: bigint;
    keys_dropped: bigint;
    comparisons: bigint;
    comparisons_joined: bigint;
  }>(`SELECT * FROM ${BLOCKING_STATS_TABLE} ORDER BY pass, level`);
  const [summary] = await store.all<{
    requests: bigint;
    max_block_taxpayers: number;
    request_budget: number;
  }>(`SELECT * FROM ${BLOCKING_SUMMARY_TABLE}`);
  for (const table of BLOCKING_FIGURES_TABLES) await store.run(`DROP TABLE ${table}`);
  return {
    candidatePairs: Number(row?.['total'] ?? 0),
    requests: Number(summary?.requests ?? 0),
    maxBlockTaxpayers: summary?.max_block_taxpayers ?? MAX_BLOCK_TAXPAYERS,
    requestBudget: summary?.request_budget ?? REQUEST_BUDGET,
    passes: BLOCKING_PASSES.map((pass, i) => {
      const levels = stats.filter((s) => Number(s.pass) === i);
      const sum = (pick: (s: (typeof levels)[number]) => bigint) =>
        levels.reduce((total, s) => total + Number(pick(s)), 0);
      return {
        name: pass.name,
        pairs: Number(row?.[`p${i}`] ?? 0),
        comparisons: sum((s) => s.comparisons),
        comparisonsJoined: sum((s) => s.comparisons_joined),
        keysKept: sum((s) => s.keys_kept),
        keysRefined: sum((s) => s.keys_refined),
        keysDropped: sum((s) => s.keys_dropped),
        keysKeptByLevel: levels.map((s) => Number(s.keys_kept)),
      };
    }),
  };
}

/**
 * The blocking figures of a batch's latest matching run, as the run stored them (only the
 * candidates a decision or its explanation uses are kept, so they cannot be counted afterwards).
 */
export async function blockingReport(store: Store, batchId: string): Promise<BlockingReport> {
  const run = await latestLinkageRun(store, batchId);
  const blocking = run?.parameters['blocking'] as Partial<BlockingReport> | undefined;
  return {
    candidatePairs: blocking?.candidatePairs ?? 0,
    requests: blocking?.requests ?? 0,
    maxBlockTaxpayers: blocking?.maxBlockTaxpayers ?? MAX_BLOCK_TAXPAYERS,
    requestBudget: blocking?.requestBudget ?? REQUEST_BUDGET,
    passes: BLOCKING_PASSES.map((pass) => {
      const stored = blocking?.passes?.find((p) => p.name === pass.name);
      return {
        name: pass.name,
        pairs: stored?.pairs ?? 0,
        comparisons: stored?.comparisons ?? 0,
        comparisonsJoined: stored?.comparisonsJoined ?? stored?.comparisons ?? 0,
        keysKept: stored?.keysKept ?? 0,
        keysRefined: stored?.keysRefined ?? 0,
        keysDropped: stored?.keysDropped ?? 0,
        keysKeptByLevel: stored?.keysKeptByLevel ?? [],
      };
    }),
  };
}
