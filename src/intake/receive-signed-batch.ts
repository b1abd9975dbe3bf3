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
 * Checks a signed manifest alone — signature, chain, signer authority, program — so that an entry
 * point receiving a large records file can refuse a bad manifest before storing a byte of it. A
 * refusal is audited as intake audits it; `receiveSignedBatch` checks the manifest again itself.
 */
export async function checkSignedManifest(
  store: Store,
  clock: Clock,
  input: { jws: string; trust: TrustConfig; actor: string },
): Promise<void> {
  try {
    const program = loadProgram(unverifiedProgramId(input.jws) ?? DEFAULT_PROGRAM_ID);
    await verifySignedManifest(input.jws, program, input.trust, clock.now());
  } catch (error) {
    await auditRefusal(store, clock, input.actor, error);
    throw error;
  }
}

async function auditRefusal(store: Store, clock: Clock, actor: string, error: unknown): Promise<void> {
  await appendAuditEvent(store, clock, {
    actor,
    action: 'batch.submit',
    batchId: null,
    outcome: 'refused',
    detail: {
      reason: redactForAudit((error as Error).message),
      code: error instanceof DeskError ? error.code : 'UNEXPECTED',
    },
  });
}

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
    if (!verified) await auditRefusal(store, clock, input.actor, error);
    throw error;
  }
}
