import type { Command } from 'commander';
import { DeskError } from '../../errors.ts';
import { loadReference } from '../../reference/load-reference.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, say } from '../output.ts';
import { progressBar } from '../progress.ts';
import { checkReferenceHeader, referenceCounts } from '../reference-guard.ts';

export function registerReferenceCommand(program: Command): void {
  const reference = program.command('reference').description('the taxpayer reference data');
  reference
    .command('load <file>')
    .description(
      'load a reference CSV (one row per taxpayer per tax year), normalizing as it streams; a reference already loaded is replaced only with --replace',
    )
    .option('--replace', 'replace the reference the desk holds (its row counts before and after are shown)')
    .option('--append', 'add to the reference instead of replacing it')
    .option('--create', 'create the desk database at --db if there is none (else --db must name one)')
    .addHelpText(
      'after',
      '\nRequired columns: taxpayer_id, first_name, last_name, tax_year (checked before anything changes).\n\nExamples:\n  ddesk reference load reference.csv                 # into an empty reference\n  ddesk reference load reference-2026.csv --replace  # the whole reference, anew',
    )
    .action(
      async (
        file: string,
        options: { replace?: boolean; append?: boolean; create?: boolean; json?: boolean },
      ) => {
        if (options.replace && options.append)
          throw new DeskError('INVALID_INPUT', '--replace and --append exclude each other');
        checkReferenceHeader(file);
        await withStore(
          program.opts<GlobalOptions>(),
          async ({ store, clock, actor, authorize }) => {
            await authorize('reference.load');
            const before = await referenceCounts(store);
            if (before.rows > 0 && !options.replace && !options.append)
              throw new DeskError(
                'INVALID_INPUT',
                `the reference holds ${before.rows.toLocaleString('en-US')} rows (${before.taxpayers.toLocaleString('en-US')} taxpayers); loading ${file} would replace them: run again with --replace (or --append to add to them)`,
              );
            // One bar per kind of value normalized (names, addresses, …): each distinct value once.
            let bar: ReturnType<typeof progressBar> | undefined;
            let phase = '';
            const receipt = await loadReference(
              store,
              clock,
              { file, replace: !options.append, actor },
              (p) => {
                if (p.phase !== phase) {
                  bar?.stop();
                  phase = p.phase;
                  bar = progressBar(`${p.phase}s`, p.total);
                }
                bar?.update(p.done);
              },
            );
            bar?.stop();
            const after = await referenceCounts(store);
            if (options.json) printJson({ ...receipt, before, after });
            else
              say(
                `loaded ${receipt.rows} reference rows for ${receipt.taxpayers} taxpayers (sha256 ${receipt.sha256}); the reference held ${before.rows.toLocaleString('en-US')} rows (${before.taxpayers.toLocaleString('en-US')} taxpayers) and now holds ${after.rows.toLocaleString('en-US')} (${after.taxpayers.toLocaleString('en-US')} taxpayers)`,
              );
          },
          { open: options.create ? 'create' : 'existing' },
        );
      },
    );
}
