import type { Command } from 'commander';
import { runRetention } from '../../retention/purge-request-data.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';

export function registerRetentionCommand(program: Command): void {
  const retention = program
    .command('retention')
    .description(
      "request data kept only for the program's period after release; the ledger and audit log stay",
    );
  retention
    .command('run')
    .description(
      "purge the request data (names, dates of birth, TINs, addresses, reasons) of batches released more than the program's retention.requestDataDays ago; every purge is an audit event",
    )
    .option('--dry-run', 'say what is due, purge nothing')
    .addHelpText('after', '\nRun it daily (e.g. from cron):\n  ddesk retention run')
    .action(async (options: { dryRun?: boolean; json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store, clock, actor, authorize }) => {
        await authorize('retention.run');
        const run = await runRetention(store, clock, { actor, dryRun: options.dryRun ?? false });
        if (options.json) {
          printJson(run);
          return;
        }
        const rows = options.dryRun
          ? run.due.map((batch) => ({
              batch_id: batch.batchId,
              released_at: batch.releasedAt,
              days: batch.requestDataDays,
              due_at: batch.dueAt,
            }))
          : run.purged.map((batch) => ({
              batch_id: batch.batchId,
              released_at: batch.releasedAt,
              days: batch.requestDataDays,
              requests_purged: batch.requests,
              candidate_pairs_removed: batch.candidatePairsRemoved,
              audit_event: batch.auditSeq,
            }));
        say(
          options.dryRun
            ? `${run.due.length} batch(es) due for purging as of ${run.asOf} (dry run: nothing purged)`
            : `purged the request data of ${run.purged.length} batch(es) (${run.purged.reduce((n, b) => n + b.requests, 0)} requests); ledger and audit log kept`,
        );
        if (rows.length) printTable(rows);
        say(
          `${run.notYetDue.length} released batch(es) not yet due${run.notYetDue[0] ? ` (next: ${run.notYetDue[0].batchId} on ${run.notYetDue[0].dueAt})` : ''}; ${run.notReleased} batch(es) not released, kept`,
        );
      });
    });
}
