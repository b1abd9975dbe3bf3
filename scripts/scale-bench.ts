/**
 * The scale benchmark: the whole pipeline at a given size, each step the `ddesk` command an
 * operator would run, in its own process (so that its peak memory is its own), against the floor
 * of bare DuckDB reading and exact-matching the same two files in the same run.
 *
 *   node scripts/scale-bench.ts --taxpayers 30000 --requests 13000 [--runs 3] [--memory-limit 8GB]
 *   node scripts/scale-bench.ts --folder out/synth-1m [--json]
 *
 * Prints, per step: wall seconds (median over --runs), rows per second, peak resident memory of the
 * process (DuckDB included), CPU seconds / wall (how many cores were busy) and the peak size of
 * DuckDB's spill folder; then submit → release against the floor, candidate pairs per request,
 * pair completeness (blocking alone, run again in a transaction that is rolled back) and the
 * accuracy figures the linkage is held to (wrongful disclosures, recall with a DOB or TIN).
 * Figures only: it asserts nothing about time (CI runs it small so that a slowdown is visible).
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadTruth, recordResults, scoreProgram } from '../src/bench/score.ts';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { analyzeBlocking } from './scale-blocking.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(ROOT, 'src', 'cli', 'main.ts');
const USAGE_HOOK = path.join(import.meta.dirname, 'scale-usage-hook.ts');
const FLOOR = path.join(import.meta.dirname, 'scale-floor.ts');
const ADMIN = 'scale-admin';
const BATCH_ID = 'SCALE-0001';

const HELP = `usage: node scripts/scale-bench.ts [options]

  --taxpayers N      synthetic taxpayers (about 3.3 reference rows each; default 3000)
  --requests N       synthetic requests (default 1000)
  --seed N           synthetic seed (default 1)
  --folder DIR       use this benchmark folder (reference.csv, requests.csv, truth.csv, meta.json) instead
  --work DIR         where databases, keys, responses and generated folders go (default out/scale)
  --runs N           run the pipeline and the floor N times, report medians (default 1)
  --memory-limit S   passed to every command and to the floor (e.g. 8GB)
  --stop-after STEP  end each run after this step (load, submit, screen, match, approve, release)
  --no-analysis      skip the blocking analysis and the accuracy figures after the runs
  --json             print one JSON document instead of tables
  --quiet            no progress lines on stderr
`;

/** The accuracy the linkage is held to, when the runs went as far as matching. */
interface ProgramMetricsFigures {
  wrongfulDisclosures?: number;
  recallWithDobOrTin?: number;
  trueConfirmations?: number;
  expectedConfirmations?: number;
  outcomeCounts?: Record<string, number>;
}

interface StepFigures {
  seconds: number;
  rows: number;
  maxRssMb: number;
  cpuSeconds: number;
  spillPeakMb: number;
  /** The step's own lines (the matcher's sub-steps), as the command printed them on stderr. */
  notes: string[];
}

