import { LedgerRepository, type LedgerEntry } from '../store/repositories/ledger-repository.ts';
import type { Store } from '../store/store.ts';

export type { LedgerEntry } from '../store/repositories/ledger-repository.ts';

/** Disclosures, newest first, of one taxpayer (reference id) or one batch if named. */
export async function ledgerEntries(
  store: Store,
  filter: { taxpayerId?: string; batchId?: string; limit: number },
): Promise<LedgerEntry[]> {
  return new LedgerRepository(store).entries(filter);
}
