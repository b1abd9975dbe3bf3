import type { Command } from 'commander';
import { isoDate, systemClock } from '../../clock.ts';
import type { FileDigest } from '../../intake/read-records.ts';
import type { BatchFinding } from '../../policy/rule.ts';
import { loadProgram } from '../../programs/program.ts';
import { heading, printJson, printTable } from '../output.ts';
import { readManifestDraft } from './batch-manifest-command.ts';
import { calendarDate, nonNegativeInteger } from '../parse-arguments.ts';

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
  /** Whether the manifest read was the signed one (its signature is checked by batch submit). */
  signedManifest: boolean;
  /** What the records file gives, counted and hashed as intake does. */
  recordCount: number;
  recordsSha256: string;
  /** Manifest record_count differs from the file: intake would refuse the batch. */
  recordCountMismatch: { manifest: number; file: number } | null;
  /** Manifest records_sha256 differs from the file's: intake would refuse the batch. */
  recordsSha256Mismatch: { manifest: string; file: string } | null;
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
  const { manifest, signed } = readManifestDraft(input.manifestFile);
  // Imported here, not with the module: every batch command registers this one.
  const [{ readCsvRecords }, { REQUEST_FILE_SPEC, checkRequestCharacters }, { startScreening }] =
    await Promise.all([
      import('../../intake/read-records.ts'),
      import('../../intake/request-record.ts'),
      import('../../policy/screening-run.ts'),
    ]);
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
  const digest: FileDigest = { sha256: '', bytes: 0 };
  for await (const { rowNumber, record } of readCsvRecords(input.recordsFile, REQUEST_FILE_SPEC, digest)) {
    checkRequestCharacters(input.recordsFile, rowNumber, record);
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
    signedManifest: signed,
    recordCount: screened,
    recordsSha256: digest.sha256,
    recordCountMismatch:
      manifest.record_count === undefined || manifest.record_count === screened
        ? null
        : { manifest: manifest.record_count, file: screened },
    recordsSha256Mismatch:
      manifest.records_sha256 === undefined || manifest.records_sha256 === digest.sha256
        ? null
        : { manifest: manifest.records_sha256, file: digest.sha256 },
  };
}

function printReport(report: CheckReport): void {
  heading(
    `${report.records}: ${report.screened.toLocaleString('en-US')} requests screened under ${report.program} as of ${report.asOf}: ` +
      `${report.rejected.toLocaleString('en-US')} would be rejected; batch ${report.verdict}`,
  );
  heading(
    `records file: ${report.recordCount.toLocaleString('en-US')} records, SHA-256 ${report.recordsSha256}${report.signedManifest ? ' (manifest read from the signed JWS; batch submit verifies its signature)' : ''}`,
  );
  if (report.recordsSha256Mismatch)
    heading(
      `manifest says SHA-256 ${report.recordsSha256Mismatch.manifest}, the file has ${report.recordsSha256Mismatch.file}: intake would refuse it`,
    );
  if (report.recordCountMismatch)
    heading(
      `manifest says ${report.recordCountMismatch.manifest} records, the file has ${report.recordCountMismatch.file}: intake would refuse it`,
    );
  for (const finding of report.batchFindings)
    heading(
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
    .option('--as-of <date>', 'screen as of this date (YYYY-MM-DD); default today', calendarDate)
    .option('--examples <n>', 'examples to show per rule', nonNegativeInteger, 5)
    .action(
      async (
        manifestFile: string,
        recordsFile: string,
        options: { asOf?: string; examples: number; json?: boolean },
      ) => {
        const asOf = options.asOf ?? isoDate(systemClock.now());
        const examples = options.examples;
        const report = await checkBatch({ manifestFile, recordsFile, asOf, examples });
        if (options.json) printJson(report);
        else printReport(report);
      },
    );
}