const { values: args } = parseArgs({
  options: {
    taxpayers: { type: 'string', default: '3000' },
    requests: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    folder: { type: 'string' },
    work: { type: 'string', default: path.join('out', 'scale') },
    runs: { type: 'string', default: '1' },
    'memory-limit': { type: 'string' },
    'stop-after': { type: 'string', default: 'release' },
    'no-analysis': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const count = (flag: string, text: string) => {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`${flag} must be a positive integer, not "${text}"\n${HELP}`);
    process.exit(2);
  }
  return n;
};
const runs = count('--runs', args.runs);
const memoryLimit = args['memory-limit'];
const work = path.resolve(args.work);
const log = (line: string) => {
  if (!args.quiet) process.stderr.write(`scale: ${line}\n`);
};
mkdirSync(work, { recursive: true });

/** Runs a process with the usage hook, timing it and sampling the spill folder's size. */
async function measured(
  command: readonly string[],
  rows: number,
  spillDir?: string,
): Promise<StepFigures & { stdout: string }> {
  const usageFile = path.join(work, `.usage-${process.pid}.json`);
  rmSync(usageFile, { force: true });
  const started = performance.now();
  let spillPeak = 0;
  const sampler = spillDir
    ? setInterval(() => (spillPeak = Math.max(spillPeak, folderBytes(spillDir))), 500)
    : undefined;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, ['--import', USAGE_HOOK, ...command], {
        cwd: ROOT,
        env: {
          ...process.env,
          DDESK_SCALE_USAGE_FILE: usageFile,
          DDESK_DEMO_DESK: '1',
          DDESK_ACTOR: ADMIN,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit ?? -1, stdout: out, stderr: err }));
    },
  );
  if (sampler) clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${command.join(' ')} exited ${code}:\n${stderr}${stdout}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuSeconds: number };
  rmSync(usageFile, { force: true });
  return {
    seconds,
    rows,
    maxRssMb: usage.maxRssKb / 1024,
    cpuSeconds: usage.cpuSeconds,
    spillPeakMb: spillPeak / 2 ** 20,
    notes: stderr.split('\n').filter((line) => /^matching: .*\([\d.]+ s\)$/.test(line)),
    stdout,
  };
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const name of readdirSync(dir)) {
    try {
      total += statSync(path.join(dir, name)).size;
    } catch {
      // a spill file removed between listing and stat
    }
  }
  return total;
}

/** Lines in a file, counted in 1 MiB chunks so that a multi-gigabyte file stays out of memory. */
function lines(file: string): number {
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  let n = 0;
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer))
      for (let i = 0; i < read; i++) if (buffer[i] === 10) n++;
  } finally {
    closeSync(fd);
  }
  return n;
}

// The folder: given, or generated once per size and seed (and reused by later runs).
let folder = args.folder ? path.resolve(args.folder) : '';
let synthFigures: StepFigures | undefined;
if (!folder) {
  const taxpayers = count('--taxpayers', args.taxpayers);
  const requests = count('--requests', args.requests);
  const seed = count('--seed', args.seed);
  folder = path.join(work, `data-t${taxpayers}-r${requests}-s${seed}`);
  if (!existsSync(path.join(folder, 'meta.json'))) {
    log(`generating ${folder} (ddesk synth)`);
    synthFigures = await measured(
      [
        MAIN,
        'synth',
        '--out',
        folder,
        '--taxpayers',
        String(taxpayers),
        '--requests',
        String(requests),
        '--seed',
        String(seed),
      ],
      taxpayers,
    );
  }
}
const files = {
  reference: path.join(folder, 'reference.csv'),
  requests: path.join(folder, 'requests.csv'),
  truth: path.join(folder, 'truth.csv'),
};
for (const file of Object.values(files))
  if (!existsSync(file)) {
    process.stderr.write(`${file} is missing: --folder needs a benchmark folder written by ddesk synth\n`);
    process.exit(2);
  }
const meta = JSON.parse(readFileSync(path.join(folder, 'meta.json'), 'utf8')) as { as_of?: string };
const asOf = meta.as_of ?? new Date().toISOString().slice(0, 10);
const referenceRows = lines(files.reference) - 1;
const requestRows = lines(files.requests) - 1;
log(
  `${folder}: ${referenceRows.toLocaleString('en-US')} reference rows, ${requestRows.toLocaleString('en-US')} requests`,
);

const PIPELINE = ['submit', 'screen', 'match', 'approve', 'release'] as const;
const STEPS = [
  'reference load',
  'batch submit',
  'batch screen',
  'batch match',
  'batch approve',
  'batch release',
] as const;
type Step = (typeof STEPS)[number];
const stopAt = STEPS.findIndex((name) => name.endsWith(` ${args['stop-after']}`));
if (stopAt < 0) {
  process.stderr.write(`--stop-after must be one of load, ${PIPELINE.join(', ')}\n`);
  process.exit(2);
}
/** The steps each run goes through. */
const RAN: readonly Step[] = STEPS.slice(0, stopAt + 1);
const perRun: Partial<Record<Step, StepFigures>>[] = [];
const floors: Record<string, number>[] = [];
const floorUsage: StepFigures[] = [];
let lastDb = '';

