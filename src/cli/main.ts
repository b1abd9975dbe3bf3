#!/usr/bin/env node
import { CommanderError } from 'commander';
import { DeskError, USAGE_ERROR_EXIT, exitCodeFor } from '../errors.ts';
import { endQuietlyOnClosedPipe } from './output.ts';
import { buildProgram } from './program.ts';

endQuietlyOnClosedPipe();

// One top-level catch sets the exit code (style.md: the Actual Budget model).
try {
  const program = await buildProgram(process.argv.slice(2));
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed a usage error (and the command's usage) or the help asked for.
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR_EXIT;
  else if (error instanceof DeskError) process.stderr.write(`ddesk: ${error.code}: ${error.message}\n`);
  else process.stderr.write(`ddesk: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  if (!(error instanceof CommanderError)) process.exitCode = exitCodeFor(error);
}
