import type { Command } from 'commander';
import { recordRead } from '../../audit/audit-session.ts';
import { DeskError } from '../../errors.ts';
import { getBatch } from '../../pipeline/batch-stage.ts';
import { loadProgram } from '../../programs/program.ts';
import { searchReference, type SearchCriteria } from '../../review/reference-search.ts';
import { decideReviews, type ReviewInput } from '../../review/review-decision.ts';
import { readReviewFile, toVerdict } from '../../review/review-file.ts';
import { reviewQueue } from '../../review/review-queue.ts';
import { reviewView, SIDE_BY_SIDE_FIELDS, type ReviewView } from '../../review/review-view.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';
import { printWaterfall } from './explain-command.ts';

/** The request and each taxpayer it may be, field by field, then the matcher's waterfall. */
function printReviewView(view: ReviewView): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `request ${view.requestId} in batch ${view.batchId}: ${view.decision.outcome} (${view.decision.decidedBy})`,
  );
  out(`  ${view.decision.reason}\n`);
  const header = (c: ReviewView['candidates'][number]) =>
    `${c.taxpayerId}${c.rank === null ? '' : ` #${c.rank}`}${c.foundBy === 'candidate' ? '' : ' (search)'}`;
  printTable(
    SIDE_BY_SIDE_FIELDS.map((field) => ({
      field,
      request: view.request[field] ?? '',
      ...Object.fromEntries(view.candidates.map((c) => [header(c), c.values[field] ?? ''])),
    })),
    ['field', 'request', ...view.candidates.map(header)],
  );
  if (view.candidates.length) {
    out('\nlevels the matcher found, and the address of record against the request');
    printTable(
      view.candidates.map((c) => ({
        taxpayer: c.taxpayerId,
        found_by: c.foundBy,
        probability: c.matchProbability,
        ...c.levels,
        address_of_record: `${c.addressOfRecord.label}${c.addressOfRecord.taxYear === null ? '' : ` (${c.addressOfRecord.taxYear})`}`,
        may_confirm: c.addressOfRecord.agrees ? 'yes' : 'no: address differs',
      })),
    );
  } else out('\nno candidate; `ddesk review search` looks further (audited)');
  if (view.explanation.kind === 'matched') {
    out('');
    printWaterfall(view.explanation);
  }
  if (view.history.length) {
    out('\nreview history');
    printTable(view.history);
  }
}

