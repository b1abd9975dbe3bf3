import type { Command } from 'commander';
import { benchJson, benchRows, sweepRows } from '../../bench/bench-report.ts';
import { DeskError } from '../../errors.ts';
import { runBench } from '../../bench/run-bench.ts';
import { deskMatcher } from '../../linkage/desk-matcher.ts';
import { memoryLimitOption, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';

export function registerBenchCommand(program: Command): void {
  program
    .command('bench <dir>')
    .description(
      'score the desk, exact matching and the 2025 rule on a benchmark folder (format: ../shared/datasets/README.md)',
    )
    .option('--json', 'print one JSON object (desk metrics at the top level, one nested object per baseline)')
    .option('--threads <n>', 'DuckDB threads (default: all cores)')
    .option(
      '--thresholds <list>',
      "what-if: also score the desk at these confirmation thresholds, e.g. 0.99,0.98 (the program's is 0.999)",
    )
    .option(
      '--keep-db <file>',
      'keep the work database (decisions, candidates, bench_results, bench_truth) for inspection',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  ddesk bench ../shared/datasets/febrl4\n  ddesk synth --out out/synth-small && ddesk bench out/synth-small --json',
    )
    .action(
      async (
        dir: string,
        options: { json?: boolean; threads?: string; keepDb?: string; thresholds?: string },
      ) => {
        const thresholds = options.thresholds?.split(',').map((text) => {
          const value = Number(text.trim());
          if (text.trim() === '' || !Number.isFinite(value))
            throw new DeskError(
              'INVALID_INPUT',
              `--thresholds takes numbers separated by commas, not "${options.thresholds}"`,
            );
          return value;
        });
        const result = await runBench(dir, {
          thresholds,
          deskMatcher,
          log: (line) => say(line),
          threads: options.threads ? Number(options.threads) : undefined,
          memoryLimit: memoryLimitOption(program.opts<GlobalOptions>().memoryLimit),
          keepDb: options.keepDb,
        });
        if (options.json) {
          printJson(benchJson(result));
          return;
        }
        say(
          `${result.dataset} (${result.mode} mode): ${result.requests} requests against ${result.reference_rows} reference rows`,
        );
        printTable(benchRows(result));
        const desk = result.systems[0];
        if (desk && 'outcome_counts' in desk.metrics)
          printTable(
            Object.entries(desk.metrics.outcome_counts).map(([outcome, requests]) => ({ outcome, requests })),
          );
        if (desk?.blocking)
          say(
            `blocking: ${desk.blocking.candidate_pairs} candidate pairs, pair completeness ${desk.blocking.pair_completeness.toFixed(4)}`,
          );
        if (result.threshold_sweep.length) {
          say('what-if: the desk decided again from its stored candidates at other confirmation thresholds');
          printTable(sweepRows(result));
        }
        say(
          `load ${result.load_seconds.toFixed(1)} s, total ${result.seconds.toFixed(1)} s, peak memory ${result.peak_memory_mb.toFixed(0)} MB`,
        );
      },
    );
}
