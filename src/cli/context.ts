import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../clock.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';

export const DEFAULT_DB = process.env['DDESK_DB'] ?? path.join('out', 'desk.duckdb');

export interface GlobalOptions {
  db: string;
  actor: string;
  json?: boolean;
}

export interface CommandContext {
  store: Store;
  clock: Clock;
  actor: string;
}

/** Opens the store for one command and always closes it, whatever the command does. */
export async function withStore<T>(
  options: GlobalOptions,
  fn: (context: CommandContext) => Promise<T>,
): Promise<T> {
  mkdirSync(path.dirname(path.resolve(options.db)), { recursive: true });
  const store = await DuckDbStore.open(options.db);
  try {
    return await fn({ store, clock: systemClock, actor: options.actor });
  } finally {
    store.close();
  }
}
