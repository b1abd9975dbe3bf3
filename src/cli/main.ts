#!/usr/bin/env node
import { Command } from 'commander';
import { setAuditedCommand } from '../audit/audit-session.ts';
import { DeskError, exitCodeFor } from '../errors.ts';
import { registerAuditCommand } from './commands/audit-command.ts';
import { registerBatchCommand } from './commands/batch-command.ts';
import { registerBenchCommand } from './commands/bench-command.ts';
import { registerDemoCommand } from './commands/demo-command.ts';
import { registerExplainCommand } from './commands/explain-command.ts';
import { registerKeysCommand } from './commands/keys-command.ts';
import { registerLedgerCommand } from './commands/ledger-command.ts';
import { registerProgramCommand } from './commands/program-command.ts';
import { registerReferenceCommand } from './commands/reference-command.ts';
import { registerResponseCommand } from './commands/response-command.ts';
import { registerRetentionCommand } from './commands/retention-command.ts';
import { registerReviewCommand } from './commands/review-command.ts';
import { registerRolesCommand } from './commands/roles-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerSynthCommand } from './commands/synth-command.ts';
import { registerUserCommand } from './commands/user-command.ts';
import { DEFAULT_DB } from './context.ts';

const program = new Command('ddesk')
  .description('Disclosure Desk: screen, match, review, release and account for § 6103 disclosure requests')
  .option('--db <file>', 'the DuckDB database file (env DDESK_DB)', DEFAULT_DB)
  .option(
    '--memory-limit <size>',
    'cap on DuckDB memory, e.g. 4GB; past it DuckDB spills to disk (env DDESK_MEMORY_LIMIT; default: 80% of RAM)',
    process.env['DDESK_MEMORY_LIMIT'],
  )
  .option(
    '--actor <name>',
    'demo and test desks only: act as this person (audited as asserted; env DDESK_ACTOR). Otherwise the operating-system account acts',
    process.env['DDESK_ACTOR'] || undefined,
  )
  .option(
    '--demo-desk',
    'when this command creates the database, make it a demo or test desk, on which --actor may name people (env DDESK_DEMO_DESK=1)',
    process.env['DDESK_DEMO_DESK'] === '1',
  )
  .showHelpAfterError()
  // The audit log names the command that failed (never its arguments: a TIN may be one).
  .hook('preAction', (_root, command) => {
    const names: string[] = [];
    for (let c: Command | null = command; c && c !== program; c = c.parent) names.unshift(c.name());
    setAuditedCommand(names.join(' '), command.args);
  });

registerRolesCommand(program);
registerReferenceCommand(program);
registerKeysCommand(program);
registerBatchCommand(program);
registerExplainCommand(program);
registerReviewCommand(program);
registerResponseCommand(program);
registerAuditCommand(program);
registerLedgerCommand(program);
registerRetentionCommand(program);
registerProgramCommand(program);
registerServeCommand(program);
registerUserCommand(program);
registerSynthCommand(program);
registerBenchCommand(program);
registerDemoCommand(program);

// One top-level catch sets the exit code (style.md: the Actual Budget model).
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof DeskError) process.stderr.write(`ddesk: ${error.code}: ${error.message}\n`);
  else process.stderr.write(`ddesk: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = exitCodeFor(error);
}
