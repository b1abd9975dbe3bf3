import type { FileDigest } from '../read-records.ts';
import { readCsvRecords } from '../read-records.ts';
import { REQUEST_COLUMNS, REQUIRED_REQUEST_COLUMNS } from '../request-record.ts';
import type { Manifest } from '../manifest.ts';

/**
 * The `record_count` and `records_sha256` a records file gives, counted the way intake counts
 * (same reader, same column spec as submitBatch), so a manifest filled in here matches at intake.
 */
export async function recordsDigest(
  recordsFile: string,
): Promise<Pick<Manifest, 'record_count' | 'records_sha256'>> {
  const digest: FileDigest = { sha256: '', bytes: 0 };
  const spec = { columns: REQUEST_COLUMNS, required: REQUIRED_REQUEST_COLUMNS, strictColumns: false };
  let count = 0;
  for await (const row of readCsvRecords(recordsFile, spec, digest)) count = row.rowNumber;
  return { record_count: count, records_sha256: digest.sha256 };
}
