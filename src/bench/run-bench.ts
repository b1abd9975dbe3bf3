import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../clock.ts';
import { submitBatch } from '../intake/submit-batch.ts';
import { DeskError } from '../errors.ts';
import { BLOCKING_PASSES } from '../linkage/blocking-keys.ts';
import { blockingReport } from '../linkage/blocking-passes.ts';
import { redecideFromStoredCandidates } from '../linkage/decide-requests.ts';
import { exactMatcher } from '../linkage/exact-matcher.ts';
import { appendAuditEvent } from '../audit/audit-log.ts';
import { matchBatch } from '../linkage/match-batch.ts';
import type { Matcher } from '../linkage/matcher.ts';
import { screenBatch } from '../policy/screen-batch.ts';
import { DEFAULT_PROGRAM_ID, loadProgram, type Program } from '../programs/program.ts';
import { loadReference } from '../reference/load-reference.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';
import { openBenchFolder, type BenchFolder } from './bench-folder.ts';
import { modelDiagnostics, type ModelDiagnostics } from './model-diagnostics.ts';
import { rule2025Matcher } from './rule-2025-matcher.ts';
import {
  loadTruth,
  recordResults,
  scoreLinkage,
  scoreProgram,
  type LinkageMetrics,
  type ProgramMetrics,
} from './score.ts';

const BATCH_ID = 'bench';
const ACTOR = 'bench';

/** One blocking pass's figures (per ../shared/datasets/README.md's `passes`, with the detail). */
export interface PassFigures {
  pass: string;
  /** Keys joined on, at the pass's own level or refined. */
  keys_kept: number;
  /** Keys too common to join on, split by one more field. */
  keys_refined: number;
  /** Keys still too common at the last refinement: left to the other passes. */
  keys_dropped: number;
  /** Σ requests × taxpayers over the joined keys, counted before joining. */
  comparisons_counted: number;
  /** Distinct pairs the pass produced. */
  pairs: number;
  pairs_per_request: number;
  /** The share of true links this pass found by itself. */
  pair_completeness: number;
}

export interface BlockingFigures {
  candidate_pairs: number;
  candidate_pairs_per_request: number;
  /** The share of true links (request, taxpayer) among the candidate pairs. */
  pair_completeness: number;
  /** Candidate pairs per pass. */
  passes: Record<string, number>;
  max_block_taxpayers: number;
  blocking_passes: PassFigures[];
}

export interface SystemResult {
  system: string;
  description: string;
  /** Blocking's figures, with the pair completeness measured against the truth (desk only). */
  blocking?: BlockingFigures;
  /** The model's own diagnostics against the truth (desk only). */
  diagnostics?: ModelDiagnostics;
  /** Seconds spent deciding (screening, if the system screens, plus matching). */
  seconds: number;
  /** Seconds per step of the matcher, for matchers that report steps. */
  steps: Record<string, number>;
  metrics: LinkageMetrics | ProgramMetrics;
}

export interface BenchResult {
  dataset: string;
  mode: 'linkage' | 'program';
  requests: number;
  reference_rows: number;
  load_seconds: number;
  seconds: number;
  peak_memory_mb: number;
  systems: SystemResult[];
  /** The desk decided again from its stored candidates at other confirmation thresholds (what-if). */
  threshold_sweep: { confirm_probability: number; metrics: LinkageMetrics | ProgramMetrics }[];
}

export interface BenchSystem {
  system: string;
  description: string;
  matcher: Matcher;
  /** Whether statute screening runs first (program mode only). */
  screens: boolean;
}

/** The systems compared in every run: the desk, exact matching, and the 2025 rule. */
export function benchSystems(deskMatcher: Matcher): BenchSystem[] {
  return [
    {
      system: 'desk',
      description: `Disclosure Desk (screening + ${deskMatcher.name} matcher)`,
      matcher: deskMatcher,
      screens: true,
    },
    {
      system: 'exact_matching',
      description: 'screening + exact normalized name and address',
      matcher: exactMatcher,
      screens: true,
    },
    {
      system: 'rule_2025',
      description: '2025 rule: TIN + name control, else name + ZIP5; no screening',
      matcher: rule2025Matcher,
      screens: false,
    },
  ];
}

/**
 * Runs every system on one benchmark folder in one process, against the same loaded data, in a
 * throw-away DuckDB file, and scores each against the truth.
 */
