import type { Command } from 'commander';
import { isoDate, systemClock } from '../../clock.ts';
import { DeskError } from '../../errors.ts';
import { readCsvRecords } from '../../intake/read-records.ts';
import { REQUEST_FILE_SPEC } from '../../intake/request-record.ts';
import type { BatchFinding } from '../../policy/rule.ts';
import { startScreening } from '../../policy/screening-run.ts';
import { loadProgram } from '../../programs/program.ts';
import { printJson, printTable, say } from '../output.ts';
import { readManifest } from './batch-command.ts';

export interface RuleReport {
  ruleId: string;
  citation: string;
  message: string;
  /** Requests failing the rule (a request failing several counts under each). */
  failures: number;
  /** Requests whose rejection cites this rule (their first failed rule). */
  rejectionsCited: number;
  examples: { row: number; requestId: string; problem: string }[];
}

export interface CheckReport {
  manifest: string;
  records: string;
  program: string;
  asOf: string;
  screened: number;
  rejected: number;
  /** What the batch would become: refused whole, held for a disclosure officer, or screened. */
  verdict: 'refused' | 'held' | 'screened';
  rules: RuleReport[];
  batchFindings: BatchFinding[];
  /** Manifest record_count differs from the file: intake would refuse the batch. */
  recordCountMismatch: { manifest: number; file: number } | null;
}

/**
 * Dry-runs screening over a manifest and records file: every record through the program's
 * rules, nothing stored. Streams the file, keeping per rule only counts and the first N examples.
 */
export async function checkBatch(input: {
  manifestFile: string;
  recordsFile: string;
  asOf: string;
  examples: number;
  onProgress?: (done: number) => void;
}): Promise<CheckReport> {
  const { manifest } = readManifest(input.manifestFile);
  const program = loadProgram(manifest.program);
  const run = startScreening({ program, asOf: input.asOf, attestation: manifest.attestation });
  const reports = new Map<string, RuleReport>();
  for (const rule of [...run.rules.record, ...run.rules.batch])
    reports.set(rule.id, {
      ruleId: rule.id,
      citation: rule.citation,
      message: rule.message,
      failures: 0,
      rejectionsCited: 0,
      examples: [],
    });
  let screened = 0;
  let rejected = 0;
  for await (const { rowNumber, record } of readCsvRecords(input.recordsFile, REQUEST_FILE_SPEC)) {
    screened++;
    const failures = run.screen(record, rowNumber);
    if (failures.length) rejected++;
    for (const [i, failure] of failures.entries()) {
      const report = reports.get(failure.ruleId);
      if (!report) continue;
      report.failures++;
      if (i === 0) report.rejectionsCited++;
      if (report.examples.length < input.examples)
        report.examples.push({ row: rowNumber, requestId: record.request_id, problem: failure.problem });
    }
    if (screened % 10_000 === 0) input.onProgress?.(screened);
  }
  const batchFindings = run.finish(screened);
  for (const finding of batchFindings) {
    const report = reports.get(finding.ruleId);
    if (report && finding.effect === 'refuse-batch') {
      report.failures = screened;
      report.rejectionsCited = screened;
      rejected = screened;
    }
  }
  return {
    manifest: input.manifestFile,
    records: input.recordsFile,
    program: `${program.id}@${program.version}`,
    asOf: input.asOf,
    screened,
    rejected,
    verdict: batchFindings.some((f) => f.effect === 'refuse-batch')
      ? 'refused'
      : batchFindings.some((f) => f.effect === 'hold-batch')
        ? 'held'
        : 'screened',
    rules: [...reports.values()],
    batchFindings,
    recordCountMismatch:
      manifest.record_count === screened ? null : { manifest: manifest.record_count, file: screened },
  };
}

function printReport(report: CheckReport): void {
  say(
    `${report.records}: ${report.screened.toLocaleString('en-US')} requests screened under ${report.program} as of ${report.asOf}: ` +
      `${report.rejected.toLocaleString('en-US')} would be rejected; batch ${report.verdict}`,
  );
  if (report.recordCountMismatch)
    say(
      `manifest says ${report.recordCountMismatch.manifest} records, the file has ${report.recordCountMismatch.file}: intake would refuse it`,
    );
  for (const finding of report.batchFindings)
    say(
      `batch ${finding.effect === 'refuse-batch' ? 'REFUSED' : 'HELD'} — ${finding.ruleId} (${finding.citation}): ${finding.reason}`,
    );
  printTable(
    report.rules.map((rule) => ({
      rule: rule.ruleId,
      citation: rule.citation,
      failures: rule.failures,
      cited: rule.rejectionsCited,
    })),
  );
  for (const rule of report.rules) {
    if (rule.examples.length === 0) continue;
    process.stdout.write(`\n${rule.ruleId} — ${rule.message}\n`);
    for (const example of rule.examples)
      process.stdout.write(`  row ${example.row} (${example.requestId}): ${example.problem}\n`);
  }
}

/** Registers `ddesk batch check` on the batch command. */
export function registerBatchCheckCommand(batch: Command, program: Command): void {
  void program;
  batch
    .command('check <manifest> <records>')
    .description(
      "dry run: screen every request against the program's rules and report by rule; stores nothing",
    )
    .option('--as-of <date>', 'screen as of this date (YYYY-MM-DD); default today')
    .option('--examples <n>', 'examples to show per rule', '5')
    .option('--json', 'print the report as one JSON object')
    .action(
      async (
        manifestFile: string,
        recordsFile: string,
        options: { asOf?: string; examples: string; json?: boolean },
      ) => {
        const asOf = options.asOf ?? isoDate(systemClock.now());
        if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
          throw new DeskError('INVALID_INPUT', `--as-of ${asOf}: expected YYYY-MM-DD`);
        const examples = Number(options.examples);
        if (!Number.isInteger(examples) || examples < 0)
          throw new DeskError('INVALID_INPUT', `--examples ${options.examples}: expected a whole number`);
        const report = await checkBatch({ manifestFile, recordsFile, asOf, examples });
        if (options.json) printJson(report);
        else printReport(report);
      },
    );
}
