#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { setAuditedCommand } from '../audit/audit-session.ts';
import { DeskError, USAGE_ERROR_EXIT, exitCodeFor } from '../errors.ts';
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
import { registerHelpCommand } from './help-command.ts';
import { registerInitCommand } from './commands/init-command.ts';
import { endQuietlyOnClosedPipe } from './output.ts';
import { setProgressQuiet } from './progress.ts';

endQuietlyOnClosedPipe();
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const program = new Command('ddesk')
  .description('Disclosure Desk: screen, match, review, release and account for § 6103 disclosure requests')
  .version(version, '--version', 'print the version of ddesk')
  // Usage errors are thrown, not exited on, so that one place gives them their exit code (2).
  .exitOverride()
  .helpCommand(false)
  // Each command's --help lists the options every command takes (--db, --json, …) too.
  .configureHelp({ showGlobalOptions: true })
  .option('--db <file>', 'the desk database file, made by "ddesk init" (env DDESK_DB)', DEFAULT_DB)
  .option('--json', 'print the result as one JSON document on stdout (every command that prints)')
  .option(
    '--quiet',
    'no progress on stderr (a bar on a terminal; otherwise a plain line every 10 s, env DDESK_PROGRESS_SECONDS)',
  )
  .option(
    '--pg <url>',
    'keep the record (accounts, batches, decisions, ledger, audit) on PostgreSQL; --db is then the engine (reference, matching). serve and user only (env DDESK_PG_URL; the owner env DDESK_PG_OWNER_URL migrates)',
    process.env['DDESK_PG_URL'] || undefined,
  )
  .option(
    '--pg-schema <name>',
    'the schema of the record on PostgreSQL (env DDESK_PG_SCHEMA)',
    process.env['DDESK_PG_SCHEMA'] || 'ddesk',
  )
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
    // --json is declared once, here; every command reads it from its own options.
    if (program.opts<{ json?: boolean }>().json) command.setOptionValue('json', true);
    setProgressQuiet(program.opts<{ quiet?: boolean }>().quiet === true);
  });

registerInitCommand(program);

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
registerHelpCommand(program);

// One top-level catch sets the exit code (style.md: the Actual Budget model).
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commander has already printed a usage error (and the command's usage) or the help asked for.
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR_EXIT;
  else if (error instanceof DeskError) process.stderr.write(`ddesk: ${error.code}: ${error.message}\n`);
  else process.stderr.write(`ddesk: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  if (!(error instanceof CommanderError)) process.exitCode = exitCodeFor(error);
}
