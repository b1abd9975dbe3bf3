import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, tempDir } from './cli.ts';

interface StepReport {
  seconds: number;
  rows_per_second: number;
  max_rss_mb: number;
  cpu_seconds: number;
}

/**
 * The scale benchmark at a tiny size: a smoke test that every step runs through the real CLI and
 * the report carries its figures (no timing is asserted; the figures are for people to read).
 */
describe('scale benchmark (smoke, tiny size)', () => {
  it('runs the whole pipeline and reports each step, the floor, blocking and accuracy', async (t) => {
    const work = tempDir('scale');
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            path.join(ROOT, 'scripts', 'scale-bench.ts'),
            '--taxpayers',
            '600',
            '--requests',
            '200',
            '--work',
            work,
            '--json',
          ],
          { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('error', reject);
        child.on('close', (exit) => resolve({ code: exit ?? -1, stdout: out, stderr: err }));
      },
    );
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as {
      reference_rows: number;
      requests: number;
      floor: { total_seconds: number; read_reference_seconds: number };
      steps: Record<string, StepReport>;
      submit_to_release_vs_floor: number;
      analysis: { candidatePairsPerRequest: number; pairCompleteness: number; wrongfulDisclosures: number };
    };
    // The figures in the test log, so that a slowdown shows in CI's output (nothing is asserted on time).
    t.diagnostic(`scale bench: ${report.reference_rows} reference rows, ${report.requests} requests`);
    for (const [name, step] of Object.entries(report.steps))
      t.diagnostic(
        `${name.padEnd(15)} ${step.seconds.toFixed(2).padStart(7)} s ${Math.round(step.rows_per_second).toString().padStart(8)} rows/s ${Math.round(step.max_rss_mb).toString().padStart(5)} MB ${step.cpu_seconds.toFixed(2).padStart(6)} CPU s`,
      );
    t.diagnostic(
      `floor ${report.floor.total_seconds.toFixed(2)} s (read_csv of the reference ${report.floor.read_reference_seconds.toFixed(2)} s); submit → release ${report.submit_to_release_vs_floor.toFixed(1)}× the floor; ${report.analysis.candidatePairsPerRequest.toFixed(1)} candidate pairs per request, pair completeness ${report.analysis.pairCompleteness.toFixed(4)}`,
    );
    assert.equal(report.requests, 200);
    assert.ok(report.reference_rows > 600);
    assert.deepEqual(Object.keys(report.steps), [
      'reference load',
      'batch submit',
      'batch screen',
      'batch match',
      'batch approve',
      'batch release',
    ]);
    for (const [name, step] of Object.entries(report.steps)) {
      assert.ok(step.seconds > 0 && step.rows_per_second > 0, `${name}: timed`);
      assert.ok(step.max_rss_mb > 0 && step.cpu_seconds > 0, `${name}: memory and CPU measured`);
    }
    assert.ok(report.floor.total_seconds > 0 && report.floor.read_reference_seconds > 0);
    assert.ok(report.submit_to_release_vs_floor > 0);
    assert.ok(report.analysis.candidatePairsPerRequest > 0);
    assert.ok(report.analysis.pairCompleteness > 0 && report.analysis.pairCompleteness <= 1);
    assert.equal(report.analysis.wrongfulDisclosures, 0);
  });
});
