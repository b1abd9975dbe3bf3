import type { Command } from 'commander';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable } from '../output.ts';

export function registerLedgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('the § 6103(p)(3) accounting of disclosures');
  ledger
    .command('list')
    .description('disclosures, newest first')
    .option('--taxpayer <id>', 'only disclosures about this taxpayer')
    .option('--batch <id>', 'only disclosures of this batch')
    .option('--limit <n>', 'how many', '100')
    .option('--json', 'as JSON')
    .action(async (options: { taxpayer?: string; batch?: string; limit: string; json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store, authorize }) => {
        await authorize('ledger.read');
        const rows = await store.all<Record<string, unknown>>(
          `SELECT CAST(disclosed_at AS VARCHAR) AS disclosed_at, taxpayer_id, batch_id, request_id, requesting_agency, statutory_authority, purpose, fields_disclosed
           FROM ledger WHERE ($1::VARCHAR IS NULL OR taxpayer_id = $1) AND ($2::VARCHAR IS NULL OR batch_id = $2)
           ORDER BY disclosed_at DESC, request_id LIMIT $3`,
          [options.taxpayer ?? null, options.batch ?? null, Number(options.limit)],
        );
        if (options.json) printJson(rows);
        else printTable(rows);
      });
    });
  ledger
    .command('report')
    .description('the annual accounting by agency: requests, disclosures, taxpayers, purposes')
    .option('--year <yyyy>', 'calendar year', String(new Date().getUTCFullYear()))
    .option('--json', 'as JSON')
    .action(async (options: { year: string; json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store, authorize }) => {
        await authorize('ledger.read');
        const rows = await store.all<Record<string, unknown>>(
          `WITH req AS (
             SELECT b.requesting_agency AS agency, count(*) AS requests
             FROM requests r JOIN batches b USING (batch_id)
             WHERE year(b.received_at) = $1 GROUP BY 1),
           dis AS (
             SELECT requesting_agency AS agency, count(*) AS disclosures, count(DISTINCT taxpayer_id) AS taxpayers,
                    string_agg(DISTINCT purpose, '; ') AS purposes
             FROM ledger WHERE year(disclosed_at) = $1 GROUP BY 1)
           SELECT agency, coalesce(requests, 0) AS requests, coalesce(disclosures, 0) AS disclosures,
                  coalesce(taxpayers, 0) AS taxpayers, purposes
           FROM req FULL JOIN dis USING (agency) ORDER BY agency`,
          [Number(options.year)],
        );
        if (options.json) printJson(rows);
        else printTable(rows);
      });
    });
}
