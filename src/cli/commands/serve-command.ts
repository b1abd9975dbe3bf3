import type { Command } from 'commander';
import path from 'node:path';
import { DeskError } from '../../errors.ts';
import { DEFAULT_KEYS_DIR } from '../../intake/signature/trust-config.ts';
import { DEFAULT_IDLE_MINUTES } from '../../service/accounts/sign-in.ts';
import { memoryLimitOption, type GlobalOptions } from '../context.ts';
import { busyDatabaseError, checkDeskDatabasePath } from '../desk-database.ts';
import { say } from '../output.ts';

function portOption(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new DeskError('INVALID_INPUT', `--port must be a port number (0-65535), not "${value}"`);
  return port;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'run the desk as an HTTP service: the API under /api, its OpenAPI document at /openapi.json, the reference page at /api/docs, the web app at /',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--web <dir>', 'the web app to serve at / when the folder exists', path.join('web', 'dist'))
    .option(
      '--keys <dir>',
      "trust configuration (agency-ca.pem) and the desk's response signing key",
      DEFAULT_KEYS_DIR,
    )
    .option('--out <dir>', 'where released responses are written', path.join('out', 'responses'))
    .option(
      '--session-idle <minutes>',
      'minutes a signed-in session may sit unused',
      String(DEFAULT_IDLE_MINUTES),
    )
    .addHelpText(
      'after',
      '\nThe service owns the database file while it runs: use the API (or stop the service) to work on it.\nSIGINT or SIGTERM stops it gracefully: requests in flight finish, then the database closes.\n\nWith --pg URL the record (accounts, batches, decisions, ledger, audit) is kept on PostgreSQL and\n--db is the engine: the taxpayer reference and matching. On PostgreSQL today: accounts, upload,\nbatches, screening, matching jobs, reviews (NO_RECORD), approval, release,\ndownload, the ledger list and the audit trail; not yet a confirmation by a reviewer (docs/storage.md).\n\nExamples:\n  ddesk serve --db out/desk.duckdb --port 8080\n  DDESK_PG_OWNER_URL=postgres://owner@db/ddesk ddesk --db out/engine.duckdb --pg postgres://app@db/ddesk serve',
    )
    .action(
      async (options: {
        host: string;
        port: string;
        web: string;
        keys: string;
        out: string;
        sessionIdle: string;
      }) => {
        const idleMinutes = Number(options.sessionIdle);
        if (!Number.isInteger(idleMinutes) || idleMinutes < 1 || idleMinutes > 24 * 60)
          throw new DeskError(
            'INVALID_INPUT',
            `--session-idle must be minutes (1-1440), not "${options.sessionIdle}"`,
          );
        const globals = program.opts<GlobalOptions>();
        const memoryLimit = memoryLimitOption(globals.memoryLimit);
        // The desk must exist (`ddesk init` creates it); another process holding it is DATABASE_BUSY.
        checkDeskDatabasePath(globals.db, 'existing');
        // Fastify and the routes load only here: every other command starts without them.
        const { startService } = await import('../../service/run-service.ts');
        const pg = globals.pg ? { url: globals.pg, schema: globals.pgSchema ?? 'ddesk' } : undefined;
        const service = await startService({
          db: globals.db,
          ...(pg ? { pg } : {}),
          host: options.host,
          port: portOption(options.port),
          webDir: options.web,
          keysDir: options.keys,
          responsesDir: options.out,
          idleMinutes,
          demoDesk: globals.demoDesk ?? false,
          logger: process.env['DDESK_HTTP_LOG'] === '1',
          ...(memoryLimit ? { memoryLimit } : {}),
        }).catch((error: unknown) => {
          throw busyDatabaseError(error, globals.db) ?? error;
        });
        const where = pg
          ? `the record in PostgreSQL schema ${pg.schema}, the engine ${globals.db}`
          : globals.db;
        say(`serving ${where} at ${service.url} (API reference: ${service.url}/api/docs)`);
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            say(`${signal}: finishing requests in flight, then closing the database`);
            service.stop().then(resolve, (error: unknown) => {
              process.stderr.write(`ddesk: stopping failed: ${String(error)}\n`);
              process.exitCode = 1;
              resolve();
            });
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        say('stopped');
      },
    );
}
