import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openAuditSession } from '../audit/audit-session.ts';
import { checkpointIfDue } from '../audit/checkpoint.ts';
import { loadOrCreateSigningKey, signingKeyFile } from '../audit/desk-signing-key.ts';
import { systemClock, type Clock } from '../clock.ts';
import { identifyCliActor } from '../people/cli-actor.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { DeskAccess } from './desk-access.ts';
import { MatchJobs } from './jobs/match-jobs.ts';
import { buildService, type DeskApp } from './server.ts';

export interface ServeOptions {
  db: string;
  host: string;
  port: number;
  webDir?: string;
  keysDir: string;
  responsesDir: string;
  idleMinutes?: number;
  memoryLimit?: string;
  demoDesk?: boolean;
  logger?: boolean;
  clock?: Clock;
}

export interface RunningService {
  app: DeskApp;
  url: string;
  /** Stops accepting, finishes the requests in flight, then closes the database. */
  stop(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the desk (creating it, with the operating-system account running the service as its
 * first admin, as the CLI does) and serves it. Events the service writes say `interface: http`.
 */
export async function startService(options: ServeOptions): Promise<RunningService> {
  const clock = options.clock ?? systemClock;
  mkdirSync(path.dirname(path.resolve(options.db)), { recursive: true });
  const store = await DuckDbStore.open(
    options.db,
    options.memoryLimit ? { memoryLimit: options.memoryLimit } : {},
  );
  const access = new DeskAccess(store);
  const jobs = new MatchJobs(access, store, clock);
  let app: DeskApp;
  try {
    await openAuditSession(store, clock, { db: options.db, interface: 'http' });
    await identifyCliActor(store, clock, { demoDesk: options.demoDesk ?? false });
    // A job the last process was running when it stopped is reported failed, not lost.
    await jobs.recover();
    app = await buildService({
      access,
      clock,
      jobs,
      dbFile: options.db,
      keysDir: options.keysDir,
      responsesDir: options.responsesDir,
      // Uploads wait beside the database, readable by the service's account only (umask 077).
      uploadsDir: `${options.db}.uploads`,
      ...(options.idleMinutes ? { idleMinutes: options.idleMinutes } : {}),
      ...(options.webDir ? { webDir: options.webDir } : {}),
      logger: options.logger ?? false,
    });
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    store.close();
    throw error;
  }
  // A service runs for days: the daily checkpoint is signed while it runs, not only at start.
  const signer = () => loadOrCreateSigningKey(signingKeyFile(options.db));
  const daily = setInterval(() => {
    access
      .exclusive((s) => checkpointIfDue(s, clock, signer))
      .catch((error: unknown) => {
        app.log.error(error, 'the daily checkpoint was not signed');
      });
  }, DAY_MS / 24);
  daily.unref();
  const address = app.server.address();
  const url =
    typeof address === 'object' && address
      ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
      : String(address);
  let stopping: Promise<void> | null = null;
  return {
    app,
    url,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(daily);
        await app.close();
        await jobs.stop();
        await access.idle();
        store.close();
      })()),
  };
}
