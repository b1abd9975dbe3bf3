import type { Command } from 'commander';
import { DeskError } from '../errors.ts';

/**
 * `ddesk help <command> [<subcommand>…]` prints exactly what `ddesk <command> <subcommand> --help`
 * prints (commander's own help command stops at the first name).
 */
export function registerHelpCommand(program: Command): void {
  program
    .command('help [command...]')
    .description('show the help of a command, e.g. "ddesk help batch submit" (same as --help)')
    .action((names: string[]) => {
      let command: Command = program;
      for (const name of names) {
        const next = command.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next) {
          const path = [program.name(), ...names.slice(0, names.indexOf(name))].join(' ');
          const known = command.commands.map((c) => c.name()).join(', ');
          throw new DeskError('INVALID_INPUT', `"${path}" has no command "${name}"; it has: ${known}`);
        }
        command = next;
      }
      command.outputHelp();
    });
}
