import type { SqlValue, Store } from '../store.ts';

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

/** The year's figures the annual accounting is made of (src/ledger/annual-report.ts), per agency and authority. */
export interface AnnualFigures {
  requests: { agency: string; authority: string; requests: number; rejected: number }[];
  disclosures: {
    agency: string;
    authority: string;
    disclosures: number;
    taxpayers: number;
    reasons: number;
  }[];
  /** Purposes, each by its commonest spelling, ranked within their agency and authority (`kinds` of them there). */
  purposes: {
    agency: string;
    authority: string;
    purpose: string;
    disclosures: number;
    rank: number;
    kinds: number;
  }[];
  /** Months 1–12, every one. */
  months: { month: number; requests: number; disclosures: number }[];
  /** Distinct taxpayers disclosed about in the year. */
  taxpayers: number;
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

  /**
   * The figures of one calendar year (UTC): requests received and rejected, disclosures made, the
   * taxpayers and purposes they concern, by requesting agency and statutory authority — the
   * authority as `canonical` spells it (several spellings of one authority are one line) — and by
   * month. Requests are the batches' (received in the year), disclosures the ledger's.
   */
  async annualFigures(year: number, canonical: (raw: string | null) => string): Promise<AnnualFigures> {
    const span = [`${year}-01-01 00:00:00`, `${year + 1}-01-01 00:00:00`];
    const inYear = (column: string) =>
      `${column} >= CAST($1 AS TIMESTAMP) AND ${column} < CAST($2 AS TIMESTAMP)`;
    const spellings = await this.store.all<{ raw: string | null }>(
      `SELECT DISTINCT coalesce(nullif(r.statutory_authority, ''), b.statutory_authority) AS raw
       FROM requests r JOIN batches b USING (batch_id) WHERE ${inYear('b.received_at')}
       UNION SELECT DISTINCT statutory_authority FROM ledger WHERE ${inYear('disclosed_at')}`,
      span,
    );
    // The spellings (few) and their canonical form, as bound values the statements join on.
    const mapping: SqlValue[] = spellings.flatMap(({ raw }) => [raw ?? '', canonical(raw)]);
    const authorities = spellings.length
      ? spellings
          .map(
            (_s, i) =>
              `SELECT CAST($${3 + 2 * i} AS VARCHAR) AS raw, CAST($${4 + 2 * i} AS VARCHAR) AS canonical`,
          )
          .join(' UNION ALL ')
      : 'SELECT CAST(NULL AS VARCHAR) AS raw, CAST(NULL AS VARCHAR) AS canonical WHERE false';
    const params = [...span, ...mapping];
    // Ties are broken by the text's bytes on both databases (PostgreSQL's collation may differ).
    const bytes = (expr: string) => (this.store.dialect === 'postgres' ? `${expr} COLLATE "C"` : expr);

    const requests = await this.store.all<{
      agency: string;
      authority: string;
      requests: bigint;
      rejected: bigint;
    }>(
      `WITH report_authority AS (${authorities})
       SELECT b.requesting_agency AS agency, m.canonical AS authority, count(*) AS requests,
              count(*) FILTER (WHERE d.outcome = 'REJECTED') AS rejected
       FROM requests r JOIN batches b USING (batch_id)
       LEFT JOIN decisions d USING (batch_id, request_id)
       JOIN report_authority m ON m.raw = coalesce(nullif(r.statutory_authority, ''), b.statutory_authority, '')
       WHERE ${inYear('b.received_at')} GROUP BY 1, 2`,
      params,
    );
    const disclosures = await this.store.all<{
      agency: string;
      authority: string;
      disclosures: bigint;
      taxpayers: bigint;
      reasons: bigint;
    }>(
      `WITH report_authority AS (${authorities})
       SELECT l.requesting_agency AS agency, m.canonical AS authority, count(*) AS disclosures,
              count(DISTINCT l.taxpayer_id) AS taxpayers, count(DISTINCT l.purpose) AS reasons
       FROM ledger l JOIN report_authority m ON m.raw = coalesce(l.statutory_authority, '')
       WHERE ${inYear('l.disclosed_at')} GROUP BY 1, 2`,
      params,
    );
    // Purposes differing only in case or spacing are one; the commonest spelling stands for them.
    const purposes = await this.store.all<{
      agency: string;
      authority: string;
      purpose: string;
      disclosures: bigint | string;
      rank: bigint;
      kinds: bigint;
    }>(
      `WITH report_authority AS (${authorities}),
       spelled AS (
         SELECT l.requesting_agency AS agency, m.canonical AS authority,
                lower(trim(regexp_replace(coalesce(b.attestation, l.purpose, ''), '\\s+', ' ', 'g'))) AS purpose_key,
                coalesce(b.attestation, l.purpose) AS spelling, count(*) AS n
         FROM ledger l JOIN report_authority m ON m.raw = coalesce(l.statutory_authority, '')
         LEFT JOIN batches b USING (batch_id)
         WHERE ${inYear('l.disclosed_at')} GROUP BY 1, 2, 3, 4),
       ranked_spelling AS (
         SELECT *, row_number() OVER (PARTITION BY agency, authority, purpose_key ORDER BY n DESC, ${bytes('spelling')}) AS nth
         FROM spelled),
       p AS (
         SELECT agency, authority, purpose_key, max(CASE WHEN nth = 1 THEN spelling END) AS purpose, sum(n) AS disclosures
         FROM ranked_spelling GROUP BY 1, 2, 3)
       SELECT agency, authority, purpose, disclosures,
              row_number() OVER (PARTITION BY agency, authority ORDER BY disclosures DESC, ${bytes('purpose_key')}) AS rank,
              count(*) OVER (PARTITION BY agency, authority) AS kinds
       FROM p ORDER BY agency, authority, rank`,
      params,
    );
    const monthOf = (column: string) => `CAST(extract(month FROM ${column}) AS INTEGER)`;
    const requestMonths = await this.store.all<{ month: number; n: bigint }>(
      `SELECT ${monthOf('b.received_at')} AS month, count(*) AS n FROM requests r JOIN batches b USING (batch_id)
       WHERE ${inYear('b.received_at')} GROUP BY 1`,
      span,
    );
    const disclosureMonths = await this.store.all<{ month: number; n: bigint }>(
      `SELECT ${monthOf('disclosed_at')} AS month, count(*) AS n FROM ledger WHERE ${inYear('disclosed_at')} GROUP BY 1`,
      span,
    );
    const [totals] = await this.store.all<{ taxpayers: bigint }>(
      `SELECT count(DISTINCT taxpayer_id) AS taxpayers FROM ledger WHERE ${inYear('disclosed_at')}`,
      span,
    );
    const byMonth = (rows: { month: number; n: bigint }[], month: number) =>
      Number(rows.find((row) => Number(row.month) === month)?.n ?? 0);
    return {
      requests: requests.map((row) => ({
        ...row,
        requests: Number(row.requests),
        rejected: Number(row.rejected),
      })),
      disclosures: disclosures.map((row) => ({
        ...row,
        disclosures: Number(row.disclosures),
        taxpayers: Number(row.taxpayers),
        reasons: Number(row.reasons),
      })),
      purposes: purposes.map((row) => ({
        ...row,
        disclosures: Number(row.disclosures),
        rank: Number(row.rank),
        kinds: Number(row.kinds),
      })),
      months: Array.from({ length: 12 }, (_m, i) => ({
        month: i + 1,
        requests: byMonth(requestMonths, i + 1),
        disclosures: byMonth(disclosureMonths, i + 1),
      })),
      taxpayers: Number(totals?.taxpayers ?? 0),
    };
  }
}
