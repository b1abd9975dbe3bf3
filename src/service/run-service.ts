import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openAuditSession } from '../audit/audit-session.ts';
import { checkpointIfDue } from '../audit/checkpoint.ts';
import { loadOrCreateSigningKey, signingKeyFile } from '../audit/desk-signing-key.ts';
import { systemClock, type Clock } from '../clock.ts';
import { identifyCliActor } from '../people/cli-actor.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { openPostgresRecord, type PostgresRecord } from '../store/postgres/open-record.ts';
import type { PostgresStore } from '../store/postgres/postgres-store.ts';
import type { Store } from '../store/store.ts';
import { DeskAccess } from './desk-access.ts';
import { MatchJobs } from './jobs/match-jobs.ts';
import { buildService, type DeskApp } from './server.ts';

export interface ServeOptions {
  /** The embedded database: the whole desk, or with `pg` the engine (taxpayer reference, matching). */
  db: string;
  /** The record (accounts, batches, decisions, ledger, audit) on PostgreSQL instead of in `db`. */
  pg?: PostgresRecord;
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
  /** The record's access queue (tests hold it to keep a request in flight). */
  access: DeskAccess;
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
  const engine = await DuckDbStore.open(
    options.db,
    options.memoryLimit ? { memoryLimit: options.memoryLimit } : {},
  );
  let store: Store = engine;
  // With the record apart, the reference is read on a connection of its own (DuckDB's MVCC: matching
  // on the engine's main connection does not stop it).
  let reference: DuckDbStore | null = null;
  if (options.pg)
    try {
      reference = await engine.connect();
      store = await openPostgresRecord(options.pg);
    } catch (error) {
      reference?.close();
      engine.close();
      throw error;
    }
  const access = new DeskAccess(store);
  const jobs = new MatchJobs(access, engine, clock);
  const closeAll = async () => {
    if (store !== engine) await (store as PostgresStore).end();
    reference?.close();
    engine.close();
  };
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
      ...(reference ? { reference } : {}),
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
    await closeAll();
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
    access,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(daily);
        // A connection kept alive after its request in flight was answered would hold the close
        // until the client let go (a minute or more): close each as soon as it is idle.
        const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
        try {
          await app.close();
        } finally {
          clearInterval(sweep);
        }
        await jobs.stop();
        await access.idle();
        await closeAll();
      })()),
  };
}
