import type { Store } from '../store/store.ts';
import { BEST_LEVELS_SQL, ROW_INITIAL_FLAGS_SQL, ROW_LEVELS_SQL, topLevel } from './comparison-levels.ts';
import { NORMALIZED_COLUMNS } from './normalize/normalized-fields.ts';
import { requestsReadAgainstReferenceSql } from './street-spelling.ts';
import { WORK_TABLES } from './work-tables.ts';

/** How many address level codes there are: the address of record's ordering key leaves room for each. */
const ADDRESS_CODES = topLevel('address') + 1;

/**
 * Compares every candidate pair field by field: the request against each of the taxpayer's
 * distinct reference rows (tax years), keeping per field the best level over the rows — a taxpayer
 * who was once recorded at the requested address, or under the requested surname, agrees there.
 * The address of record (latest tax year; on a tie the worse level, so a tie never confirms) is
 * compared separately: it decides CONFIRMED against NOT_CONFIRMED, never identity. A street name
 * misspelt by one letter is read as the one street of its ZIP code it can be (street-spelling.ts).
 */
/**
 * The candidate taxpayers' distinct reference rows (a taxpayer at one address files the same name
 * and address year after year), each with its latest tax year: comparing a request with them
 * gives the same best levels and address of record as comparing it with every row, at a
 * fraction of the work.
 */
const PROFILES_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.profiles} AS
SELECT taxpayer_id, max(tax_year) AS tax_year, ${NORMALIZED_COLUMNS.join(', ')}
FROM reference_records
WHERE taxpayer_id IN (SELECT taxpayer_id FROM ${WORK_TABLES.candidates})
GROUP BY taxpayer_id, ${NORMALIZED_COLUMNS.join(', ')}`;

// Each level is computed once per (pair, reference row), then the best kept per pair.
const COMPARE_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.compared} AS
SELECT request_id, taxpayer_id, any_value(pass_mask) AS pass_mask,
  ${BEST_LEVELS_SQL},
  arg_max(lv_address, coalesce(tax_year, 0) * ${ADDRESS_CODES} + (${ADDRESS_CODES - 1} - lv_address)) AS aor_level,
  max(tax_year) AS aor_tax_year
FROM (
  SELECT c.request_id, c.taxpayer_id, c.pass_mask, f.tax_year,
    ${ROW_LEVELS_SQL},
    ${ROW_INITIAL_FLAGS_SQL}
  FROM ${WORK_TABLES.candidates} c
  JOIN ${requestsReadAgainstReferenceSql('(SELECT * FROM requests WHERE batch_id = $1)', 'reference_records')} r
    ON r.request_id = c.request_id
  JOIN ${WORK_TABLES.profiles} f ON f.taxpayer_id = c.taxpayer_id)
GROUP BY request_id, taxpayer_id`;

export async function compareCandidates(store: Store, batchId: string): Promise<void> {
  await store.run(PROFILES_SQL);
  await store.run(COMPARE_SQL, [batchId]);
  await store.run(`DROP TABLE ${WORK_TABLES.profiles}`);
}