export async function runBench(
  dir: string,
  options: {
    deskMatcher: Matcher;
    log?: (line: string) => void;
    threads?: number;
    /** DuckDB memory_limit, e.g. '4GB' (default: DuckDB's, 80% of RAM). */
    memoryLimit?: string;
    /** Keep the work database at this path (for inspecting decisions); by default it is thrown away. */
    keepDb?: string;
    /** Also score the desk at these confirmation thresholds, deciding again from its stored candidates. */
    thresholds?: readonly number[];
  },
): Promise<BenchResult> {
  const started = performance.now();
  const folder = openBenchFolder(dir);
  const program = loadProgram(folder.meta.program ?? DEFAULT_PROGRAM_ID);
  for (const threshold of options.thresholds ?? [])
    if (!(threshold > program.matching.rejectProbability && threshold <= 1))
      throw new DeskError(
        'INVALID_INPUT',
        `a confirmation threshold must lie in (${program.matching.rejectProbability}, 1], not ${threshold}`,
      );
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-bench-'));
  if (options.keepDb) rmSync(options.keepDb, { force: true });
  const dbFile = options.keepDb ?? path.join(workDir, 'bench.duckdb');
  const store = await DuckDbStore.open(dbFile, {
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
  });
  const log = options.log ?? (() => undefined);
  try {
    log(`loading ${folder.reference}`);
    const reference = await loadReference(store, systemClock, {
      file: folder.reference,
      replace: true,
      actor: ACTOR,
    });
    log(`loading ${folder.requests}`);
    const requests = await loadRequests(store, folder, program);
    await loadTruth(store, folder.truth, { temporary: false });
    const loadSeconds = (performance.now() - started) / 1000;

    const scoreSystem = (system: string) =>
      folder.meta.mode === 'program' ? scoreProgram(store, system) : scoreLinkage(store, system);
    const systems: SystemResult[] = [];
    const thresholdSweep: BenchResult['threshold_sweep'] = [];
    for (const spec of benchSystems(options.deskMatcher)) {
      log(`running ${spec.system}`);
      const t0 = performance.now();
      await store.run('DELETE FROM decisions WHERE batch_id = $1', [BATCH_ID]);
      // The next system starts from no decisions; the audit log says so, or screening would refuse
      // to build on decisions that changed unaudited.
      await appendAuditEvent(store, systemClock, {
        actor: ACTOR,
        action: 'bench.reset-decisions',
        batchId: BATCH_ID,
        outcome: 'success',
        covers: [{ table: 'decisions', batchId: BATCH_ID }],
      });
      if (spec.screens && folder.meta.mode === 'program')
        await screenBatch(store, systemClock, {
          batchId: BATCH_ID,
          program,
          asOf: folder.meta.as_of ?? '',
          attestation: '',
          actor: ACTOR,
        });
      const steps: Record<string, number> = {};
      let completeness: PairCompleteness | undefined;
      await matchBatch(store, systemClock, {
        batchId: BATCH_ID,
        program,
        matcher: spec.matcher,
        actor: ACTOR,
        mode: folder.meta.mode,
        onStep: (step, seconds) => {
          steps[step] = seconds;
          log(`  ${spec.system}: ${step} ${seconds.toFixed(1)} s`);
        },
        onCandidatePairs: async (_, table) => {
          completeness = await truthSurvivingBlocking(store, table);
        },
      });
      const seconds = (performance.now() - t0) / 1000;
      await recordResults(store, spec.system, BATCH_ID);
      const metrics = await scoreSystem(spec.system);
      const blocking =
        spec.system === 'desk' && completeness !== undefined
          ? await blockingFigures(store, completeness)
          : undefined;
      const diagnostics =
        spec.system === 'desk' ? await modelDiagnostics(store, BATCH_ID, folder.meta.mode) : undefined;
      // A kept database should show the desk's decisions, not those of the last system run.
      if (spec.system === 'desk' && options.keepDb)
        await store.run('CREATE TABLE bench_desk_decisions AS SELECT * FROM decisions WHERE batch_id = $1', [
          BATCH_ID,
        ]);
      if (spec.system === 'desk')
        for (const threshold of options.thresholds ?? []) {
          log(`  desk: deciding again at confirmation threshold ${threshold}`);
          await redecideFromStoredCandidates(store, {
            batchId: BATCH_ID,
            decidedAt: systemClock.now().toISOString(),
            program: { ...program, matching: { ...program.matching, confirmProbability: threshold } },
            mode: folder.meta.mode,
          });
          const name = `desk@${threshold}`;
          await recordResults(store, name, BATCH_ID);
          thresholdSweep.push({
            confirm_probability: threshold,
            metrics: await scoreSystem(name),
          });
        }
      systems.push({
        system: spec.system,
        description: spec.description,
        seconds,
        steps,
        metrics,
        ...(blocking ? { blocking } : {}),
        ...(diagnostics ? { diagnostics } : {}),
      });
    }
    if (options.keepDb) await restoreDeskDecisions(store);
    return {
      dataset: folder.meta.source ?? path.basename(path.resolve(dir)),
      mode: folder.meta.mode,
      requests,
      reference_rows: reference.rows,
      load_seconds: loadSeconds,
      seconds: (performance.now() - started) / 1000,
      peak_memory_mb: process.resourceUsage().maxRSS / 1024,
      systems,
      threshold_sweep: thresholdSweep,
    };
  } finally {
    store.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The share of true links found by blocking, in all and by each pass. */
interface PairCompleteness {
  all: number;
  byPass: number[];
}

/** Puts the desk's own decisions back in `decisions` (the baselines ran after it), audited like the resets. */
async function restoreDeskDecisions(store: Store): Promise<void> {
  await store.run('DELETE FROM decisions WHERE batch_id = $1', [BATCH_ID]);
  await store.run('INSERT INTO decisions SELECT * FROM bench_desk_decisions');
  await store.run('DROP TABLE bench_desk_decisions');
  await appendAuditEvent(store, systemClock, {
    actor: ACTOR,
    action: 'bench.restore-desk-decisions',
    batchId: BATCH_ID,
    outcome: 'success',
    covers: [{ table: 'decisions', batchId: BATCH_ID }],
  });
}

/**
 * Pair completeness: the share of true links (request, taxpayer) among the pairs blocking proposed,
 * over the requests that were blocked — a request screening refused (no decision but REJECTED
 * exists while blocking runs) never reaches blocking, and its loss shows in recall instead.
 */
async function truthSurvivingBlocking(store: Store, pairsTable: string): Promise<PairCompleteness> {
  const [row] = await store.all<Record<string, bigint>>(
    `SELECT count(c.request_id) AS kept, count(*) AS links,
       ${BLOCKING_PASSES.map((_, i) => `count(*) FILTER (WHERE (c.pass_mask & ${2 ** i}) <> 0) AS p${i}`).join(', ')}
     FROM bench_truth t LEFT JOIN ${pairsTable} c ON c.request_id = t.request_id AND c.taxpayer_id = t.taxpayer_id
     WHERE t.taxpayer_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.batch_id = $1 AND d.request_id = t.request_id)`,
    [BATCH_ID],
  );
  const links = Number(row?.['links'] ?? 0);
  const share = (n: unknown) => (links === 0 ? 1 : Number(n ?? 0) / links);
  return { all: share(row?.['kept']), byPass: BLOCKING_PASSES.map((_, i) => share(row?.[`p${i}`])) };
}

/** The blocking figures the desk's run stored, with the pair completeness measured while blocking. */
async function blockingFigures(store: Store, completeness: PairCompleteness): Promise<BlockingFigures> {
  const report = await blockingReport(store, BATCH_ID);
  const perRequest = (pairs: number) => (report.requests === 0 ? 0 : pairs / report.requests);
  return {
    candidate_pairs: report.candidatePairs,
    candidate_pairs_per_request: perRequest(report.candidatePairs),
    pair_completeness: completeness.all,
    passes: Object.fromEntries(report.passes.map((pass) => [pass.name, pass.pairs])),
    max_block_taxpayers: report.maxBlockTaxpayers,
    blocking_passes: report.passes.map((pass, i) => ({
      pass: pass.name,
      keys_kept: pass.keysKept,
      keys_refined: pass.keysRefined,
      keys_dropped: pass.keysDropped,
      comparisons_counted: pass.comparisons,
      pairs: pass.pairs,
      pairs_per_request: perRequest(pass.pairs),
      pair_completeness: completeness.byPass[i] ?? 0,
    })),
  };
}

async function loadRequests(store: Store, folder: BenchFolder, program: Program): Promise<number> {
  const receipt = await submitBatch(store, systemClock, {
    manifest: {
      program: program.id,
      batch_id: BATCH_ID,
      requesting_agency: program.requestingAgency.code,
      requesting_official: 'benchmark',
      statutory_authority: '',
      attestation: '',
      record_count: 0,
      records_sha256: '0'.repeat(64),
      date: folder.meta.as_of ?? '1970-01-01',
    },
    manifestJson: '{}',
    recordsFile: folder.requests,
    program,
    actor: ACTOR,
    verifyDigest: false,
    strictColumns: false,
  });
  return receipt.records;
}
