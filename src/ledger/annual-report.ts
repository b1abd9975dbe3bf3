import { formatCitation, parseCitation } from '../policy/citation.ts';
import type { Store } from '../store/store.ts';

/**
 * The annual accounting of disclosures (26 U.S.C. § 6103(p)(3)(C): the Secretary reports to the
 * Joint Committee on Taxation, for each agency, the requests made and the disclosures under each
 * authority). Per requesting agency and statutory authority: the requests received in the year,
 * how many screening rejected, the disclosures made and the taxpayers they concern, and the
 * purposes, grouped and counted. The purpose of a disclosure is what the agency head attested for
 * its batch (the signed manifest's attestation); each record's own "specific reason" (§ 6103(i)(2)
 * (B)(iv)) names a person and an investigation, so the report counts them but does not print
 * them (a batch of a million requests has as many). Only the most frequent purposes are listed,
 * with how many others there are.
 */
export interface PurposeCount {
  purpose: string;
  disclosures: number;
}

export interface AuthorityLine {
  agency: string;
  statutoryAuthority: string;
  requests: number;
  rejected: number;
  disclosures: number;
  taxpayers: number;
  /** The most frequent purposes, most frequent first. */
  purposes: PurposeCount[];
  /** Purposes beyond those listed, and the disclosures made under them. */
  otherPurposes: { purposes: number; disclosures: number };
  /** Distinct record-level reasons given for the disclosures (each names a person: counted, not printed). */
  specificReasons: number;
}

export interface MonthCount {
  month: number;
  requests: number;
  disclosures: number;
}

export interface AnnualReport {
  year: number;
  generatedAt: string;
  totals: { requests: number; rejected: number; disclosures: number; taxpayers: number };
  lines: AuthorityLine[];
  months: MonthCount[];
}

/** How many purposes each line lists before "and N others" (a page, not a dump). */
export const DEFAULT_TOP_PURPOSES = 10;

/** "8 USC 1253(a)(1)" and "8 U.S.C. § 1253(a)(1)" are one authority in the report. */
function canonicalAuthority(raw: string | null): string {
  if (!raw || !raw.trim()) return '(none stated)';
  const parsed = parseCitation(raw);
  return parsed ? formatCitation(parsed) : raw.trim().replace(/\s+/g, ' ');
}

const n = (value: bigint | number | null | undefined) => Number(value ?? 0);

