import { standardizeAddress } from '../address/us-address.ts';
import type { RequestRecord } from '../intake/request-record.ts';
import { foldText } from '../text/fold-text.ts';
import { HashedKeyTable } from './hashed-key-table.ts';
import type { BatchRule } from './rule.ts';

/**
 * Program condition (the agreement's batch size, `limits.maxBatchRecords`): a batch larger than
 * the program allows is refused whole — it is not the request the agreement provides for, and
 * a partial answer would pick records arbitrarily.
 */
export const batchSizeLimit: BatchRule = {
  id: 'batch.size-limit',
  citation: 'Program limits.maxBatchRecords; 26 U.S.C. § 6103(i)(2)(A)',
  message: 'the batch is larger than the program allows',
  effect: 'refuse-batch',
  start: (context) => ({
    observe: () => null,
    finish: (recordCount) => {
      const limit = context.program.limits.maxBatchRecords;
      return recordCount > limit
        ? `${recordCount.toLocaleString('en-US')} records, limit ${limit.toLocaleString('en-US')}`
        : null;
    },
  }),
};

/** Who and where a request asks about: folded name, date of birth and standardized address. */
export function requestKey(record: RequestRecord): string {
  const address = standardizeAddress(record);
  return [
    foldText(record.first_name),
    foldText(record.last_name),
    record.dob.trim(),
    address.line,
    address.zip5 ?? `${address.city ?? ''} ${address.state ?? ''}`,
  ].join('|');
}

/**
 * § 6103(p)(3) accounting counts each disclosure; asking twice about the same person at the same
 * address in one batch would disclose twice for one request. The first is kept, later ones are
 * rejected, naming the row of the first.
 */
export const duplicateRequest: BatchRule = {
  id: 'request.duplicate',
  citation: '26 U.S.C. § 6103(i)(2)(B)(i); § 6103(p)(3)(A)',
  message: 'the same person and address were already requested in this batch',
  effect: 'reject-record',
  start: () => {
    const seen = new HashedKeyTable(1 << 16);
    return {
      observe: (record, rowNumber) => {
        const first = seen.putIfAbsent(requestKey(record), rowNumber);
        return first === undefined ? null : `same as row ${first}`;
      },
      finish: () => null,
    };
  },
};

/** How many officers the hold reason names (the rest are counted). */
const OFFICERS_SHOWN = 10;

/**
 * § 6103(i)(2)(A): disclosure only to officers "personally and directly engaged in" the
 * investigation. One officer named on more records than anyone could personally work
 * (`limits.maxRecordsPerOfficer`) is not a rejection of any one record, but the batch is held
 * until a disclosure officer has looked at it — in 2025 a court doubted one official was so
 * engaged in over a million investigations.
 */
export const officerCaseloadPlausible: BatchRule = {
  id: 'investigation.officer-caseload',
  citation: '26 U.S.C. § 6103(i)(2)(A)',
  message:
    'an investigating officer is named on more records than one person can be personally and directly engaged in',
  effect: 'hold-batch',
  start: (context) => {
    const limit = context.program.limits.maxRecordsPerOfficer;
    const counts = new HashedKeyTable(1 << 10);
    const over = new Map<string, string>();
    return {
      observe: (record) => {
        const officer = foldText(record.investigating_officer);
        if (officer === null) return null;
        if (counts.increment(officer) === limit + 1) over.set(officer, record.investigating_officer.trim());
        return null;
      },
      finish: () => {
        if (over.size === 0) return null;
        const named = [...over.entries()]
          .map(([key, name]) => ({ name, records: counts.get(key) ?? 0 }))
          .sort((a, b) => b.records - a.records);
        const shown = named
          .slice(0, OFFICERS_SHOWN)
          .map((entry) => `${entry.name}: ${entry.records.toLocaleString('en-US')} records`);
        const more = named.length > OFFICERS_SHOWN ? ` and ${named.length - OFFICERS_SHOWN} more` : '';
        return `${named.length} officer(s) above ${limit.toLocaleString('en-US')} records — ${shown.join('; ')}${more}`;
      },
    };
  },
};

export const BATCH_RULES: readonly BatchRule[] = [batchSizeLimit, duplicateRequest, officerCaseloadPlausible];
