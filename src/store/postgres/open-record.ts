import { grantApplicationRole, PostgresStore } from './postgres-store.ts';

/** Where a deployment keeps its record on PostgreSQL (`ddesk --pg URL [--pg-schema S]`). */
export interface PostgresRecord {
  /** The application's connection (its least-privilege role). */
  url: string;
  schema: string;
  /**
   * The owner's connection (env DDESK_PG_OWNER_URL), when this process may bring the schema up to
   * date: it migrates, then grants the application's role (the user of `url`) what it needs.
   */
  ownerUrl?: string;
}

export const PG_OWNER_URL_ENV = 'DDESK_PG_OWNER_URL';

/**
 * Opens the record, migrating it first when the owner's connection is given (`ownerUrl`, or
 * $DDESK_PG_OWNER_URL).
 */
export async function openPostgresRecord(given: PostgresRecord): Promise<PostgresStore> {
  const ownerUrl = given.ownerUrl ?? process.env[PG_OWNER_URL_ENV];
  const record = { ...given, ...(ownerUrl ? { ownerUrl } : {}) };
  if (record.ownerUrl) {
    const owner = await PostgresStore.open(record.ownerUrl, { schema: record.schema, migrate: true });
    try {
      const appRole = decodeURIComponent(new URL(record.url).username);
      if (appRole && appRole !== decodeURIComponent(new URL(record.ownerUrl).username))
        await grantApplicationRole(owner, record.schema, appRole);
    } finally {
      await owner.end();
    }
  }
  return PostgresStore.open(record.url, { schema: record.schema });
}
