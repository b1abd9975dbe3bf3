import type { Command } from 'commander';
import {
  benchJson,
  benchRows,
  blockingRows,
  calibrationRows,
  identifierRows,
  missedByRuleRows,
  personFoundRows,
  sweepRows,
} from '../../bench/bench-report.ts';
import { DeskError } from '../../errors.ts';
import { runBench } from '../../bench/run-bench.ts';
import { deskMatcher } from '../../linkage/desk-matcher.ts';
import { memoryLimitOption, type GlobalOptions } from '../context.ts';
import { heading, printJson, printTable, say } from '../output.ts';
import { positiveInteger } from '../parse-arguments.ts';

export function registerBenchCommand(program: Command): void {
  program
    .command('bench <dir>')
    .description(
      'score the desk, exact matching and the 2025 rule on a benchmark folder (format: ../shared/datasets/README.md)',
    )
    .option('--threads <n>', 'DuckDB threads (default: all cores)', positiveInteger)
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
        options: { json?: boolean; threads?: number; keepDb?: string; thresholds?: string },
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
          threads: options.threads,
          memoryLimit: memoryLimitOption(program.opts<GlobalOptions>().memoryLimit),
          keepDb: options.keepDb,
        });
        if (options.json) {
          printJson(benchJson(result));
          return;
        }
        heading(
          `${result.dataset} (${result.mode} mode): ${result.requests} requests against ${result.reference_rows} reference rows`,
        );
        printTable(benchRows(result));
        const desk = result.systems[0];
        if (desk && 'outcome_counts' in desk.metrics)
          printTable(
            Object.entries(desk.metrics.outcome_counts).map(([outcome, requests]) => ({ outcome, requests })),
          );
        if (desk && identifierRows(desk).length) {
          heading('desk: recall of true confirmations by the identifiers the request carried');
          printTable(identifierRows(desk));
        }
        if (desk && missedByRuleRows(desk).length) {
          heading('desk: true confirmations with a DOB or TIN not confirmed, by the rule the decision cites');
          printTable(missedByRuleRows(desk));
        }
        if (desk?.diagnostics) {
          const d = desk.diagnostics;
          const share = (value: number | null) => (value === null ? 'unknown' : value.toFixed(4));
          heading(
            `desk model: share of requests whose person files, estimated ${share(d.person_found_share_estimated)}` +
              (d.person_found_share_estimated_raw !== null &&
              d.person_found_share_estimated_raw !== d.person_found_share_estimated
                ? ` (EM's own ${share(d.person_found_share_estimated_raw)})`
                : '') +
              `, per the truth ${share(d.person_found_share_truth)}` +
              `; the scored candidates account for ${share(d.person_found_share_scored)}` +
              (d.co_resident_share_estimated
                ? `; requests about a co-resident who never filed, estimated ${share(d.co_resident_share_estimated)}`
                : ''),
          );
          if (personFoundRows(desk).length) printTable(personFoundRows(desk));
          const wrongful =
            'wrongful_disclosures' in desk.metrics
              ? `; wrongful disclosures counted: ${desk.metrics.wrongful_disclosures}`
              : 'predicted_links' in desk.metrics
                ? `; wrong links counted: ${Math.round((1 - desk.metrics.precision) * desk.metrics.predicted_links)}`
                : '';
          heading(
            `desk model: expected wrong confirmations ${d.expected_wrong_confirmations.toFixed(2)}${wrongful}`,
          );
          heading(
            d.warnings.length
              ? `desk model warnings:\n${d.warnings.map((w) => `  - ${w}`).join('\n')}`
              : 'desk model warnings: none',
          );
          heading(
            'desk calibration: predicted identity probability of the kept candidates against the share that are the true link',
          );
          printTable(calibrationRows(desk));
        }
        if (desk?.blocking) {
          const b = desk.blocking;
          heading(
            `blocking: ${b.candidate_pairs} candidate pairs (${b.candidate_pairs_per_request.toFixed(1)} per request, at most ${b.max_block_taxpayers} taxpayers per key), pair completeness ${b.pair_completeness.toFixed(4)}` +
              (typeof desk.diagnostics?.blocking_miss_share_estimated === 'number'
                ? ` (the desk estimated ${(1 - desk.diagnostics.blocking_miss_share_estimated).toFixed(4)} from its passes)`
                : ''),
          );
          printTable(blockingRows(desk));
        }
        if (result.threshold_sweep.length) {
          heading(
            'what-if: the desk decided again from its stored candidates at other confirmation thresholds',
          );
          printTable(sweepRows(result));
        }
        heading(
          `load ${result.load_seconds.toFixed(1)} s, total ${result.seconds.toFixed(1)} s, peak memory ${result.peak_memory_mb.toFixed(0)} MB`,
        );
      },
    );
}
