import { appendAuditEvent } from '../audit/audit-log.ts';
import { redactForAudit } from '../audit/personal-data-guard.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { normalizeRecord } from '../linkage/normalize/normalize-record.ts';
import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import type { Program } from '../programs/program.ts';
import { BatchRepository } from '../store/repositories/batch-repository.ts';
import type { SqlValue, Store } from '../store/store.ts';
import type { Manifest } from './manifest.ts';
import { readCsvRecords, type FileDigest } from './read-records.ts';
import { REQUEST_COLUMNS, REQUEST_FILE_SPEC, checkRequestCharacters } from './request-record.ts';

export interface SubmitInput {
  manifest: Manifest;
  manifestJson: string;
  recordsFile: string;
  program: Program;
  actor: string;
  /** Intake checks the manifest's hash and count; benchmarks load folders that have no manifest. */
  verifyDigest: boolean;
  /** Intake refuses unknown columns; benchmark folders may carry extra ones, which are ignored. */
  strictColumns: boolean;
  /** The verified signer of the manifest; a signed batch stands at `verified`, not `received`. */
  signer?: { subject: string; serialNumber: string; title: string; fingerprint256: string };
  /** The signed manifest as received, kept as evidence of the written request. */
  manifestJws?: string;
}

export interface SubmitReceipt {
  batchId: string;
  records: number;
  sha256: string;
}

/**
 * Streams a records file into the store as a new batch, in one transaction: either every record
 * is stored and the batch is `received`, or nothing is (a malformed row, a wrong count or hash,
 * a reused batch id) and only the audit event of the refusal remains.
 */
export async function submitBatch(
  store: Store,
  clock: Clock,
  input: SubmitInput,
  onProgress?: (rows: number) => void,
): Promise<SubmitReceipt> {
  const { manifest } = input;
  try {
    const receipt = await store.transaction(async (tx) => {
      const batches = new BatchRepository(tx);
      if (await batches.find(manifest.batch_id))
        throw new DeskError(
          'REPLAY',
          `batch id ${manifest.batch_id} was already submitted; a batch id is used once`,
        );
      // Replay by content: the same records under a new batch id would be answered (and disclosed) again.
      if (input.verifyDigest) await refuseReceivedContent(batches, manifest.records_sha256);
      const digest: FileDigest = { sha256: '', bytes: 0 };
      const rows = requestRows(manifest.batch_id, input.recordsFile, input.strictColumns, digest, onProgress);
      const records = await batches.appendRequests(rows);
      if (input.verifyDigest) {
        if (records !== manifest.record_count)
          throw new DeskError(
            'MANIFEST_MISMATCH',
            `the manifest says ${manifest.record_count} records, the file has ${records}`,
          );
        if (digest.sha256 !== manifest.records_sha256)
          throw new DeskError(
            'MANIFEST_MISMATCH',
            `the records file's SHA-256 is ${digest.sha256}, the manifest says ${manifest.records_sha256}`,
          );
      }
      // The first row that reuses an id, and the row that used it first.
      const duplicate = await batches.firstReusedRequestId(manifest.batch_id);
      if (duplicate)
        throw new DeskError(
          'MALFORMED_FILE',
          `${input.recordsFile}: row ${duplicate.againRow}, column request_id: ${duplicate.requestId} was already used on row ${duplicate.firstRow}; each request needs its own id`,
          { row: duplicate.againRow, column: 'request_id' },
        );
      await batches.insert({
        batchId: manifest.batch_id,
        programId: input.program.id,
        programVersion: input.program.version,
        requestingAgency: manifest.requesting_agency,
        requestingOfficial: manifest.requesting_official,
        statutoryAuthority: manifest.statutory_authority,
        attestation: manifest.attestation,
        recordCount: records,
        recordsSha256: digest.sha256,
        manifestJson: input.manifestJson,
        stage: input.signer ? 'verified' : 'received',
        receivedAt: clock.now().toISOString(),
        signer: input.signer ?? null,
        manifestJws: input.manifestJws ?? null,
      });
      await appendAuditEvent(tx, clock, {
        actor: input.actor,
        action: 'batch.submit',
        batchId: manifest.batch_id,
        outcome: 'success',
        description: `received batch ${manifest.batch_id}: ${records} request records`,
        covers: [{ table: 'requests', batchId: manifest.batch_id }],
        detail: {
          records,
          sha256: digest.sha256,
          programId: input.program.id,
          programVersion: input.program.version,
          signer: input.signer ?? null,
        },
      });
      return { batchId: manifest.batch_id, records, sha256: digest.sha256 };
    });
    return receipt;
  } catch (error) {
    // The refusal itself is audited, outside the rolled-back transaction.
    await appendAuditEvent(store, clock, {
      actor: input.actor,
      action: 'batch.submit',
      batchId: manifest.batch_id,
      outcome: 'refused',
      detail: {
        // An error may quote the records file (a malformed TIN): digit runs are masked.
        reason: redactForAudit((error as Error).message),
        code: error instanceof DeskError ? error.code : 'UNEXPECTED',
      },
    });
    throw error;
  }
}

/** Refuses a records file whose SHA-256 a batch already on the desk was received with. */
async function refuseReceivedContent(batches: BatchRepository, sha256: string): Promise<void> {
  const earlier = await batches.receivedWith(sha256);
  if (earlier)
    throw new DeskError(
      'REPLAY',
      `these records (SHA-256 ${sha256}) were already received as batch ${earlier.batchId} on ${earlier.receivedAt}; the same requests are answered once, whatever the batch id`,
      { earlierBatchId: earlier.batchId },
    );
}

async function* requestRows(
  batchId: string,
  file: string,
  strictColumns: boolean,
  digest: FileDigest,
  onProgress?: (rows: number) => void,
): AsyncGenerator<SqlValue[]> {
  const spec = { ...REQUEST_FILE_SPEC, strictColumns };
  for await (const { rowNumber, record } of readCsvRecords(file, spec, digest)) {
    if (!record.request_id.trim())
      throw new DeskError('MALFORMED_FILE', `${file}: row ${rowNumber}, column request_id: empty`, {
        row: rowNumber,
        column: 'request_id',
      });
    checkRequestCharacters(file, rowNumber, record);
    const normalized = normalizeRecord(record);
    yield [
      batchId,
      rowNumber,
      ...REQUEST_COLUMNS.map((column) => record[column]),
      ...NORMALIZED_COLUMNS.map((column) => normalized[column]),
    ];
    if (rowNumber % 10_000 === 0) onProgress?.(rowNumber);
  }
}
