import type { Command } from 'commander';
import { verifyAuditChain } from '../../audit/audit-log.ts';
import { DeskError } from '../../errors.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit trail');
  audit
    .command('verify')
    .description('check the whole chain; names the first broken link and exits non-zero if there is one')
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store }) => {
        const verdict = await verifyAuditChain(store);
        if (options.json) printJson(verdict);
        switch (verdict.kind) {
          case 'intact':
            if (!options.json) say(`audit chain intact: ${verdict.rows} events, head ${verdict.head}`);
            return;
          case 'broken':
            throw new DeskError(
              'AUDIT_CHAIN_BROKEN',
              `audit chain broken at seq ${verdict.seq}: ${verdict.problem}`,
              { seq: verdict.seq },
            );
        }
      });
    });
  audit
    .command('log')
    .description('the latest audit events')
    .option('--batch <id>', 'only events of this batch')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'as JSON')
    .action(async (options: { batch?: string; limit: string; json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store }) => {
        const rows = await store.all<Record<string, unknown>>(
          `SELECT seq, occurred_at, actor, action, batch_id, outcome, detail FROM audit_log
           WHERE $1::VARCHAR IS NULL OR batch_id = $1 ORDER BY seq DESC LIMIT $2`,
          [options.batch ?? null, Number(options.limit)],
        );
        if (options.json) printJson(rows);
        else printTable(rows);
      });
    });
}
