import { assertCoverageIntact, noteStageChange } from '../audit/row-coverage.ts';
import { DeskError } from '../errors.ts';
import type { Store } from '../store/store.ts';

/** The stages a batch moves through (design.md, "The pipeline"), in order. */
export const STAGES = [
  'received',
  'verified',
  'screened',
  'matched',
  'reviewed',
  'approved',
  'released',
  'purged',
] as const;
export type Stage = (typeof STAGES)[number];

export interface BatchRow {
  batch_id: string;
  program_id: string;
  program_version: string;
  requesting_agency: string;
  requesting_official: string;
  signer_title: string | null;
  signer_subject: string | null;
  statutory_authority: string | null;
  attestation: string | null;
  record_count: number;
  records_sha256: string;
  manifest_json: string;
  manifest_jws: string | null;
  stage: Stage;
  received_at: string;
  updated_at: string;
}

export async function getBatch(store: Store, batchId: string): Promise<BatchRow> {
  const [batch] = await store.all<BatchRow>(
    'SELECT * EXCLUDE (received_at, updated_at), CAST(received_at AS VARCHAR) AS received_at, CAST(updated_at AS VARCHAR) AS updated_at FROM batches WHERE batch_id = $1',
    [batchId],
  );
  if (!batch) throw new DeskError('NOT_FOUND', `no batch ${batchId}`);
  return { ...batch, record_count: Number(batch.record_count) };
}

/** Moves a batch to `to`, refusing unless it stands at one of `from` (no skipping a stage). */
export async function advanceStage(
  store: Store,
  batchId: string,
  from: readonly Stage[],
  to: Stage,
  at: string,
): Promise<void> {
  const batch = await getBatch(store, batchId);
  // A stage set by hand in the database (a released batch put back to approved) must not count.
  await assertCoverageIntact(store, 'batches', batchId);
  if (!from.includes(batch.stage))
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${batchId} is ${batch.stage}; it must be ${from.join(' or ')} to become ${to}`,
    );
  await store.run('UPDATE batches SET stage = $2, updated_at = $3::TIMESTAMP WHERE batch_id = $1', [
    batchId,
    to,
    at,
  ]);
  noteStageChange(batchId);
}
