import {
  ADDRESS_CONFIRMS_AT,
  ADDRESS_TYPE_UNCERTAIN,
  comparisonOf,
  levelLabel,
} from '../linkage/comparison-levels.ts';
import { levelCaseSql } from '../linkage/comparison-level.ts';
import { requestsReadAgainstReferenceSql } from '../linkage/street-spelling.ts';
import type { SqlValue, Store } from '../store/store.ts';

/**
 * Where a review reads (design.md, "Storage and compute"): the record holds the batch's requests,
 * decisions, reviews and searches; the engine holds the taxpayer reference and the matcher's
 * candidates. On an embedded desk both are the one DuckDB store; with the record on PostgreSQL the
 * engine is the DuckDB file beside it.
 */
export interface ReviewStores {
  record: Store;
  engine: Store;
}

/** The stores of a review: `reference` when the engine is kept apart from the record, else the record. */
export function reviewStores(record: Store, reference?: Store): ReviewStores {
  return { record, engine: reference ?? record };
}

/**
 * Which taxpayers a reviewer may name for a request (issue 10 § 2): one of the matcher's candidates
 * for that request, or one that an audited reference search made for that request found. Anyone
 * else — a taxpayer in another state who was never a candidate — is refused: a reviewer decides among
 * what the desk found, and every look beyond it is on record.
 */
export type TaxpayerSource = { kind: 'candidate' } | { kind: 'search'; searchId: string };

export async function howFound(
  stores: ReviewStores,
  batchId: string,
  requestId: string,
  taxpayerId: string,
): Promise<TaxpayerSource | null> {
  const candidate = await stores.engine.all(
    'SELECT 1 FROM match_candidates WHERE batch_id = $1 AND request_id = $2 AND taxpayer_id = $3 LIMIT 1',
    [batchId, requestId, taxpayerId],
  );
  if (candidate.length) return { kind: 'candidate' };
  const [searched] = await stores.record.all<{ search_id: string }>(
    `SELECT s.search_id FROM reference_searches s JOIN reference_search_results f USING (search_id)
     WHERE s.batch_id = $1 AND s.request_id = $2 AND f.taxpayer_id = $3 ORDER BY s.searched_at LIMIT 1`,
    [batchId, requestId, taxpayerId],
  );
  return searched ? { kind: 'search', searchId: searched.search_id } : null;
}

export function describeSource(source: TaxpayerSource): string {
  return source.kind === 'candidate' ? 'candidate' : `search:${source.searchId}`;
}

export interface AddressOfRecordAgreement {
  /** The address comparison level of the request against the address of record; null: no reference row. */
  level: number | null;
  label: string;
  taxYear: number | null;
  agrees: boolean;
}

// The matcher's own address comparison (src/linkage/comparison-levels.ts), the request's street
// read against the reference as the matcher reads it, so that a reviewer's confirmation meets
// exactly the bar an automatic one does.
const ADDRESS_LEVEL_SQL = levelCaseSql(comparisonOf('address'));

/**
 * How the requested address compares with the taxpayer's address of record: the rows of the
 * latest tax year, and on a tie the worse level, so that a tie never confirms (as the matcher does).
 */
export async function addressOfRecordAgreement(
  stores: ReviewStores,
  batchId: string,
  requestId: string,
  taxpayerId: string,
): Promise<AddressOfRecordAgreement> {
  const request = await requestOnEngine(stores, batchId, requestId, 4);
  const [row] = await stores.engine.all<{ level: number | null; tax_year: number | null }>(
    `SELECT min(${ADDRESS_LEVEL_SQL}) AS level, any_value(f.tax_year) AS tax_year
     FROM ${requestsReadAgainstReferenceSql(`(SELECT * FROM ${request.from} q WHERE q.batch_id = $1 AND q.request_id = $2)`, 'reference_records')} r
     JOIN reference_records f ON f.taxpayer_id = $3
       AND f.tax_year IS NOT DISTINCT FROM (SELECT max(tax_year) FROM reference_records WHERE taxpayer_id = $3)
     WHERE r.batch_id = $1 AND r.request_id = $2`,
    [batchId, requestId, taxpayerId, ...request.params],
  );
  const level = row?.level === null || row?.level === undefined ? null : Number(row.level);
  return {
    level,
    label: levelLabel('address', level),
    taxYear: row?.tax_year === null || row?.tax_year === undefined ? null : Number(row.tax_year),
    // A street type asked one slip from the record's and another's is the reviewer's to resolve.
    agrees: level !== null && (level >= ADDRESS_CONFIRMS_AT || level === ADDRESS_TYPE_UNCERTAIN),
  };
}

/**
 * The address levels at which a reviewer may confirm, as a reviewer reads them: the least that
 * confirms on its own, or the street type one slip from two types that is the reviewer's to resolve.
 */
export const CONFIRMING_ADDRESS_LEVELS = `"${levelLabel('address', ADDRESS_CONFIRMS_AT)}" or closer, or "${levelLabel('address', ADDRESS_TYPE_UNCERTAIN)}"`;

/**
 * The request row as the engine reads it beside the reference: its own `requests` table on an
 * embedded desk; otherwise the record's row, given as a one-row subquery of bound values typed as
 * the engine's `requests` columns (the two schemas are one: repository-suite.test.ts). Parameters
 * are numbered from `firstParam`.
 */
async function requestOnEngine(
  stores: ReviewStores,
  batchId: string,
  requestId: string,
  firstParam: number,
): Promise<{ from: string; params: SqlValue[] }> {
  if (stores.record === stores.engine) return { from: 'requests', params: [] };
  const [row] = await stores.record.all<Record<string, unknown>>(
    'SELECT * FROM requests WHERE batch_id = $1 AND request_id = $2',
    [batchId, requestId],
  );
  const columns = await stores.engine.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = 'requests'
     ORDER BY ordinal_position`,
  );
  // No row: a subquery of no rows, so that the agreement reads as "no reference row" as it does in place.
  const params = columns.map(({ column_name: name }) => toSqlValue(row?.[name]));
  const select = columns
    .map(({ column_name: name, data_type: type }, i) => `CAST($${firstParam + i} AS ${type}) AS "${name}"`)
    .join(', ');
  return { from: `(SELECT ${select} WHERE ${row ? 'true' : 'false'})`, params };
}

function toSqlValue(value: unknown): SqlValue {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value as SqlValue;
}
