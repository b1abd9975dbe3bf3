import type { Store } from '../store/store.ts';
import { ADDRESS_LEVEL_SQL, BEST_LEVELS_SQL, COMPARISONS } from './comparison-levels.ts';
import { NORMALIZED_COLUMNS } from './normalize/normalized-fields.ts';

/**
 * Compares every candidate pair field by field: the request against each of the taxpayer's
 * distinct reference rows (tax years), keeping per field the best level over the rows — a taxpayer
 * who was once recorded at the requested address, or under the requested surname, agrees there.
 * The address of record (latest tax year; on a tie the worse level, so a tie never confirms) is
 * compared separately: it decides CONFIRMED against NOT_CONFIRMED, never identity.
 */
/**
 * The candidate taxpayers' distinct reference rows (a taxpayer at one address files the same name
 * and address year after year), each with its latest tax year: comparing a request with them
 * gives the same best levels and address of record as comparing it with every row, at a
 * fraction of the work.
 */
const PROFILES_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_profiles AS
SELECT taxpayer_id, max(tax_year) AS tax_year, ${NORMALIZED_COLUMNS.join(', ')}
FROM reference_records
WHERE taxpayer_id IN (SELECT taxpayer_id FROM linkage_candidates)
GROUP BY taxpayer_id, ${NORMALIZED_COLUMNS.join(', ')}`;

const COMPARE_SQL = `
CREATE OR REPLACE TEMP TABLE linkage_compared AS
SELECT c.request_id, c.taxpayer_id, any_value(c.passes) AS passes,
  ${BEST_LEVELS_SQL},
  ${COMPARISONS.filter((c) => c.termFrequency)
    .map((c) => `any_value(${c.termFrequency?.requestValue ?? 'NULL'}) AS tf_value_${c.field}`)
    .join(',\n  ')},
  arg_max(${ADDRESS_LEVEL_SQL}, coalesce(f.tax_year, 0) * 10 + (9 - ${ADDRESS_LEVEL_SQL})) AS aor_level,
  max(f.tax_year) AS aor_tax_year
FROM linkage_candidates c
JOIN requests r ON r.batch_id = $1 AND r.request_id = c.request_id
JOIN linkage_profiles f ON f.taxpayer_id = c.taxpayer_id
GROUP BY c.request_id, c.taxpayer_id`;

export async function compareCandidates(store: Store, batchId: string): Promise<void> {
  await store.run(PROFILES_SQL);
  await store.run(COMPARE_SQL, [batchId]);
  await store.run('DROP TABLE linkage_profiles');
}
