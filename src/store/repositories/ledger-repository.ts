import type { Store } from '../store.ts';

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

export interface TaxpayerDisclosure {
  disclosed_at: string;
  batch_id: string;
  request_id: string;
  taxpayer_id: string;
  agency: string;
  statutory_authority: string | null;
  purpose: string | null;
  recipient: string | null;
  fields_disclosed: string;
  entry_id: string;
}

/** One disclosure as release enters it (every column of `ledger`, in table order). */
export interface NewLedgerEntry {
  entryId: string;
  batchId: string;
  requestId: string;
  taxpayerId: string;
  taxYear: number | null;
  requestingAgency: string;
  programId: string;
  programVersion: string;
  statutoryAuthority: string | null;
  purpose: string | null;
  recipient: string | null;
  fieldsDisclosed: string;
  /** ISO 8601 */
  disclosedAt: string;
  responseSha256: string;
}

/** The § 6103(p)(3) ledger: written at release, read by auditors and for the taxpayer's accounting. */
export class LedgerRepository {
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** Enters disclosures; a ledger row is never changed or removed afterwards (PostgreSQL refuses it). */
  async append(entries: readonly NewLedgerEntry[]): Promise<number> {
    return this.store.append(
      'ledger',
      entries.map((e) => [
        e.entryId,
        e.batchId,
        e.requestId,
        e.taxpayerId,
        e.taxYear,
        e.requestingAgency,
        e.programId,
        e.programVersion,
        e.statutoryAuthority,
        e.purpose,
        e.recipient,
        e.fieldsDisclosed,
        e.disclosedAt,
        e.responseSha256,
      ]),
    );
  }

  /** Disclosures, newest first, of one taxpayer (reference id) or one batch if named. */
  async entries(filter: { taxpayerId?: string; batchId?: string; limit: number }): Promise<LedgerEntry[]> {
    return this.store.all<LedgerEntry>(
      `SELECT CAST(disclosed_at AS VARCHAR) AS disclosed_at, taxpayer_id, batch_id, request_id, requesting_agency,
              statutory_authority, purpose, CAST(fields_disclosed AS VARCHAR) AS fields_disclosed
       FROM ledger WHERE ($1::VARCHAR IS NULL OR taxpayer_id = $1) AND ($2::VARCHAR IS NULL OR batch_id = $2)
       ORDER BY disclosed_at DESC, request_id LIMIT $3`,
      [filter.taxpayerId ?? null, filter.batchId ?? null, filter.limit],
    );
  }

  /** Every disclosure about any of these taxpayers, oldest first. */
  async ofTaxpayers(taxpayerIds: readonly string[]): Promise<TaxpayerDisclosure[]> {
    if (taxpayerIds.length === 0) return [];
    const placeholders = taxpayerIds.map((_id, i) => `$${i + 1}`).join(', ');
    return this.store.all<TaxpayerDisclosure>(
      `SELECT CAST(disclosed_at AS VARCHAR) AS disclosed_at, batch_id, request_id, taxpayer_id,
              requesting_agency AS agency, statutory_authority, purpose, recipient, fields_disclosed, entry_id
       FROM ledger WHERE taxpayer_id IN (${placeholders})
       ORDER BY disclosed_at, batch_id, request_id`,
      taxpayerIds,
    );
  }
}
