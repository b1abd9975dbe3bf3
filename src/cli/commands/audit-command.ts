import type { Command } from 'commander';
import { checkRecordedHead, parseRecordedHead, verifyAuditChain } from '../../audit/audit-log.ts';
import { DeskError } from '../../errors.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit trail');
  audit
    .command('verify')
    .description('check the whole chain; names the first broken link and exits non-zero if there is one')
    .option(
      '--head <seq:hash>',
      'a head recorded earlier with `ddesk audit head`: detects rows removed from the end',
    )
    .option('--json', 'as JSON')
    .action(async (options: { json?: boolean; head?: string }) => {
      const recorded = options.head === undefined ? null : parseRecordedHead(options.head);
      if (options.head !== undefined && !recorded)
        throw new DeskError(
          'INVALID_INPUT',
          `--head must be SEQ:HASH (64 hex digits), as \`ddesk audit head\` prints it`,
        );
      await withStore(program.opts<GlobalOptions>(), async ({ store, authorize }) => {
        await authorize('audit.read');
        const chain = await verifyAuditChain(store);
        const verdict =
          (chain.kind === 'intact' && recorded ? await checkRecordedHead(store, recorded) : null) ?? chain;
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
    .command('head')
    .description(
      'print the chain head as SEQ:HASH, to record outside the database (then: audit verify --head)',
    )
    .action(async () => {
      await withStore(program.opts<GlobalOptions>(), async ({ store, authorize }) => {
        await authorize('audit.read');
        const [row] = await store.all<{ seq: bigint; hash: string }>(
          'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
        );
        if (!row) throw new DeskError('NOT_FOUND', 'the audit log is empty');
        process.stdout.write(`${Number(row.seq)}:${row.hash}\n`);
      });
    });
  audit
    .command('log')
    .description('the latest audit events')
    .option('--batch <id>', 'only events of this batch')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'as JSON')
    .action(async (options: { batch?: string; limit: string; json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store, authorize }) => {
        await authorize('audit.read');
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
