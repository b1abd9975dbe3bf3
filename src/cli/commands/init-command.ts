import type { Command } from 'commander';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, say } from '../output.ts';

/** `ddesk init`: the one way (besides demo) to create a desk database. */
export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description(
      'create a new, empty desk database at --db (encrypted at rest; the account running it becomes its admin)',
    )
    .addHelpText(
      'after',
      '\nEvery other command needs an existing desk database: a mistyped --db is an error, not a new desk.\n\nExamples:\n  ddesk --db /srv/desk/desk.duckdb init\n  ddesk --db out/test.duckdb --demo-desk init     # a demo or test desk, on which --actor may name people',
    )
    .action(async (options: { json?: boolean }) => {
      const globals = program.opts<GlobalOptions>();
      await withStore(
        globals,
        ({ person, actor }) => {
          const result = {
            db: globals.db,
            admin: person.account,
            actor,
            demoDesk: globals.demoDesk ?? false,
          };
          if (options.json) printJson(result);
          else
            say(
              `created desk database ${globals.db}; ${actor} is its admin${result.demoDesk ? ' (a demo or test desk: --actor may name people)' : ''}`,
            );
          return Promise.resolve();
        },
        { open: 'new' },
      );
    });
}
