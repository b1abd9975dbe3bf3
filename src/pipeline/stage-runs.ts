import type { Clock } from '../clock.ts';
import { isoDate } from '../clock.ts';
import { screenBatch, type ScreeningSummary } from '../policy/screen-batch.ts';
import { loadProgram } from '../programs/program.ts';
import type { Store } from '../store/store.ts';
import { advanceStage, getBatch } from './batch-stage.ts';

/**
 * Screening as the CLI and the HTTP service run it: the batch moves from verified to screened in
 * the same transaction as its screening decisions and audit event.
 */
export async function screenVerifiedBatch(
  store: Store,
  clock: Clock,
  input: { batchId: string; asOf?: string; actor: string },
  onProgress?: (rows: number) => void,
): Promise<ScreeningSummary> {
  const row = await getBatch(store, input.batchId);
  const program = loadProgram(row.program_id);
  return store.transaction(async (tx) => {
    await advanceStage(tx, input.batchId, ['verified'], 'screened', clock.now().toISOString());
    return screenBatch(
      tx,
      clock,
      {
        batchId: input.batchId,
        program,
        asOf: input.asOf ?? isoDate(clock.now()),
        attestation: row.attestation ?? '',
        actor: input.actor,
      },
      onProgress,
    );
  });
}
