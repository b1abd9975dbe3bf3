import { Option, type Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { DeskError } from '../../errors.ts';
import { normalizeTin } from '../../linkage/normalize/normalize-record.ts';
import { loadOrCreateSigningKey, signingKeyFile } from '../../audit/desk-signing-key.ts';
import {
  produceAnnualReport,
  readLedger,
  readTaxpayerAccounting,
  TIN_FORMAT,
} from '../../ledger/audited-reads.ts';
import { reportAsHtml } from '../../ledger/report-html.ts';
import { reportAsCsv, reportAsText } from '../../ledger/report-text.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';
import { calendarYear, nonNegativeInteger, positiveInteger } from '../parse-arguments.ts';

const REPORT_FORMATS = ['text', 'csv', 'json', 'html'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A TIN from the argument, or from standard input with `-` (so that it stays out of shell history). */
function readTin(argument: string): string {
  return argument === '-' ? readFileSync(0, 'utf8').trim() : argument;
}

export function registerLedgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('the § 6103(p)(3) accounting of disclosures');
  const globals = () => program.opts<GlobalOptions>();

  ledger
    .command('list')
    .description('disclosures, newest first')
    .option('--taxpayer <id>', 'only disclosures about this taxpayer (reference taxpayer id)')
    .option('--batch <id>', 'only disclosures of this batch')
    .option('--limit <n>', 'how many', positiveInteger, 100)
    .action(async (options: { taxpayer?: string; batch?: string; limit: number; json?: boolean }) => {
      await withStore(globals(), async ({ store, clock, actor, authorize }) => {
        await authorize('ledger.read');
        const rows = await readLedger(store, clock, {
          actor,
          batchId: options.batch,
          taxpayerId: options.taxpayer,
          limit: options.limit,
        });
        if (options.json) printJson(rows);
        else printTable(rows as unknown as Record<string, unknown>[]);
      });
    });

  ledger
    .command('taxpayer <tin>')
    .description(
      'every request and disclosure concerning one taxpayer, found by TIN (`-` reads the TIN from stdin)',
    )
    .addHelpText('after', '\nExample:\n  echo 900-70-0001 | ddesk ledger taxpayer -')
    .action(async (tinArgument: string, options: { json?: boolean }) => {
      const tin = readTin(tinArgument);
      // Checked before the desk opens: a mistyped TIN is a usage error, not a read of the ledger.
      if (!normalizeTin(tin)) throw new DeskError('INVALID_INPUT', TIN_FORMAT);
      await withStore(globals(), async ({ store, clock, actor, authorize }) => {
        await authorize('ledger.read');
        // The log names the taxpayer by a keyed pseudonym, never by TIN (`ddesk audit taxpayer-ref`).
        const accounting = await readTaxpayerAccounting(store, clock, {
          actor,
          tin,
          signer: () => loadOrCreateSigningKey(signingKeyFile(globals().db)),
        });
        if (options.json) {
          printJson(accounting);
          return;
        }
        say(
          `TIN ${accounting.tin}: ${accounting.taxpayerIds.length ? `taxpayer ${accounting.taxpayerIds.join(', ')}` : 'no taxpayer in the reference'}; ${accounting.requests.length} request(s), ${accounting.disclosures.length} disclosure(s)`,
        );
        process.stdout.write('requests concerning the taxpayer\n');
        printTable(accounting.requests as unknown as Record<string, unknown>[], [
          'received_at',
          'agency',
          'batch_id',
          'request_id',
          'statutory_authority',
          'concerns',
          'outcome',
          'disclosed',
        ]);
        process.stdout.write('\ndisclosures (the § 6103(p)(3) accounting)\n');
        printTable(accounting.disclosures as unknown as Record<string, unknown>[], [
          'disclosed_at',
          'agency',
          'batch_id',
          'request_id',
          'statutory_authority',
          'fields_disclosed',
          'recipient',
          'purpose',
        ]);
      });
    });

  ledger
    .command('report')
    .description(
      'the annual accounting per agency and statutory authority: requests, rejections, disclosures, taxpayers, purposes grouped and counted',
    )
    .option('--year <yyyy>', 'calendar year', calendarYear, new Date().getUTCFullYear())
    .addOption(
      new Option('--format <format>', 'text, csv, json or html (a page with a chart)')
        .choices(REPORT_FORMATS)
        .default('text'),
    )
    .option('--top <n>', 'purposes listed per line before "N other purposes"', nonNegativeInteger, 10)
    .option('--out <file>', 'write the report to this file instead of stdout')
    .addHelpText(
      'after',
      '\nExample:\n  ddesk ledger report --year 2026 --format html --out accounting-2026.html',
    )
    .action(
      async (options: { year: number; format: ReportFormat; top: number; out?: string; json?: boolean }) => {
        const { year, top } = options;
        const format: ReportFormat = options.json ? 'json' : options.format;
        await withStore(globals(), async ({ store, clock, actor, authorize }) => {
          await authorize('ledger.read');
          const report = await produceAnnualReport(store, clock, { actor, year, format, topPurposes: top });
          const text =
            format === 'json'
              ? `${JSON.stringify(report, null, 2)}\n`
              : format === 'csv'
                ? reportAsCsv(report)
                : format === 'html'
                  ? reportAsHtml(report)
                  : reportAsText(report);
          if (options.out) {
            writeFileSync(options.out, text, { mode: 0o600 });
            say(`accounting of ${year} (${format}) written to ${options.out}`);
          } else process.stdout.write(text);
        });
      },
    );
}
