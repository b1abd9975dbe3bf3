import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { readCsvRecords, type FileDigest } from '../intake/read-records.ts';
import { normalizeRecord } from '../linkage/normalize/normalize-record.ts';
import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { REFERENCE_COLUMNS, REQUIRED_REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import type { SqlValue, Store } from '../store/store.ts';

export interface ReferenceLoadReceipt {
  rows: number;
  taxpayers: number;
  sha256: string;
}

/**
 * Loads a taxpayer reference file (one row per taxpayer per tax year), normalizing as it
 * streams, in one transaction. `replace` empties the reference first.
 */
export async function loadReference(
  store: Store,
  clock: Clock,
  input: { file: string; replace: boolean; actor: string },
  onProgress?: (rows: number) => void,
): Promise<ReferenceLoadReceipt> {
  const digest: FileDigest = { sha256: '', bytes: 0 };
  const receipt = await store.transaction(async (tx) => {
    if (input.replace) await tx.run('DELETE FROM reference_records');
    const rows = await tx.append('reference_records', referenceRows(input.file, digest, onProgress));
    const [count] = await tx.all<{ taxpayers: bigint }>(
      'SELECT count(DISTINCT taxpayer_id) AS taxpayers FROM reference_records',
    );
    await appendAuditEvent(tx, clock, {
      actor: input.actor,
      action: 'reference.load',
      outcome: 'success',
      detail: { file: input.file, rows, sha256: digest.sha256, replace: input.replace },
    });
    return { rows, taxpayers: Number(count?.taxpayers ?? 0), sha256: digest.sha256 };
  });
  return receipt;
}

async function* referenceRows(
  file: string,
  digest: FileDigest,
  onProgress?: (rows: number) => void,
): AsyncGenerator<SqlValue[]> {
  const spec = { columns: REFERENCE_COLUMNS, required: REQUIRED_REFERENCE_COLUMNS, strictColumns: false };
  for await (const { rowNumber, record } of readCsvRecords(file, spec, digest)) {
    if (!record.taxpayer_id.trim())
      throw new DeskError('MALFORMED_FILE', `${file}: row ${rowNumber}, column taxpayer_id: empty`, {
        row: rowNumber,
        column: 'taxpayer_id',
      });
    const year = record.tax_year.trim();
    if (year && !/^\d{4}$/.test(year))
      throw new DeskError(
        'MALFORMED_FILE',
        `${file}: row ${rowNumber}, column tax_year: "${year}" is not a year`,
        { row: rowNumber, column: 'tax_year' },
      );
    const normalized = normalizeRecord(record);
    yield [
      record.taxpayer_id,
      year ? Number(year) : null,
      ...REFERENCE_COLUMNS.slice(2).map((column) => record[column]),
      ...NORMALIZED_COLUMNS.map((column) => normalized[column]),
    ];
    if (rowNumber % 50_000 === 0) onProgress?.(rowNumber);
  }
}
