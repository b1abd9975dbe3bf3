import { DeskError } from '../errors.ts';
import { normalizeTin } from '../linkage/normalize/normalize-record.ts';
import { BatchRepository } from '../store/repositories/batch-repository.ts';
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

/**
 * `reference` is where the taxpayer reference is read (the engine, when the record is kept apart
 * from it); the requests, decisions and ledger are the record's (`store`).
 */
export async function taxpayerAccounting(
  store: Store,
  tinText: string,
  reference: Store = store,
): Promise<TaxpayerAccounting> {
  const tin = normalizeTin(tinText);
  // The message never repeats the input: it may be most of a TIN.
  if (!tin) throw new DeskError('INVALID_INPUT', 'a TIN has 9 digits (123-45-6789 or 123456789)');
  const ids = (
    await reference.all<{ taxpayer_id: string }>(
      'SELECT DISTINCT taxpayer_id FROM reference_records WHERE n_tin = $1 ORDER BY taxpayer_id',
      [tin],
    )
  ).map((row) => row.taxpayer_id);
  const requests = await new BatchRepository(store).requestsConcerning(tin, ids);
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