export async function annualReport(
  store: Store,
  input: { year: number; generatedAt: string; topPurposes?: number },
): Promise<AnnualReport> {
  const top = input.topPurposes ?? DEFAULT_TOP_PURPOSES;
  const { year } = input;
  // Spellings of an authority are few; map them here (the citation parser is TypeScript) and let
  // the database group by the canonical form.
  const spellings = await store.all<{ raw: string | null }>(
    `SELECT DISTINCT coalesce(nullif(r.statutory_authority, ''), b.statutory_authority) AS raw
     FROM requests r JOIN batches b USING (batch_id) WHERE year(b.received_at) = $1
     UNION SELECT DISTINCT statutory_authority FROM ledger WHERE year(disclosed_at) = $1`,
    [year],
  );
  await store.run('CREATE OR REPLACE TEMP TABLE report_authority (raw VARCHAR, canonical VARCHAR)');
  await store.append(
    'report_authority',
    spellings.map(({ raw }) => [raw ?? '', canonicalAuthority(raw)]),
  );

  const requests = await store.all<{ agency: string; authority: string; requests: bigint; rejected: bigint }>(
    `SELECT b.requesting_agency AS agency, m.canonical AS authority, count(*) AS requests,
            count(*) FILTER (WHERE d.outcome = 'REJECTED') AS rejected
     FROM requests r JOIN batches b USING (batch_id)
     LEFT JOIN decisions d USING (batch_id, request_id)
     JOIN report_authority m ON m.raw = coalesce(nullif(r.statutory_authority, ''), b.statutory_authority, '')
     WHERE year(b.received_at) = $1 GROUP BY 1, 2`,
    [year],
  );
  const disclosures = await store.all<{
    agency: string;
    authority: string;
    disclosures: bigint;
    taxpayers: bigint;
    reasons: bigint;
  }>(
    `SELECT l.requesting_agency AS agency, m.canonical AS authority, count(*) AS disclosures,
            count(DISTINCT l.taxpayer_id) AS taxpayers, count(DISTINCT l.purpose) AS reasons
     FROM ledger l JOIN report_authority m ON m.raw = coalesce(l.statutory_authority, '')
     WHERE year(l.disclosed_at) = $1 GROUP BY 1, 2`,
    [year],
  );
  // Purposes differing only in case or spacing are one; the commonest spelling stands for them.
  const purposes = await store.all<{
    agency: string;
    authority: string;
    purpose: string;
    disclosures: bigint;
    rank: bigint;
    kinds: bigint;
  }>(
    `WITH p AS (
       SELECT l.requesting_agency AS agency, m.canonical AS authority,
              lower(trim(regexp_replace(coalesce(b.attestation, l.purpose, ''), '\\s+', ' ', 'g'))) AS purpose_key,
              mode(coalesce(b.attestation, l.purpose)) AS purpose, count(*) AS disclosures
       FROM ledger l JOIN report_authority m ON m.raw = coalesce(l.statutory_authority, '')
       LEFT JOIN batches b USING (batch_id)
       WHERE year(l.disclosed_at) = $1 GROUP BY 1, 2, 3)
     SELECT agency, authority, purpose, disclosures,
            row_number() OVER (PARTITION BY agency, authority ORDER BY disclosures DESC, purpose_key) AS rank,
            count(*) OVER (PARTITION BY agency, authority) AS kinds
     FROM p ORDER BY agency, authority, rank`,
    [year],
  );
  const months = await store.all<{ month: bigint; requests: bigint; disclosures: bigint }>(
    `WITH m AS (SELECT unnest(range(1, 13)) AS month),
     r AS (SELECT month(b.received_at) AS month, count(*) AS n FROM requests r JOIN batches b USING (batch_id)
           WHERE year(b.received_at) = $1 GROUP BY 1),
     d AS (SELECT month(disclosed_at) AS month, count(*) AS n FROM ledger WHERE year(disclosed_at) = $1 GROUP BY 1)
     SELECT m.month, coalesce(r.n, 0) AS requests, coalesce(d.n, 0) AS disclosures
     FROM m LEFT JOIN r USING (month) LEFT JOIN d USING (month) ORDER BY m.month`,
    [year],
  );
  const [totals] = await store.all<{ taxpayers: bigint }>(
    'SELECT count(DISTINCT taxpayer_id) AS taxpayers FROM ledger WHERE year(disclosed_at) = $1',
    [year],
  );
  await store.run('DROP TABLE IF EXISTS report_authority');

  const lines = new Map<string, AuthorityLine>();
  const line = (agency: string, authority: string): AuthorityLine => {
    const key = `${agency}\u0000${authority}`;
    let found = lines.get(key);
    if (!found) {
      found = {
        agency,
        statutoryAuthority: authority,
        requests: 0,
        rejected: 0,
        disclosures: 0,
        taxpayers: 0,
        purposes: [],
        otherPurposes: { purposes: 0, disclosures: 0 },
        specificReasons: 0,
      };
      lines.set(key, found);
    }
    return found;
  };
  for (const row of requests)
    Object.assign(line(row.agency, row.authority), { requests: n(row.requests), rejected: n(row.rejected) });
  for (const row of disclosures)
    Object.assign(line(row.agency, row.authority), {
      disclosures: n(row.disclosures),
      taxpayers: n(row.taxpayers),
      specificReasons: n(row.reasons),
    });
  for (const row of purposes) {
    const target = line(row.agency, row.authority);
    if (n(row.rank) <= top) target.purposes.push({ purpose: row.purpose, disclosures: n(row.disclosures) });
    else {
      target.otherPurposes.purposes++;
      target.otherPurposes.disclosures += n(row.disclosures);
    }
  }
  const sorted = [...lines.values()].sort(
    (a, b) => compare(a.agency, b.agency) || compare(a.statutoryAuthority, b.statutoryAuthority),
  );
  return {
    year,
    generatedAt: input.generatedAt,
    totals: {
      requests: sorted.reduce((sum, l) => sum + l.requests, 0),
      rejected: sorted.reduce((sum, l) => sum + l.rejected, 0),
      disclosures: sorted.reduce((sum, l) => sum + l.disclosures, 0),
      taxpayers: n(totals?.taxpayers),
    },
    lines: sorted,
    months: months.map((row) => ({
      month: n(row.month),
      requests: n(row.requests),
      disclosures: n(row.disclosures),
    })),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
