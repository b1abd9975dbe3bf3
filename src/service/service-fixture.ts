import { fixedClock, type Clock } from '../clock.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { DeskAccess } from './desk-access.ts';
import { buildService, type DeskApp } from './server.ts';

/** A service over an in-memory desk, for tests that call it with `app.inject` (no socket). */
export async function inMemoryService(
  clock: Clock = fixedClock('2026-03-02T12:00:00Z'),
): Promise<{ app: DeskApp; store: DuckDbStore; access: DeskAccess; close: () => Promise<void> }> {
  const store = await DuckDbStore.open(':memory:');
  const access = new DeskAccess(store);
  const app = await buildService({ access, clock });
  await app.ready();
  return {
    app,
    store,
    access,
    close: async () => {
      await app.close();
      store.close();
    },
  };
}
