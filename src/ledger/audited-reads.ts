import { recordRead } from '../audit/audit-session.ts';
import type { NoteSigner } from '../audit/signed-note.ts';
import { taxpayerPseudonym } from '../audit/taxpayer-pseudonym.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { normalizeTin } from '../linkage/normalize/normalize-record.ts';
import type { Store } from '../store/store.ts';
import { annualReport, type AnnualReport } from './annual-report.ts';
import { ledgerEntries, type LedgerEntry } from './ledger-entries.ts';
import { taxpayerAccounting, type TaxpayerAccounting } from './taxpayer-accounting.ts';

/**
 * The ledger's reads as the CLI and the API make them: each is a read of return information, so
 * each writes its audit event (Publication 1075 records reads too) in the same call, and the two
 * entry points cannot drift apart in what they record.
 */

export async function readLedger(
  store: Store,
  clock: Clock,
  input: { actor: string; batchId?: string | undefined; taxpayerId?: string | undefined; limit: number },
): Promise<LedgerEntry[]> {
  const { actor, batchId, taxpayerId, limit } = input;
  const rows = await ledgerEntries(store, {
    limit,
    ...(batchId ? { batchId } : {}),
    ...(taxpayerId ? { taxpayerId } : {}),
  });
  await recordRead(store, clock, {
    actor,
    action: 'ledger.list',
    batchId: batchId ?? null,
    object: batchId ? `ledger of batch ${batchId}` : 'ledger',
    description: `read ${rows.length} ledger entries${taxpayerId ? ' of one taxpayer' : ''}`,
    detail: { entries: rows.length, byTaxpayer: taxpayerId !== undefined },
  });
  return rows;
}

export const TIN_FORMAT = 'a TIN has 9 digits (123-45-6789 or 123456789)';

/**
 * Every request and disclosure concerning the taxpayer with this TIN. The audit event names the
 * taxpayer by a pseudonym keyed with the desk's signing key, never by TIN (`ddesk audit taxpayer-ref`).
 */
export async function readTaxpayerAccounting(
  store: Store,
  clock: Clock,
  input: {
    actor: string;
    tin: string;
    signer: () => NoteSigner;
    /** The taxpayer reference when the record is kept apart from it; default: `store`. */
    reference?: Store;
  },
): Promise<TaxpayerAccounting> {
  const tin = normalizeTin(input.tin);
  // The message never repeats the input: it may be most of a TIN.
  if (!tin) throw new DeskError('INVALID_INPUT', TIN_FORMAT);
  const accounting = await taxpayerAccounting(store, tin, input.reference ?? store);
  const reference = taxpayerPseudonym(input.signer(), tin);
  await recordRead(store, clock, {
    actor: input.actor,
    action: 'ledger.taxpayer',
    object: `taxpayer ${reference}`,
    description: `read the accounting of one taxpayer: ${accounting.requests.length} requests, ${accounting.disclosures.length} disclosures`,
    detail: {
      taxpayerRef: reference,
      requests: accounting.requests.length,
      disclosures: accounting.disclosures.length,
    },
  });
  return accounting;
}

/** The annual accounting of `year`, audited with the format it is produced in. */
export async function produceAnnualReport(
  store: Store,
  clock: Clock,
  input: { actor: string; year: number; format: string; topPurposes: number },
): Promise<AnnualReport> {
  const { actor, year, format } = input;
  const report = await annualReport(store, {
    year,
    generatedAt: clock.now().toISOString(),
    topPurposes: input.topPurposes,
  });
  await recordRead(store, clock, {
    actor,
    action: 'ledger.report',
    object: `accounting of ${year}`,
    description: `produced the annual accounting of ${year} (${format})`,
    detail: { year, format, lines: report.lines.length },
  });
  return report;
}
