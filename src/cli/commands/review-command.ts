import type { Command } from 'commander';
import { recordRead } from '../../audit/audit-session.ts';
import { DeskError } from '../../errors.ts';
import { decideReview, reviewQueue, type ReviewVerdict } from '../../review/review-queue.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';

export function registerReviewCommand(program: Command): void {
  const review = program.command('review').description('the queue of ambiguous requests awaiting a reviewer');
  review
    .command('list <batchId>')
    .description('requests of a batch awaiting review (see `ddesk explain` for the candidates)')
    .option('--json', 'as JSON')
    .action(async (batchId: string, options: { json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store, clock, actor, authorize }) => {
        await authorize('review.read', { batchId });
        const items = await reviewQueue(store, batchId);
        await recordRead(store, clock, {
          actor,
          action: 'review.list',
          batchId,
          object: `batch ${batchId} review queue`,
          description: `read the review queue of batch ${batchId}: ${items.length} requests with names, addresses and dates of birth`,
          detail: { requests: items.length },
        });
        if (options.json) printJson(items);
        else printTable(items.map(({ explanation: _explanation, ...item }) => item));
      });
    });
  review
    .command('decide <batchId> <requestId>')
    .description('resolve one ambiguous request')
    .requiredOption('--outcome <outcome>', 'CONFIRMED, NOT_CONFIRMED or NO_RECORD')
    .option('--taxpayer <id>', 'the taxpayer identified (CONFIRMED, NOT_CONFIRMED)')
    .requiredOption('--note <text>', 'why: what the reviewer compared')
    .action(
      async (
        batchId: string,
        requestId: string,
        options: { outcome: string; taxpayer?: string; note: string },
      ) => {
        const verdict = toVerdict(options.outcome, options.taxpayer);
        await withStore(program.opts<GlobalOptions>(), async ({ store, clock, person }) => {
          const { remaining } = await decideReview(store, clock, {
            batchId,
            requestId,
            verdict,
            note: options.note,
            actor: person,
          });
          say(`${requestId}: ${verdict.outcome}; ${remaining} request(s) still await review`);
        });
      },
    );
}

function toVerdict(outcome: string, taxpayerId: string | undefined): ReviewVerdict {
  switch (outcome) {
    case 'NO_RECORD':
      return { outcome };
    case 'CONFIRMED':
    case 'NOT_CONFIRMED':
      if (!taxpayerId) throw new DeskError('INVALID_INPUT', `--outcome ${outcome} needs --taxpayer`);
      return { outcome, taxpayerId };
    default:
      throw new DeskError(
        'INVALID_INPUT',
        `--outcome must be CONFIRMED, NOT_CONFIRMED or NO_RECORD, not ${outcome}`,
      );
  }
}
