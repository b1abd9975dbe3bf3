import { DeskError } from '../errors.ts';
import { normalizeTin } from '../linkage/normalize/normalize-record.ts';
import { LedgerRepository, type TaxpayerDisclosure } from '../store/repositories/ledger-repository.ts';
import type { Store } from '../store/store.ts';

/**
 * Every request and disclosure concerning one taxpayer (§ 6103(p)(3)(A): the accounting is kept
 * so that a taxpayer's disclosures can be told): the taxpayer is found by TIN in the reference;
 * a request concerns them if the desk identified them as its subject, or if it named their TIN.
 */
export interface TaxpayerRequest {
  batch_id: string;
  request_id: string;
  received_at: string;
  agency: string;
  statutory_authority: string | null;
  /** The desk's own outcome (the agency saw less: see the response format). */
  outcome: string | null;
  /** How the request concerns the taxpayer: identified by the desk, named by TIN, or both. */
  concerns: 'identified' | 'named-by-tin' | 'identified, named-by-tin';
  disclosed: boolean;
}

export type { TaxpayerDisclosure } from '../store/repositories/ledger-repository.ts';

export interface TaxpayerAccounting {
  /** The TIN as the report shows it: its last four digits only. */
  tin: string;
  taxpayerIds: string[];
  requests: TaxpayerRequest[];
  disclosures: TaxpayerDisclosure[];
}

export function maskTin(tin: string): string {
  return `***-**-${tin.slice(-4)}`;
}

export async function taxpayerAccounting(store: Store, tinText: string): Promise<TaxpayerAccounting> {
  const tin = normalizeTin(tinText);
  // The message never repeats the input: it may be most of a TIN.
  if (!tin) throw new DeskError('INVALID_INPUT', 'a TIN has 9 digits (123-45-6789 or 123456789)');
  const ids = (
    await store.all<{ taxpayer_id: string }>(
      'SELECT DISTINCT taxpayer_id FROM reference_records WHERE n_tin = $1 ORDER BY taxpayer_id',
      [tin],
    )
  ).map((row) => row.taxpayer_id);
  // The taxpayer's ids as bound parameters $2, $3, … (none: no request is theirs by identification).
  const idIn = ids.length ? `d.taxpayer_id IN (${ids.map((_id, i) => `$${i + 2}`).join(', ')})` : 'false';
  const requests = await store.all<TaxpayerRequest & { identified: boolean; named: boolean }>(
    `SELECT r.batch_id, r.request_id, CAST(b.received_at AS VARCHAR) AS received_at, b.requesting_agency AS agency,
            coalesce(nullif(r.statutory_authority, ''), b.statutory_authority) AS statutory_authority, d.outcome,
            coalesce(${idIn}, false) AS identified,
            coalesce(r.n_tin = $1, false) AS named,
            EXISTS (SELECT 1 FROM ledger l WHERE l.batch_id = r.batch_id AND l.request_id = r.request_id) AS disclosed
     FROM requests r JOIN batches b USING (batch_id) LEFT JOIN decisions d USING (batch_id, request_id)
     WHERE r.n_tin = $1 OR ${idIn}
     ORDER BY b.received_at, r.batch_id, r.row_number`,
    [tin, ...ids],
  );
  const disclosures = await new LedgerRepository(store).ofTaxpayers(ids);
  return {
    tin: maskTin(tin),
    taxpayerIds: ids,
    requests: requests.map(({ identified, named, ...row }) => ({
      ...row,
      concerns: identified && named ? 'identified, named-by-tin' : identified ? 'identified' : 'named-by-tin',
    })),
    disclosures,
  };
}
