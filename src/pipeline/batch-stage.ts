import { assertCoverageIntact, noteStageChange } from '../audit/row-coverage.ts';
import { DeskError } from '../errors.ts';
import { BatchRepository, type BatchRow, type Stage } from '../store/repositories/batch-repository.ts';
import type { Store } from '../store/store.ts';

export { STAGES, type BatchRow, type Stage } from '../store/repositories/batch-repository.ts';

export async function getBatch(store: Store, batchId: string): Promise<BatchRow> {
  return new BatchRepository(store).get(batchId);
}

/** Moves a batch to `to`, refusing unless it stands at one of `from` (no skipping a stage). */
export async function advanceStage(
  store: Store,
  batchId: string,
  from: readonly Stage[],
  to: Stage,
  at: string,
): Promise<void> {
  const batches = new BatchRepository(store);
  const batch = await batches.get(batchId);
  // A stage set by hand in the database (a released batch put back to approved) must not count.
  await assertCoverageIntact(store, 'batches', batchId);
  if (!from.includes(batch.stage))
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${batchId} is ${batch.stage}; it must be ${from.join(' or ')} to become ${to}`,
    );
  await batches.setStage(batchId, to, at);
  noteStageChange(batchId);
}
