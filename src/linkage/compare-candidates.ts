import type { Store } from '../store/store.ts';
import { ADDRESS_LEVEL_SQL, BEST_LEVELS_SQL, COMPARISONS } from './comparison-levels.ts';

/**
 * Compares every candidate pair field by field: the request against each of the taxpayer's
 * reference rows (one per tax year), keeping per field the best level over the rows — a taxpayer
 * who was once recorded at the requested address, or under the requested surname, agrees there.
 * The address of record (latest tax year; on a tie the worse level, so a tie never confirms) is
 * compared separately: it decides CONFIRMED against NOT_CONFIRMED, never identity.
 */
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
JOIN reference_records f ON f.taxpayer_id = c.taxpayer_id
GROUP BY c.request_id, c.taxpayer_id`;

export async function compareCandidates(store: Store, batchId: string): Promise<void> {
  await store.run(COMPARE_SQL, [batchId]);
}
