import { randomBytes } from 'node:crypto';
import { DeskAccess } from '../service/desk-access.ts';
import { DuckDbStore } from './duckdb/duckdb-store.ts';
import { grantApplicationRole, PostgresStore } from './postgres/postgres-store.ts';
import type { Store } from './store.ts';

/**
 * Every adapter of the Store interface, for the suites that run against each (style.md: the Kysely
 * model, test-setup.ts): embedded DuckDB always, PostgreSQL when a server is given
 * (DDESK_TEST_PG_OWNER_URL and DDESK_TEST_PG_APP_URL; `eval "$(.ci/start-postgres)"` starts one).
 * Each PostgreSQL run gets its own schema, migrated by the owner role and used by the
 * least-privilege application role, and dropped afterwards.
 */
export const PG_OWNER_URL = process.env['DDESK_TEST_PG_OWNER_URL'];
export const PG_APP_URL = process.env['DDESK_TEST_PG_APP_URL'];

/** How one process lets many users write: DuckDB's one connection through DeskAccess; PostgreSQL as is. */
export type Concurrently = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;

export interface OpenedAdapter {
  store: Store;
  /** PostgreSQL: the owner's connection to the same schema (it migrated it; the application is not it). */
  owner?: Store;
  dispose: () => Promise<void>;
  concurrently: Concurrently;
}

export interface Adapter {
  name: 'duckdb' | 'postgres';
  open(): Promise<OpenedAdapter>;
}

export function storeAdapters(suite: string): Adapter[] {
  const adapters: Adapter[] = [
    {
      name: 'duckdb',
      open: async () => {
        const store = await DuckDbStore.open(':memory:');
        const access = new DeskAccess(store);
        return {
          store,
          dispose: () => Promise.resolve(store.close()),
          concurrently: (fn) => access.exclusive(fn),
        };
      },
    },
  ];
  const owner = PG_OWNER_URL;
  const app = PG_APP_URL;
  if (owner && app)
    adapters.push({
      name: 'postgres',
      open: async () => {
        const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
        const ownerStore = await PostgresStore.open(owner, { schema, migrate: true });
        await grantApplicationRole(ownerStore, schema, 'ddesk_app');
        const store = await PostgresStore.open(app, { schema });
        return {
          store,
          owner: ownerStore,
          concurrently: (fn) => fn(store),
          dispose: async () => {
            await store.end();
            await ownerStore.run(`DROP SCHEMA ${schema} CASCADE`);
            await ownerStore.end();
          },
        };
      },
    });
  else
    process.stderr.write(
      `${suite}: PostgreSQL skipped (no DDESK_TEST_PG_OWNER_URL/DDESK_TEST_PG_APP_URL; eval "$(.ci/start-postgres)" starts one)\n`,
    );
  return adapters;
}
