import { createHash } from 'node:crypto';
import { REFERENCE_ROWS_TABLE } from '../reference/reference-tables.ts';
import type { Store } from '../store/store.ts';
import { BLOCKING_PASSES } from './blocking-keys.ts';
import {
  referenceBlockingSql,
  STORED_REFERENCE_BLOCKING,
  TEMPORARY_REFERENCE_BLOCKING,
  type ReferenceBlockingTables,
} from './blocking-sql.ts';

/**
 * The reference side of blocking, built once per loaded reference instead of once per match: the
 * reference's profiles, their level-0 keys and each key's taxpayers depend on the reference and on
 * the passes' definitions only, never on a batch. A match then builds its requests' keys, reads the
 * block sizes from the stored counts and joins (blocking-passes.ts). The load pays for it once per
 * reference (a program matches many batches against one annual reference).
 *
 * What the stored tables were built from is recorded beside them (migration 130): a digest of the
 * statements that built them (the passes' keys, the profile columns) and the reference's row
 * count. A match whose reference or passes differ from that record builds the same tables as
 * temporary ones for itself, so a desk loaded before this, or a reference changed some other
 * way, is matched exactly as before, only at the old cost.
 */
export const REFERENCE_BLOCKING_STATE_TABLE = 'reference_block_state';

const buildStatements = (tables: ReferenceBlockingTables, temporary: boolean) =>
  referenceBlockingSql(BLOCKING_PASSES, tables, temporary);

/** The digest of the statements that build the stored tables: it changes with any pass or profile column. */
export function referenceBlockingDigest(): string {
  return createHash('sha256')
    .update(buildStatements(STORED_REFERENCE_BLOCKING, false).join('\n;\n'))
    .digest('hex');
}

async function referenceRows(store: Store): Promise<number> {
  const [row] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${REFERENCE_ROWS_TABLE}`);
  return Number(row?.n ?? 0);
}

/**
 * Builds the stored tables from the reference as it stands, and records what they were built from.
 * Call it in the transaction that changed the reference (the load), after the rows are in.
 */
export async function buildReferenceBlocking(
  tx: Store,
  onProgress?: (progress: { phase: string; done: number; total: number }) => void,
): Promise<void> {
  const statements = buildStatements(STORED_REFERENCE_BLOCKING, false);
  for (const [done, sql] of statements.entries()) {
    onProgress?.({ phase: 'blocking table', done, total: statements.length });
    await tx.run(sql);
  }
  onProgress?.({ phase: 'blocking table', done: statements.length, total: statements.length });
  await tx.run(`DELETE FROM ${REFERENCE_BLOCKING_STATE_TABLE}`);
  await tx.run(`INSERT INTO ${REFERENCE_BLOCKING_STATE_TABLE} VALUES ($1, $2)`, [
    referenceBlockingDigest(),
    await referenceRows(tx),
  ]);
}

/** Whether the stored tables were built from this reference by these passes. */
export async function storedReferenceBlockingFits(store: Store): Promise<boolean> {
  const [state] = await store.all<{ digest: string; reference_rows: bigint }>(
    `SELECT digest, reference_rows FROM ${REFERENCE_BLOCKING_STATE_TABLE}`,
  );
  return (
    state !== undefined &&
    state.digest === referenceBlockingDigest() &&
    Number(state.reference_rows) === (await referenceRows(store))
  );
}

/**
 * The reference's blocking tables for a match: the stored ones where they fit the reference,
 * otherwise the same tables built now as temporary ones (dropped with the match's work tables).
 */
export async function referenceBlockingTables(store: Store): Promise<ReferenceBlockingTables> {
  if (await storedReferenceBlockingFits(store)) return STORED_REFERENCE_BLOCKING;
  for (const sql of buildStatements(TEMPORARY_REFERENCE_BLOCKING, true)) await store.run(sql);
  return TEMPORARY_REFERENCE_BLOCKING;
}
