import type { Store } from '../store/store.ts';

export interface LedgerEntry {
  disclosed_at: string;
  taxpayer_id: string;
  batch_id: string;
  request_id: string;
  requesting_agency: string;
  statutory_authority: string | null;
  purpose: string | null;
  fields_disclosed: string;
}

/** Disclosures, newest first, of one taxpayer (reference id) or one batch if named. */
export async function ledgerEntries(
  store: Store,
  filter: { taxpayerId?: string; batchId?: string; limit: number },
): Promise<LedgerEntry[]> {
  return store.all<LedgerEntry>(
    `SELECT CAST(disclosed_at AS VARCHAR) AS disclosed_at, taxpayer_id, batch_id, request_id, requesting_agency,
            statutory_authority, purpose, CAST(fields_disclosed AS VARCHAR) AS fields_disclosed
     FROM ledger WHERE ($1::VARCHAR IS NULL OR taxpayer_id = $1) AND ($2::VARCHAR IS NULL OR batch_id = $2)
     ORDER BY disclosed_at DESC, request_id LIMIT $3`,
    [filter.taxpayerId ?? null, filter.batchId ?? null, filter.limit],
  );
}
