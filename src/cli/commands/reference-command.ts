import type { Command } from 'commander';
import { loadReference } from '../../reference/load-reference.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, say } from '../output.ts';
import { progressBar } from '../progress.ts';

export function registerReferenceCommand(program: Command): void {
  const reference = program.command('reference').description('the taxpayer reference data');
  reference
    .command('load <file>')
    .description('load a reference CSV (one row per taxpayer per tax year), normalizing as it streams')
    .option('--append', 'add to the reference instead of replacing it')
    .option('--json', 'print the receipt as JSON')
    .action(async (file: string, options: { append?: boolean; json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store, clock, actor, authorize }) => {
        await authorize('reference.load');
        // One bar per kind of value normalized (names, addresses, …): each distinct value once.
        let bar: ReturnType<typeof progressBar> | undefined;
        let phase = '';
        const receipt = await loadReference(store, clock, { file, replace: !options.append, actor }, (p) => {
          if (p.phase !== phase) {
            bar?.stop();
            phase = p.phase;
            bar = progressBar(`${p.phase}s`, p.total);
          }
          bar?.update(p.done);
        });
        bar?.stop();
        if (options.json) printJson(receipt);
        else
          say(
            `loaded ${receipt.rows} reference rows for ${receipt.taxpayers} taxpayers (sha256 ${receipt.sha256})`,
          );
      });
    });
}
