import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli } from './cli.ts';
import { withDatabase } from './insider.ts';

interface CalibrationBin {
  from: number;
  to: number;
  pairs: number;
  observed_correct_share: number | null;
}

interface PassFigures {
  pass: string;
  keys_kept: number;
  keys_refined: number;
  keys_dropped: number;
  comparisons_counted: number;
  pairs: number;
  pairs_per_request: number;
  pair_completeness: number;
}

/** Keys every desk result carries (../shared/datasets/README.md). */
interface DeskDiagnostics {
  person_found_share_estimated: number | null;
  person_found_share_truth: number | null;
  warnings: string[];
  calibration: CalibrationBin[];
  expected_wrong_confirmations: number;
  candidate_pairs: number;
  candidate_pairs_per_request: number;
  pair_completeness: number;
  passes: Record<string, number>;
  blocking_passes: PassFigures[];
}

/** Sane values, whatever the data: shares in [0, 1], bins that tile [0, 1], work counted before it is done. */
function assertDiagnostics(result: DeskDiagnostics): void {
  assert.ok(Array.isArray(result.warnings) && result.warnings.every((w) => typeof w === 'string'));
  const estimated = result.person_found_share_estimated;
  assert.ok(estimated !== null && estimated > 0 && estimated <= 1, `π̂ ${estimated}`);
  const truth = result.person_found_share_truth;
  assert.ok(truth !== null && truth >= 0 && truth <= 1);
  assert.equal(result.calibration[0]?.from, 0);
  assert.equal(result.calibration.at(-1)?.to, 1);
  result.calibration.forEach((bin, i) => {
    if (i > 0) assert.equal(bin.from, result.calibration[i - 1]?.to);
    assert.ok(bin.pairs === 0 ? bin.observed_correct_share === null : bin.observed_correct_share! >= 0);
    assert.ok((bin.observed_correct_share ?? 0) <= 1);
  });
  assert.ok(result.calibration.reduce((n, bin) => n + bin.pairs, 0) > 0);
  assert.ok(result.expected_wrong_confirmations >= 0);
  assert.ok(result.candidate_pairs_per_request > 0);
  assert.ok(result.pair_completeness >= 0 && result.pair_completeness <= 1);
  assert.deepEqual(
    result.blocking_passes.map((p) => p.pass),
    Object.keys(result.passes),
  );
  for (const pass of result.blocking_passes) {
    assert.equal(pass.pairs, result.passes[pass.pass]);
    assert.ok(pass.pairs <= pass.comparisons_counted, pass.pass);
    assert.ok(pass.pairs <= result.candidate_pairs, pass.pass);
    assert.ok(pass.pair_completeness <= result.pair_completeness, pass.pass);
  }
}

interface ProgramBench extends DeskDiagnostics {
  requests: number;
  wrongful_disclosures: number;
  recall_of_true_confirmations: number;
  recall_of_true_confirmations_with_dob_or_tin: number;
  recall_by_identifiers: Record<string, number | null>;
  review_rate: number;
  rejected_answered_otherwise: number;
  outcome_counts: Record<string, number>;
  seconds: number;
  peak_memory_mb: number;
  step_seconds?: Record<string, number>;
  exact_matching: { wrongful_disclosures: number; outcome_counts: Record<string, number> };
  rule_2025: { wrongful_disclosures: number; recall_of_true_confirmations: number };
}

const FEBRL4 = path.resolve(ROOT, '..', 'shared', 'datasets', 'febrl4');

