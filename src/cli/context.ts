import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openAuditSession, recordCommandFailure } from '../audit/audit-session.ts';
import { systemClock, type Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { actorLabel, type Actor } from '../people/actor.ts';
import { identifyCliActor, operatingSystemAccount } from '../people/cli-actor.ts';
import { authorize, type Action, type Subject } from '../people/duties.ts';
import { busyDatabaseError, checkDeskDatabasePath } from './desk-database.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { PostgresStore } from '../store/postgres/postgres-store.ts';
import type { Store } from '../store/store.ts';

export interface GlobalOptions {
  db: string;
  /** A person named on a demo or test desk (src/people/cli-actor.ts); otherwise the OS account acts. */
  actor?: string;
  demoDesk?: boolean;
  json?: boolean;
  memoryLimit?: string;
  /** The record on PostgreSQL (src/store/postgres/open-record.ts); --db is then the engine. */
  pg?: string;
  pgSchema?: string;
}

/** DuckDB's own size syntax (4GB, 512MB, 1.5GiB), checked here so that a typo gets a clear error. */
export function memoryLimitOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value.trim()))
    throw new DeskError(
      'INVALID_INPUT',
      `--memory-limit must be a size such as 4GB or 512MB, not "${value}"`,
    );
  return value.trim();
}

export interface CommandContext {
  store: Store;
  clock: Clock;
  /** Who acts, as the audit trail names them (`os:alice`, or `asserted:alice (os:bob)`). */
  actor: string;
  /** Who acts, as an account with roles. */
  person: Actor;
  /** Refuses (NOT_AUTHORIZED, audited) unless the actor's roles allow the action (src/people/duties.ts). */
  authorize: (action: Action, subject?: Subject) => Promise<void>;
}

/**
 * Opens the store for one command and always closes it, whatever the command does. `--db` must
 * name an existing desk database unless the command creates one (`open: 'create'` may, `'new'`
 * must): see desk-database.ts.
 */
export async function withStore<T>(
  options: GlobalOptions,
  fn: (context: CommandContext) => Promise<T>,
  {
    open = 'existing',
    record = 'duckdb',
  }: {
    open?: 'existing' | 'create' | 'new';
    /** 'either': the command also runs on a record kept on PostgreSQL (--pg). */
    record?: 'duckdb' | 'either';
  } = {},
): Promise<T> {
  const memoryLimit = memoryLimitOption(options.memoryLimit);
  const pg = options.pg ? { url: options.pg, schema: options.pgSchema ?? 'ddesk' } : null;
  if (pg && record !== 'either')
    throw new DeskError(
      'INVALID_INPUT',
      'this command runs on the embedded desk database only; with --pg (a record on PostgreSQL) use the HTTP service, or ddesk user',
    );
  let store: Store;
  // The PostgreSQL driver loads only for a record kept there: every other command starts without it.
  if (pg) store = await (await import('../store/postgres/open-record.ts')).openPostgresRecord(pg);
  else {
    checkDeskDatabasePath(options.db, open);
    if (open !== 'existing') mkdirSync(path.dirname(path.resolve(options.db)), { recursive: true });
    try {
      store = await DuckDbStore.open(options.db, memoryLimit ? { memoryLimit } : {});
    } catch (error) {
      throw busyDatabaseError(error, options.db) ?? error;
    }
  }
  let person: Actor | undefined;
  try {
    await openAuditSession(store, systemClock, { db: options.db, interface: 'cli' });
    const clock = systemClock;
    person = await identifyCliActor(store, clock, {
      ...(options.actor === undefined ? {} : { assertedActor: options.actor }),
      demoDesk: options.demoDesk ?? false,
    });
    const who = person;
    return await fn({
      store,
      clock,
      actor: actorLabel(who),
      person: who,
      authorize: (action, subject) => authorize(store, clock, who, action, subject),
    });
  } catch (error) {
    // Publication 1075: a refused or failed command is an event too, though its transaction rolled back.
    await recordCommandFailure(
      store,
      systemClock,
      person ? actorLabel(person) : `os:${operatingSystemAccount()}`,
      error,
    );
    throw error;
  } finally {
    if (store.dialect === 'postgres') await (store as PostgresStore).end();
    else store.close();
  }
}
