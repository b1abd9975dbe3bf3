import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { normalizeDate, normalizeTin } from '../linkage/normalize/normalize-record.ts';
import { normalizePersonName } from '../linkage/normalize/person-name.ts';
import { actorLabel, type Actor } from '../people/actor.ts';
import { authorize } from '../people/duties.ts';
import { getBatch } from '../pipeline/batch-stage.ts';
import type { Store } from '../store/store.ts';

export interface SearchCriteria {
  lastName?: string;
  firstName?: string;
  zip?: string;
  dob?: string;
  tin?: string;
}

/** A taxpayer a search found, shown by their address of record (latest tax year). */
export type SearchHit = {
  taxpayer_id: string;
  name: string;
  dob: string | null;
  tin: string | null;
  address_of_record: string;
  tax_year: number | null;
};

/**
 * A search that finds more taxpayers than a reviewer can compare one by one is too broad to decide
 * from; the reviewer narrows it (disclosure office parameter: the matcher keeps five candidates).
 */
export const MAX_SEARCH_RESULTS = 25;

/**
 * A reviewer looks for the person a request names beyond the matcher's candidates (issue 10 § 2):
 * by TIN, or by surname and at least one of given name, ZIP, date of birth. The search, its
 * criteria and what it found are stored; the audit event says who searched for which request and
 * how many taxpayers it showed (the criteria themselves are personal data and stay out of the log).
 * Only a taxpayer a search showed, or a candidate, may then be named in a review decision.
 */
export async function searchReference(
  store: Store,
  clock: Clock,
  input: {
    batchId: string;
    requestId: string;
    actor: Actor;
    criteria: SearchCriteria;
    /** The taxpayer reference when the record is kept apart from it; default: `store`. */
    reference?: Store;
  },
): Promise<{ searchId: string; hits: SearchHit[]; more: boolean }> {
  await authorize(store, clock, input.actor, 'reference.search', { batchId: input.batchId });
  const where = searchConditions(input.criteria);
  const batch = await getBatch(store, input.batchId);
  if (batch.stage !== 'matched' && batch.stage !== 'reviewed')
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${input.batchId} is ${batch.stage}; searches serve reviews, which end at approval`,
    );
  const request = await store.all('SELECT 1 FROM requests WHERE batch_id = $1 AND request_id = $2', [
    input.batchId,
    input.requestId,
  ]);
  if (!request.length)
    throw new DeskError('NOT_FOUND', `no request ${input.requestId} in batch ${input.batchId}`);
  return store.transaction(async (tx) => {
    const reference = input.reference ?? tx;
    const found = await reference.all<{ taxpayer_id: string }>(
      `SELECT DISTINCT taxpayer_id FROM reference_records WHERE ${where.sql} ORDER BY taxpayer_id LIMIT ${MAX_SEARCH_RESULTS + 1}`,
      where.params,
    );
    const shown = found.slice(0, MAX_SEARCH_RESULTS).map((row) => row.taxpayer_id);
    const searchId = randomUUID();
    const at = clock.now().toISOString();
    await tx.run('INSERT INTO reference_searches VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMP)', [
      searchId,
      input.batchId,
      input.requestId,
      input.actor.account,
      JSON.stringify(input.criteria),
      at,
    ]);
    for (const taxpayerId of shown)
      await tx.run('INSERT INTO reference_search_results VALUES ($1, $2)', [searchId, taxpayerId]);
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'reference.search',
      batchId: input.batchId,
      outcome: 'success',
      object: `batch ${input.batchId} request ${input.requestId}`,
      description: `searched the taxpayer reference for request ${input.requestId} of batch ${input.batchId} by ${where.keys.join(', ')}: ${shown.length} taxpayer(s) shown`,
      detail: {
        searchId,
        requestId: input.requestId,
        by: where.keys,
        shown: shown.length,
        more: found.length > shown.length,
      },
    });
    return {
      searchId,
      hits: await hitsOf(reference, shown),
      more: found.length > shown.length,
    };
  });
}

function searchConditions(criteria: SearchCriteria): { sql: string; params: string[]; keys: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  const keys: string[] = [];
  const add = (key: string, sql: (p: string) => string, value: string) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
    keys.push(key);
  };
  const invalid = (what: string) => new DeskError('INVALID_INPUT', `the search's ${what} is not one`);
  const name = normalizePersonName(criteria.firstName ?? '', '', criteria.lastName ?? '');
  if (criteria.lastName !== undefined) {
    if (!name.surname1) throw invalid('surname');
    add('last_name', (p) => `(nm_last1 = ${p} OR nm_last2 = ${p} OR nm_last = ${p})`, name.surname1);
  }
  if (criteria.firstName !== undefined) {
    if (!name.givenCanonical) throw invalid('given name');
    add('first_name', (p) => `nm_first_canon = ${p}`, name.givenCanonical);
  }
  if (criteria.zip !== undefined) {
    const zip5 = /^(\d{5})(-?\d{4})?$/.exec(criteria.zip.trim())?.[1];
    if (!zip5) throw invalid('ZIP code');
    add('zip', (p) => `ad_zip5 = ${p}`, zip5);
  }
  if (criteria.dob !== undefined) {
    const dob = normalizeDate(criteria.dob);
    if (!dob) throw invalid('date of birth (YYYY-MM-DD)');
    add('dob', (p) => `n_dob = ${p}`, dob);
  }
  if (criteria.tin !== undefined) {
    const tin = normalizeTin(criteria.tin);
    if (!tin) throw invalid('TIN (9 digits)');
    add('tin', (p) => `n_tin = ${p}`, tin);
  }
  const narrow = keys.includes('tin') || (keys.includes('last_name') && keys.length >= 2);
  if (!narrow)
    throw new DeskError(
      'INVALID_INPUT',
      'a reference search needs a TIN, or a surname with a given name, ZIP or date of birth (no browsing the reference)',
    );
  return { sql: conditions.join(' AND '), params, keys };
}

/** Taxpayers as a reviewer compares them: their address of record, the TIN's last four digits only. */
export async function hitsOf(store: Store, taxpayerIds: readonly string[]): Promise<SearchHit[]> {
  if (!taxpayerIds.length) return [];
  const rows = await store.all<SearchHit>(
    `SELECT taxpayer_id,
            concat_ws(' ', first_name, nullif(middle_name, ''), last_name) AS name,
            nullif(dob, '') AS dob,
            CASE WHEN n_tin IS NULL THEN NULL ELSE 'XXX-XX-' || right(n_tin, 4) END AS tin,
            concat_ws(', ', address_line1, nullif(address_line2, ''), city, state, zip) AS address_of_record,
            tax_year
     FROM address_of_record WHERE list_contains(string_split($1, ','), taxpayer_id) ORDER BY taxpayer_id`,
    [taxpayerIds.join(',')],
  );
  return rows.map((row) => ({ ...row, tax_year: row.tax_year === null ? null : Number(row.tax_year) }));
}
