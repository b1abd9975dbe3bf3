import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock, type Clock } from '../clock.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { DeskAccess } from './desk-access.ts';
import { MatchJobs } from './jobs/match-jobs.ts';
import { buildService, type DeskApp } from './server.ts';

/** A service over an in-memory desk, for tests that call it with `app.inject` (no socket). */
export async function inMemoryService(clock: Clock = fixedClock('2026-03-02T12:00:00Z')): Promise<{
  app: DeskApp;
  store: DuckDbStore;
  access: DeskAccess;
  jobs: MatchJobs;
  close: () => Promise<void>;
}> {
  const store = await DuckDbStore.open(':memory:');
  const access = new DeskAccess(store);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-service-'));
  const jobs = new MatchJobs(access, store, clock);
  const app = await buildService({
    access,
    clock,
    jobs,
    dbFile: path.join(dir, 'desk.duckdb'),
    keysDir: path.join(dir, 'keys'),
    responsesDir: path.join(dir, 'responses'),
    uploadsDir: path.join(dir, 'uploads'),
  });
  await app.ready();
  return {
    app,
    store,
    access,
    jobs,
    close: async () => {
      await app.close();
      await jobs.stop();
      store.close();
    },
  };
}
