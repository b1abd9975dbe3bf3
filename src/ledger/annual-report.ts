import { formatCitation, parseCitation } from '../policy/citation.ts';
import { LedgerRepository } from '../store/repositories/ledger-repository.ts';
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

export async function annualReport(
  store: Store,
  input: { year: number; generatedAt: string; topPurposes?: number },
): Promise<AnnualReport> {
  const top = input.topPurposes ?? DEFAULT_TOP_PURPOSES;
  const { year } = input;
  // Spellings of an authority are few; the citation parser (TypeScript) names each one's canonical
  // form and the database groups by it.
  const { requests, disclosures, purposes, months, taxpayers } = await new LedgerRepository(
    store,
  ).annualFigures(year, canonicalAuthority);

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
    Object.assign(line(row.agency, row.authority), { requests: row.requests, rejected: row.rejected });
  for (const row of disclosures)
    Object.assign(line(row.agency, row.authority), {
      disclosures: row.disclosures,
      taxpayers: row.taxpayers,
      specificReasons: row.reasons,
    });
  for (const row of purposes) {
    const target = line(row.agency, row.authority);
    if (row.rank <= top) target.purposes.push({ purpose: row.purpose, disclosures: row.disclosures });
    else {
      target.otherPurposes.purposes++;
      target.otherPurposes.disclosures += row.disclosures;
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
      taxpayers,
    },
    lines: sorted,
    months,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
