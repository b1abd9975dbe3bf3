import { appendAuditEvent } from '../audit/audit-log.ts';
import { redactForAudit } from '../audit/personal-data-guard.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../programs/program.ts';
import type { Store } from '../store/store.ts';
import type { TrustConfig } from './signature/trust-config.ts';
import { unverifiedProgramId, verifySignedManifest } from './signature/verify-signed-manifest.ts';
import { submitBatch, type SubmitReceipt } from './submit-batch.ts';

/**
 * Intake of a signed batch: the manifest's signature, chain and signer authority are verified
 * first; a refused batch leaves nothing but the audit event saying why. A verified batch is
 * streamed in (`submitBatch`: count, SHA-256, replay) and stands at `verified`.
 */
export async function receiveSignedBatch(
  store: Store,
  clock: Clock,
  input: {
    jws: string;
    recordsFile: string;
    trust: TrustConfig;
    actor: string;
  },
  onProgress?: (rows: number) => void,
): Promise<SubmitReceipt & { signer: string }> {
  let verified;
  try {
    const program = loadProgram(unverifiedProgramId(input.jws) ?? DEFAULT_PROGRAM_ID);
    verified = await verifySignedManifest(input.jws, program, input.trust, clock.now());
    const receipt = await submitBatch(
      store,
      clock,
      {
        manifest: verified.manifest,
        manifestJson: verified.manifestJson,
        recordsFile: input.recordsFile,
        program,
        actor: input.actor,
        verifyDigest: true,
        strictColumns: true,
        signer: verified.signer,
        manifestJws: input.jws.trim(),
      },
      onProgress,
    );
    return {
      ...receipt,
      signer: `${verified.signer.title} (${verified.signer.subject}, serial ${verified.signer.serialNumber})`,
    };
  } catch (error) {
    // submitBatch audits its own refusals; signature and authority refusals are audited here.
    if (!verified)
      await appendAuditEvent(store, clock, {
        actor: input.actor,
        action: 'batch.submit',
        batchId: null,
        outcome: 'refused',
        detail: {
          reason: redactForAudit((error as Error).message),
          code: error instanceof DeskError ? error.code : 'UNEXPECTED',
        },
      });
    throw error;
  }
}