export function registerReviewCommand(program: Command): void {
  const review = program
    .command('review')
    .description(
      'requests the matcher could not decide: the queue, each side by side, audited searches, decisions',
    );
  const globals = () => program.opts<GlobalOptions>();
  review
    .command('list <batchId>')
    .description('requests of a batch awaiting a reviewer (or a second reviewer); --all adds those reviewed')
    .option('--all', 'also the requests reviewers decided (revisable until approval)')
    .action(async (batchId: string, options: { all?: boolean; json?: boolean }) => {
      await withStore(globals(), async ({ store, clock, actor, authorize }) => {
        await authorize('review.read', { batchId });
        const items = await reviewQueue(store, batchId, { all: options.all ?? false });
        await recordRead(store, clock, {
          actor,
          action: 'review.list',
          batchId,
          object: `batch ${batchId} review queue`,
          description: `read the review queue of batch ${batchId}: ${items.length} requests with names, addresses and dates of birth`,
          detail: { requests: items.length },
        });
        if (options.json)
          printJson(
            items.map((item) => ({
              ...item,
              explanation: item.explanation === null ? null : (JSON.parse(item.explanation) as unknown),
            })),
          );
        else printTable(items.map(({ explanation: _explanation, ...item }) => item));
      });
    });

  review
    .command('show <batchId> <requestId>')
    .description("one request beside each taxpayer it may be, with the matcher's levels and waterfall")
    .action(async (batchId: string, requestId: string, options: { json?: boolean }) => {
      await withStore(globals(), async ({ store, clock, actor, authorize }) => {
        await authorize('review.read', { batchId });
        const view = await reviewView(store, batchId, requestId);
        await recordRead(store, clock, {
          actor,
          action: 'review.show',
          batchId,
          object: `batch ${batchId} request ${requestId}`,
          description: `read request ${requestId} of batch ${batchId} beside ${view.candidates.length} taxpayer(s)`,
          detail: { requestId, taxpayers: view.candidates.length },
        });
        if (options.json) printJson(view);
        else printReviewView(view);
      });
    });

  review
    .command('search <batchId> <requestId>')
    .description(
      'look for the person a request names beyond the candidates (audited): by TIN, or a surname with a given name, ZIP or date of birth',
    )
    .option('--last-name <name>', 'surname (either of two surnames)')
    .option('--first-name <name>', 'given name (a nickname finds its formal name)')
    .option('--zip <zip>', 'ZIP code of any year filed')
    .option('--dob <date>', 'date of birth, YYYY-MM-DD')
    .option('--tin <tin>', 'TIN, 9 digits')
    .action(async (batchId: string, requestId: string, options: SearchCriteria & { json?: boolean }) => {
      const { json, ...criteria } = options;
      await withStore(globals(), async ({ store, clock, person }) => {
        const found = await searchReference(store, clock, { batchId, requestId, actor: person, criteria });
        if (json) printJson(found);
        else {
          printTable(found.hits);
          say(
            `search ${found.searchId}: ${found.hits.length} taxpayer(s)${found.more ? ' (more match: narrow the search)' : ''}; any of them may now be named in a review decision for ${requestId}`,
          );
        }
      });
    });

  review
    .command('decide <batchId> [requestId]')
    .description(
      'decide a request (or, with --file, many at once, all or nothing); revisable until the batch is approved',
    )
    .option(
      '--outcome <outcome>',
      'CONFIRMED, NOT_CONFIRMED, NO_RECORD, or SECOND_REVIEW (another reviewer decides)',
    )
    .option(
      '--taxpayer <id>',
      'the taxpayer identified (CONFIRMED, NOT_CONFIRMED): a candidate or one a search found',
    )
    .option('--note <text>', 'why: what the reviewer compared')
    .option('--file <file>', 'decisions as CSV (request_id,outcome,taxpayer_id,note) or JSON Lines (.jsonl)')
    .addHelpText(
      'after',
      '\nA confirmation needs the taxpayer\'s address of record to agree with the request at the\nprogram\'s confirming level; under irs-ice-6103i2 it also needs a second reviewer to concur\n(the same command, by another reviewer, naming the same taxpayer).\n\nExamples:\n  ddesk review decide B-1 R17 --outcome CONFIRMED --taxpayer T000123 --note "DOB and TIN agree"\n  ddesk review decide B-1 --file decisions.csv',
    )
    .action(
      async (
        batchId: string,
        requestId: string | undefined,
        options: { outcome?: string; taxpayer?: string; note?: string; file?: string; json?: boolean },
      ) => {
        let decisions: ReviewInput[];
        if (options.file) {
          if (requestId || options.outcome || options.taxpayer || options.note)
            throw new DeskError(
              'INVALID_INPUT',
              '--file takes every decision from the file: give no request id, --outcome, --taxpayer or --note',
            );
          decisions = await readReviewFile(options.file);
        } else {
          if (!requestId || !options.outcome || !options.note)
            throw new DeskError(
              'INVALID_INPUT',
              'name the request and give --outcome and --note (or --file)',
            );
          decisions = [
            { requestId, verdict: toVerdict(options.outcome, options.taxpayer), note: options.note },
          ];
        }
        await withStore(globals(), async ({ store, clock, person }) => {
          const batch = await getBatch(store, batchId);
          const { results, remaining } = await decideReviews(store, clock, {
            batchId,
            program: loadProgram(batch.program_id),
            actor: person,
            decisions,
          });
          if (options.json) printJson({ results, remaining });
          else {
            for (const result of results)
              say(
                `${result.requestId}: ${result.step === 'proposed' ? 'CONFIRMED proposed; a second reviewer must concur' : result.step === 'concurred' ? 'CONFIRMED (second reviewer concurred)' : result.step === 'referred' ? 'sent to a second reviewer' : result.outcome}${result.revision > 1 ? ` (revision ${result.revision})` : ''}`,
              );
            say(`${remaining} request(s) still await a reviewer`);
          }
        });
      },
    );
}