describe('ddesk bench', () => {
  it('scores the desk and both baselines on hand-made cases whose answers are known', async () => {
    const run = await runCli([
      '--memory-limit',
      '1GB',
      'bench',
      path.join(ROOT, 'test', 'fixtures', 'bench-tiny'),
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as ProgramBench;
    assert.equal(result.requests, 5);
    assert.equal(
      Object.values(result.outcome_counts).reduce((a, b) => a + b, 0),
      5,
    );
    // Q3 ("Failed to Provide") must be refused under a rule, whatever the matcher.
    assert.equal(result.outcome_counts['REJECTED'], 1);
    assert.equal(result.rejected_answered_otherwise, 0);
    assert.equal(result.wrongful_disclosures, 0);
    assert.equal(result.exact_matching.wrongful_disclosures, 0);
    // The 2025 rule discloses Q2 (right TIN, old address), Q3 (TIN, placeholder address) and Q4
    // (a namesake in the same ZIP who never filed): three wrongful disclosures, by construction.
    assert.equal(result.rule_2025.wrongful_disclosures, 3);
    assert.equal(result.rule_2025.recall_of_true_confirmations, 1);
    assert.ok(result.seconds > 0 && result.peak_memory_mb > 0);
    assert.ok(
      result.step_seconds && 'blocking' in result.step_seconds,
      'the desk reports its matching steps',
    );
    assertDiagnostics(result);
    // Q1 and Q5 carry a DOB and no TIN; both are confirmed.
    assert.deepEqual(result.recall_by_identifiers, { dob: 1, tin: null, both: null, neither: null });
    assert.equal(result.recall_of_true_confirmations_with_dob_or_tin, 1);
    // Four requests pass screening; the truth links three of them (Q1, Q2, Q5) to a taxpayer.
    assert.equal(result.person_found_share_truth, 0.75);
    assert.equal(result.pair_completeness, 1);
  });

  it("keeps the desk's decisions (not the last baseline's) in a kept database, with the audit log intact", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-bench-keep-'));
    try {
      const db = path.join(dir, 'kept.duckdb');
      const tiny = path.join(ROOT, 'test', 'fixtures', 'bench-tiny');
      const run = await runCli(['bench', tiny, '--json', '--keep-db', db, '--thresholds', '0.06']);
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(run.stdout) as ProgramBench;
      const rows = await withDatabase(db, (store) =>
        store.all<{ outcome: string; n: number }>(
          'SELECT outcome, count(*)::INTEGER AS n FROM decisions GROUP BY outcome',
        ),
      );
      assert.deepEqual(Object.fromEntries(rows.map((r) => [r.outcome, r.n])), result.outcome_counts);
      const verify = await runCli(['--db', db, 'audit', 'verify']);
      assert.equal(verify.code, 0, verify.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prices other confirmation thresholds from the stored candidates, never loosening the baseline counts', async () => {
    const tiny = path.join(ROOT, 'test', 'fixtures', 'bench-tiny');
    const run = await runCli(['bench', tiny, '--json', '--thresholds', '0.999,0.06']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as ProgramBench & {
      threshold_sweep: { confirm_probability: number; outcome_counts: Record<string, number> }[];
    };
    assert.deepEqual(
      result.threshold_sweep.map((point) => point.confirm_probability),
      [0.999, 0.06],
    );
    // At the program's own threshold the re-decision reproduces the desk's outcomes exactly.
    assert.deepEqual(result.threshold_sweep[0]?.outcome_counts, result.outcome_counts);
    // A lower threshold can only confirm more, and screening refusals stay refused.
    const low = result.threshold_sweep[1]?.outcome_counts ?? {};
    assert.ok((low['CONFIRMED'] ?? 0) >= (result.outcome_counts['CONFIRMED'] ?? 0));
    assert.equal(low['REJECTED'], 1);

    const bad = await runCli(['bench', tiny, '--thresholds', '0.01']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /confirmation threshold must lie in/);
  });

  it('refuses a memory limit DuckDB would not understand, before any work', async () => {
    const run = await runCli([
      '--memory-limit',
      'lots',
      'bench',
      path.join(ROOT, 'test', 'fixtures', 'bench-tiny'),
    ]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--memory-limit must be a size such as 4GB/);
  });

  it(
    'runs in linkage mode on FEBRL4 and reports precision, recall, F1 and review count',
    { skip: !existsSync(FEBRL4) && 'needs ../shared/datasets/febrl4 (absent here)' },
    async () => {
      const run = await runCli(['bench', FEBRL4, '--json']);
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(run.stdout) as Record<string, unknown> &
        DeskDiagnostics & {
          exact_matching: Record<string, number>;
        };
      assert.equal(result['mode'], 'linkage');
      assert.equal(result['requests'], 5000);
      for (const key of ['precision', 'recall', 'f1', 'review_count', 'seconds', 'peak_memory_mb'])
        assert.equal(typeof result[key], 'number', key);
      // Exact name + street address + postcode finds about 17% of FEBRL4's true links.
      assert.ok(
        result.exact_matching['recall'] !== undefined &&
          result.exact_matching['recall'] > 0.1 &&
          result.exact_matching['recall'] < 0.25,
      );
      // Issue 5's targets for the desk: precision ≥ 0.999 and recall ≥ 0.99 (the run is deterministic).
      assert.ok((result['precision'] as number) >= 0.999, `precision ${String(result['precision'])}`);
      assert.ok((result['recall'] as number) >= 0.99, `recall ${String(result['recall'])}`);
      assertDiagnostics(result);
      // Blocking no longer caps recall below issue 9's 0.995: at most one true link in 1,000 is
      // missed, with a handful of candidate pairs per request.
      assert.ok(result.pair_completeness >= 0.999, `pair completeness ${result.pair_completeness}`);
      assert.ok(result.candidate_pairs_per_request < 10, `${result.candidate_pairs_per_request} per request`);
      // Every request has a true link, and the model knows most persons are found.
      assert.equal(result.person_found_share_truth, 1);
      // The confident bin is right: among candidates at p ≥ 0.999, at least 99.9% are the true link.
      const top = result.calibration.at(-1);
      assert.ok(top && top.pairs > 4000 && (top.observed_correct_share ?? 0) >= 0.999);
    },
  );
});
