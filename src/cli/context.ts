import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { actorLabel, type Actor } from '../people/actor.ts';
import { identifyCliActor } from '../people/cli-actor.ts';
import { authorize, type Action, type Subject } from '../people/duties.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';

export const DEFAULT_DB = process.env['DDESK_DB'] ?? path.join('out', 'desk.duckdb');

export interface GlobalOptions {
  db: string;
  /** A person named on a demo or test desk (src/people/cli-actor.ts); otherwise the OS account acts. */
  actor?: string;
  demoDesk?: boolean;
  json?: boolean;
  memoryLimit?: string;
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

/** Opens the store for one command and always closes it, whatever the command does. */
export async function withStore<T>(
  options: GlobalOptions,
  fn: (context: CommandContext) => Promise<T>,
): Promise<T> {
  mkdirSync(path.dirname(path.resolve(options.db)), { recursive: true });
  const memoryLimit = memoryLimitOption(options.memoryLimit);
  const store = await DuckDbStore.open(options.db, memoryLimit ? { memoryLimit } : {});
  try {
    const clock = systemClock;
    const person = await identifyCliActor(store, clock, {
      ...(options.actor === undefined ? {} : { assertedActor: options.actor }),
      demoDesk: options.demoDesk ?? false,
    });
    return await fn({
      store,
      clock,
      actor: actorLabel(person),
      person,
      authorize: (action, subject) => authorize(store, clock, person, action, subject),
    });
  } finally {
    store.close();
  }
}
