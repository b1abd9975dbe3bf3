import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { DeskError } from '../../errors.ts';
import { loadProgram, parseProgram } from '../../programs/program.ts';
import { printJson, say } from '../output.ts';

export function registerProgramCommand(program: Command): void {
  const cmd = program.command('program').description('program definitions (statute as code)');
  cmd
    .command('show [idOrFile]')
    .description('print a program definition (default: the shipped IRS–ICE § 6103(i)(2) program)')
    .action((idOrFile?: string) => printJson(loadProgram(idOrFile)));
  cmd
    .command('validate <file>')
    .description('check a program file against the schema; lists every problem')
    .action((file: string, options: { json?: boolean }) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new DeskError('INVALID_INPUT', `cannot read program ${file}: ${(error as Error).message}`);
      }
      const load = parseProgram(json);
      switch (load.kind) {
        case 'valid':
          if (options.json)
            printJson({ file, valid: true, id: load.program.id, version: load.program.version });
          else say(`${file}: valid (${load.program.id}@${load.program.version})`);
          return;
        case 'invalid':
          throw new DeskError('INVALID_INPUT', `${file} is invalid:\n  ${load.problems.join('\n  ')}`);
      }
    });
}