for (let run = 1; run <= runs; run++) {
  const dir = path.join(work, `run-${run}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = path.join(dir, 'desk.duckdb');
  const keys = path.join(dir, 'keys');
  const spill = `${db}.tmp`;
  const global = ['--db', db, ...(memoryLimit ? ['--memory-limit', memoryLimit] : [])];
  const ddesk = (rows: number, ...rest: string[]) => measured([MAIN, ...global, ...rest], rows, spill);

  log(`run ${run}/${runs}: floor (bare DuckDB read_csv + exact join)`);
  const floor = await measured(
    [
      FLOOR,
      files.reference,
      files.requests,
      path.join(dir, 'floor.duckdb'),
      ...(memoryLimit ? [memoryLimit] : []),
    ],
    referenceRows,
  );
  floors.push(JSON.parse(floor.stdout) as Record<string, number>);
  floorUsage.push(floor);

  // Setup an operator does once (roles, keys) or the agency does (signing): not timed as the desk's.
  const staff = path.join(dir, 'staff.csv');
  writeFileSync(
    staff,
    `account,role\n${['intake-clerk', 'disclosure-officer', 'auditor'].map((role) => `${ADMIN},${role}`).join('\n')}\n`,
  );
  await ddesk(0, 'init');
  await ddesk(0, 'roles', 'import', staff);
  await ddesk(0, 'keys', 'init', '--dir', keys);
  const manifest = path.join(dir, 'manifest.json');
  writeFileSync(
    manifest,
    JSON.stringify({
      program: 'irs-ice-6103i2',
      batch_id: BATCH_ID,
      requesting_agency: 'DHS-ICE',
      requesting_official: 'Director ICE (SYNTHETIC TEST)',
      statutory_authority: '8 U.S.C. § 1253(a)(1)',
      attestation:
        'Each person named is subject to a final order of removal and under criminal investigation.',
      record_count: 0,
      records_sha256: '0'.repeat(64),
      // Signed today: intake refuses a manifest older than the program's freshness window.
      date: new Date().toISOString().slice(0, 10),
    }),
  );
  const jws = path.join(dir, 'manifest.jws');
  await ddesk(
    0,
    'batch',
    'sign',
    manifest,
    '--key',
    path.join(keys, 'director.key.pem'),
    '--cert',
    path.join(keys, 'director.cert.pem'),
    '--records',
    files.requests,
    '--out',
    jws,
  );

  const figures: Partial<Record<Step, StepFigures>> = {};
  const step = async (name: Step, rows: number, ...rest: string[]) => {
    if (!RAN.includes(name)) return;
    log(`run ${run}/${runs}: ${name}`);
    figures[name] = await ddesk(rows, ...rest);
    log(`  ${figures[name].seconds.toFixed(1)} s, peak ${figures[name].maxRssMb.toFixed(0)} MB`);
  };
  await step('reference load', referenceRows, 'reference', 'load', files.reference);
  await step('batch submit', requestRows, 'batch', 'submit', jws, files.requests, '--keys', keys);
  await step('batch screen', requestRows, 'batch', 'screen', BATCH_ID, '--as-of', asOf);
  await step('batch match', requestRows, 'batch', 'match', BATCH_ID);
  await step('batch approve', requestRows, 'batch', 'approve', BATCH_ID, '--withhold-ambiguous');
  await step(
    'batch release',
    requestRows,
    'batch',
    'release',
    BATCH_ID,
    '--out',
    path.join(dir, 'responses'),
    '--keys',
    keys,
  );
  perRun.push(figures);
  lastDb = db;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const stepMedian = (name: Step) => {
  const all = perRun.flatMap((figures) => figures[name] ?? []);
  return {
    seconds: median(all.map((f) => f.seconds)),
    rows: all[0]?.rows ?? 0,
    maxRssMb: Math.max(...all.map((f) => f.maxRssMb)),
    cpuSeconds: median(all.map((f) => f.cpuSeconds)),
    spillPeakMb: Math.max(...all.map((f) => f.spillPeakMb)),
    notes: all[all.length - 1]?.notes ?? [],
  };
};
const steps = Object.fromEntries(STEPS.map((name) => [name, stepMedian(name)])) as Record<Step, StepFigures>;
const floor = {
  read_reference: median(floors.map((f) => f['read_reference'] ?? 0)),
  read_reference_cpu: median(floors.map((f) => f['read_reference_cpu'] ?? 0)),
  total: median(
    floors.map(
      (f) =>
        (f['read_reference'] ?? 0) +
        (f['read_requests'] ?? 0) +
        (f['latest_year'] ?? 0) +
        (f['exact_join'] ?? 0),
    ),
  ),
  matches: floors[0]?.['matches'] ?? 0,
  maxRssMb: Math.max(...floorUsage.map((f) => f.maxRssMb)),
  cpuSeconds: median(floorUsage.map((f) => f.cpuSeconds)),
};
const pipelineSeconds = median(
  perRun.map((figures) => PIPELINE.reduce((sum, name) => sum + (figures[`batch ${name}`]?.seconds ?? 0), 0)),
);
const wholeSeconds = median(
  perRun.map((figures) => RAN.reduce((sum, name) => sum + (figures[name]?.seconds ?? 0), 0)),
);

// After the runs: blocking once more (in a transaction that is rolled back) for its pair
// completeness, and the decisions of the last run scored against the truth.
let analysis:
  | (ProgramMetricsFigures & {
      blockingSeconds: number;
      candidatePairs: number;
      candidatePairsPerRequest: number;
      candidatePairsPerRequestP99: number;
      pairCompleteness: number;
    })
  | undefined;
if (!args['no-analysis'] && lastDb && RAN.includes('batch screen')) {
  log('analysis: blocking again for pair completeness (rolled back), decisions against the truth');
  const store = await DuckDbStore.open(lastDb, memoryLimit ? { memoryLimit } : {});
  try {
    await loadTruth(store, files.truth, { temporary: true });
    let accuracy: ProgramMetricsFigures = {};
    if (RAN.includes('batch match')) {
      await recordResults(store, 'desk', BATCH_ID);
      const score = await scoreProgram(store, 'desk');
      accuracy = {
        wrongfulDisclosures: score.wrongful_disclosures,
        recallWithDobOrTin: score.recall_of_true_confirmations_with_dob_or_tin,
        trueConfirmations: score.true_confirmations,
        expectedConfirmations: score.expected_confirmations,
        outcomeCounts: score.outcome_counts,
      };
    }
    const blocked = await analyzeBlocking(store, BATCH_ID);
    analysis = {
      blockingSeconds: blocked.seconds,
      candidatePairs: blocked.candidatePairs,
      candidatePairsPerRequest: blocked.candidatePairsPerRequest,
      candidatePairsPerRequestP99: blocked.perRequest.p99,
      pairCompleteness: blocked.pairCompleteness,
      ...accuracy,
    };
  } finally {
    store.close();
  }
}

const report = {
  folder,
  reference_rows: referenceRows,
  requests: requestRows,
  runs,
  memory_limit: memoryLimit ?? null,
  synth: synthFigures ? { seconds: synthFigures.seconds, max_rss_mb: synthFigures.maxRssMb } : null,
  floor: {
    read_reference_seconds: floor.read_reference,
    read_reference_cpu_seconds: floor.read_reference_cpu,
    total_seconds: floor.total,
    exact_matches: floor.matches,
    max_rss_mb: floor.maxRssMb,
    cpu_seconds: floor.cpuSeconds,
  },
  steps: Object.fromEntries(
    RAN.map((name) => {
      const s = steps[name];
      return [
        name,
        {
          seconds: s.seconds,
          rows_per_second: s.seconds ? s.rows / s.seconds : 0,
          max_rss_mb: s.maxRssMb,
          cpu_seconds: s.cpuSeconds,
          cores_busy: s.seconds ? s.cpuSeconds / s.seconds : 0,
          spill_peak_mb: s.spillPeakMb,
          notes: s.notes,
        },
      ];
    }),
  ),
  reference_load_vs_floor: floor.read_reference
    ? steps['reference load'].seconds / floor.read_reference
    : null,
  reference_load_cpu_vs_floor: floor.read_reference_cpu
    ? steps['reference load'].cpuSeconds / floor.read_reference_cpu
    : null,
  submit_to_release_seconds: pipelineSeconds,
  submit_to_release_vs_floor: floor.total ? pipelineSeconds / floor.total : null,
  load_to_release_seconds: wholeSeconds,
  peak_rss_mb: Math.max(...RAN.map((name) => steps[name].maxRssMb)),
  analysis,
};

if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const n = (value: number, digits = 1) =>
    value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  out(
    `${folder}: ${referenceRows.toLocaleString('en-US')} reference rows, ${requestRows.toLocaleString('en-US')} requests; median of ${runs} run(s)${memoryLimit ? `, --memory-limit ${memoryLimit}` : ''}`,
  );
  out();
  out('step              seconds      rows/s   peak MB  cpu s  cores  spill MB');
  for (const name of RAN) {
    const s = steps[name];
    out(
      `${name.padEnd(16)} ${n(s.seconds).padStart(8)} ${n(s.seconds ? s.rows / s.seconds : 0, 0).padStart(11)} ${n(s.maxRssMb, 0).padStart(9)} ${n(s.cpuSeconds).padStart(6)} ${n(s.seconds ? s.cpuSeconds / s.seconds : 0, 2).padStart(6)} ${n(s.spillPeakMb, 0).padStart(9)}`,
    );
    for (const note of s.notes) out(`    ${note}`);
  }
  out(
    `floor            ${n(floor.total).padStart(8)}             ${n(floor.maxRssMb, 0).padStart(9)} ${n(floor.cpuSeconds).padStart(6)}   (read_csv of the reference ${n(floor.read_reference)} s; ${floor.matches.toLocaleString('en-US')} exact matches)`,
  );
  out();
  out(
    `reference load: ${n(report.reference_load_vs_floor ?? 0)}× the floor's read_csv in wall time, ${n(report.reference_load_cpu_vs_floor ?? 0)}× in CPU seconds (read_csv: ${n(floor.read_reference)} s, ${n(floor.read_reference_cpu)} CPU s)`,
  );
  if (RAN.includes('batch release'))
    out(
      `submit → release: ${n(pipelineSeconds)} s, ${n(report.submit_to_release_vs_floor ?? 0)}× the floor; peak ${n(report.peak_rss_mb, 0)} MB`,
    );
  if (analysis) {
    out(
      `blocking: ${analysis.candidatePairs.toLocaleString('en-US')} candidate pairs (${n(analysis.candidatePairsPerRequest)} per request, p99 ${analysis.candidatePairsPerRequestP99}), pair completeness ${analysis.pairCompleteness.toFixed(4)} (${n(analysis.blockingSeconds)} s)`,
    );
    if (analysis.recallWithDobOrTin !== undefined)
      out(
        `accuracy: ${analysis.wrongfulDisclosures} wrongful disclosures; recall of true confirmations with a DOB or TIN ${analysis.recallWithDobOrTin.toFixed(4)} (${analysis.trueConfirmations} of ${analysis.expectedConfirmations} confirmed)`,
      );
  }
}
