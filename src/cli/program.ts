import { Command, Help } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { registerHelpCommand } from './help-command.ts';

export const DEFAULT_DB = process.env['DDESK_DB'] ?? path.join('out', 'desk.duckdb');

type Register = (program: Command) => void;

/**
 * The commands, in the order the help lists them. Each command's module (and what it imports: the
 * database engine, the matcher, the HTTP server…) is imported only when that command runs: loading
 * every module cost each command about half a CPU second before it did anything. The top-level help
 * lists every command by `term` and `description`, which must read exactly as the command's own
 * registration gives them (program.test.ts compares the two helps).
 */
export const COMMANDS: readonly {
  name: string;
  term: string;
  description: string;
  load: () => Promise<Register>;
}[] = [
  {
    name: 'init',
    term: 'init',
    description:
      'create a new, empty desk database at --db (encrypted at rest; the account running it becomes its admin)',
    load: async () => (await import('./commands/init-command.ts')).registerInitCommand,
  },
  {
    name: 'roles',
    term: 'roles',
    description:
      'who holds which role (intake-clerk, reviewer, disclosure-officer, auditor, admin, agency-client); administered by an admin, every change audited',
    load: async () => (await import('./commands/roles-command.ts')).registerRolesCommand,
  },
  {
    name: 'reference',
    term: 'reference',
    description: 'the taxpayer reference data',
    load: async () => (await import('./commands/reference-command.ts')).registerReferenceCommand,
  },
  {
    name: 'keys',
    term: 'keys',
    description: 'the signing PKI: a SYNTHETIC TEST agency CA and signers, verification',
    load: async () => (await import('./commands/keys-command.ts')).registerKeysCommand,
  },
  {
    name: 'batch',
    term: 'batch',
    description: 'move a request batch through the pipeline',
    load: async () => (await import('./commands/batch-command.ts')).registerBatchCommand,
  },
  {
    name: 'explain',
    term: 'explain <batchId> <requestId>',
    description: 'why a request got its outcome: each field’s weight, the total, the candidates',
    load: async () => (await import('./commands/explain-command.ts')).registerExplainCommand,
  },
  {
    name: 'review',
    term: 'review',
    description:
      'requests the matcher could not decide: the queue, each side by side, audited searches, decisions',
    load: async () => (await import('./commands/review-command.ts')).registerReviewCommand,
  },
  {
    name: 'response',
    term: 'response',
    description: 'the signed response files the desk releases, as the requesting agency receives them',
    load: async () => (await import('./commands/response-command.ts')).registerResponseCommand,
  },
  {
    name: 'audit',
    term: 'audit',
    description: 'the audit log: a Merkle log of every event, its signed checkpoints and proofs',
    load: async () => (await import('./commands/audit-command.ts')).registerAuditCommand,
  },
  {
    name: 'ledger',
    term: 'ledger',
    description: 'the § 6103(p)(3) accounting of disclosures',
    load: async () => (await import('./commands/ledger-command.ts')).registerLedgerCommand,
  },
  {
    name: 'retention',
    term: 'retention',
    description:
      "request data kept only for the program's period after release; the ledger and audit log stay",
    load: async () => (await import('./commands/retention-command.ts')).registerRetentionCommand,
  },
  {
    name: 'program',
    term: 'program',
    description: 'program definitions (statute as code)',
    load: async () => (await import('./commands/program-command.ts')).registerProgramCommand,
  },
  {
    name: 'serve',
    term: 'serve [options]',
    description:
      'run the desk as an HTTP service: the API under /api, its OpenAPI document at /openapi.json, the reference page at /api/docs, the web app at /',
    load: async () => (await import('./commands/serve-command.ts')).registerServeCommand,
  },
  {
    name: 'user',
    term: 'user',
    description: "the HTTP service's accounts: people with passwords, agency clients with API tokens (admin)",
    load: async () => (await import('./commands/user-command.ts')).registerUserCommand,
  },
  {
    name: 'synth',
    term: 'synth [options]',
    description:
      'write a synthetic program-mode benchmark folder: a taxpayer reference (several tax years, households, moves, Jr/Sr, SSN- and ITIN-style TINs), request records with realistic variations and defects, and their ground truth',
    load: async () => (await import('./commands/synth-command.ts')).registerSynthCommand,
  },
  {
    name: 'bench',
    term: 'bench [options] <dir>',
    description:
      'score the desk, exact matching and the 2025 rule on a benchmark folder (format: ../shared/datasets/README.md)',
    load: async () => (await import('./commands/bench-command.ts')).registerBenchCommand,
  },
  {
    name: 'demo',
    term: 'demo [options]',
    description: 'run the whole pipeline on fresh synthetic data (a few seconds) and show what happened',
    load: async () => (await import('./commands/demo-command.ts')).registerDemoCommand,
  },
];

/** The options every command takes (declared on the program; each command's --help shows them too). */
function addGlobalOptions(command: Command): Command {
  return command
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
    );
}

/**
 * The command the arguments (after `node main.ts`) run, read by commander's own option parser on a
 * probe with the program's options: the first operand once the program's options are consumed,
 * which is where commander dispatches. `undefined` when there is none (the program's help, a
 * usage error, --version).
 */
export function invokedCommand(args: readonly string[]): string | undefined {
  const probe = addGlobalOptions(new Command('ddesk'))
    .option('--version')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined, outputError: () => undefined });
  try {
    return probe.parseOptions([...args]).operands[0];
  } catch {
    return undefined;
  }
}

/**
 * The ddesk program for these arguments: the command they run is registered in full (its module
 * imported), every other one by its name, usage and description only, which is all the
 * program's help and its usage errors show. `help <command>…` walks the commands it names, so it
 * registers them all in full, and so does `everything` (the tests compare the two helps).
 */
export async function buildProgram(
  args: readonly string[],
  options: { everything?: boolean } = {},
): Promise<Command> {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const summaryTerms = new WeakMap<Command, string>();
  const program = addGlobalOptions(
    new Command('ddesk')
      .description(
        'Disclosure Desk: screen, match, review, release and account for § 6103 disclosure requests',
      )
      .version(version, '--version', 'print the version of ddesk')
      // Usage errors are thrown, not exited on, so that one place gives them their exit code (2).
      .exitOverride()
      .helpCommand(false)
      // Each command's --help lists the options every command takes (--db, --json, …) too.
      .configureHelp({
        showGlobalOptions: true,
        subcommandTerm(this: Help, command: Command) {
          return summaryTerms.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
        },
      }),
  )
    .showHelpAfterError()
    // The audit log names the command that failed (never its arguments: a TIN may be one).
    .hook('preAction', async (_root, command) => {
      const names: string[] = [];
      for (let c: Command | null = command; c && c !== program; c = c.parent) names.unshift(c.name());
      const [{ setAuditedCommand }, { setProgressQuiet }] = await Promise.all([
        import('../audit/audit-session.ts'),
        import('./progress.ts'),
      ]);
      setAuditedCommand(names.join(' '), command.args);
      // --json is declared once, here; every command reads it from its own options.
      if (program.opts<{ json?: boolean }>().json) command.setOptionValue('json', true);
      setProgressQuiet(program.opts<{ quiet?: boolean }>().quiet === true);
    });

  const invoked = invokedCommand(args);
  const everything = options.everything === true || invoked === 'help';
  for (const command of COMMANDS) {
    if (everything || command.name === invoked) (await command.load())(program);
    else summaryTerms.set(program.command(command.name).description(command.description), command.term);
  }
  registerHelpCommand(program);
  return program;
}
