import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { FREQUENCY_TABLE_NAMES, type CountTaxpayers } from './comparison-level.ts';
import { COMPARISONS } from './comparison-levels.ts';
import { backgroundPopulation, storeRows, type Row } from './golden/background-population.ts';
import { PENDING_REQUESTS_SQL } from './matcher.ts';
import { computeTermFrequencies, TERM_FREQUENCY_LEVELS, VALUES_OF } from './term-frequencies.ts';
import { WORK_TABLES } from './work-tables.ts';

const BATCH = 'tf';

/**
 * The counts as defined, the slow way: every value of every taxpayer over all its reference rows,
 * and per request and level a correlated sum over the distinct values the request looks up.
 */
const ALL_COUNTS_SQL = `
CREATE OR REPLACE TEMP TABLE tf_all_counts AS
SELECT tbl, value, count(*) AS taxpayers FROM (
  ${FREQUENCY_TABLE_NAMES.map((t) => `SELECT DISTINCT '${t}' AS tbl, taxpayer_id, unnest(${VALUES_OF[t].values}) AS value FROM reference_records f`).join('\n  UNION ALL ')})
WHERE value IS NOT NULL AND value <> '' GROUP BY tbl, value`;

const slowCount: CountTaxpayers = (table, values) =>
  `coalesce((SELECT sum(t.taxpayers) FROM (SELECT DISTINCT unnest(${values}) AS value) q
     JOIN tf_all_counts t ON t.tbl = '${table}' AND t.value = q.value), 0)`;

const SLOW_REQUEST_COUNTS_SQL = `
SELECT r.request_id,
  ${COMPARISONS.flatMap((c) => c.levels.flatMap((l, code) => (l.termFrequency ? [`(${l.termFrequency(slowCount)})::DOUBLE AS tf_${c.field}_${code}`] : []))).join(',\n  ')}
FROM (${PENDING_REQUESTS_SQL}) r`;

/** Requests that share values with many taxpayers, with one another, and with nobody. */
function requestsOf(reference: Row[]): Row[] {
  const some = reference.filter((_, i) => i % 7 === 0).slice(0, 40);
  return [
    ...some.map((row, i) => ({ ...row, request_id: `Q${i}` })),
    // Two surnames, a compound given name, an initial, a PO box, values nobody carries.
    {
      request_id: 'X1',
      first_name: 'Ana Maria',
      middle_name: 'C',
      last_name: 'Garcia Lopez',
      dob: '1980-01-02',
      address_line1: 'PO Box 12',
      city: 'Nowhere',
      state: 'TX',
      zip: '75001',
    },
    {
      request_id: 'X2',
      first_name: 'Zebulon',
      last_name: 'Quxworth',
      dob: '1901-01-01',
      address_line1: '1 Nowhere Rd',
      city: 'Nocity',
      state: 'ZZ',
      zip: '00000',
    },
    {
      request_id: 'X3',
      first_name: 'J',
      last_name: some[0]?.last_name ?? 'Smith',
      dob: '1970-05-05',
      address_line1: some[1]?.address_line1 ?? '1 Main St',
      city: some[1]?.city ?? 'Austin',
      state: 'TX',
      zip: some[1]?.zip ?? '78701',
    },
  ];
}

describe('term frequencies', () => {
  it('count, per request and level, the taxpayers sharing its values exactly as the whole-reference count does', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      const population = backgroundPopulation(400, 7);
      await storeRows(store, BATCH, population.reference, requestsOf(population.reference));
      await computeTermFrequencies(store, BATCH);
      await store.run(ALL_COUNTS_SQL);
      const columns = TERM_FREQUENCY_LEVELS.map((t) => t.column);
      const select = `SELECT request_id, ${columns.join(', ')} FROM`;
      const fast = await store.all<Record<string, unknown>>(
        `${select} ${WORK_TABLES.requestTermCounts} ORDER BY request_id`,
      );
      const slow = await store.all<Record<string, unknown>>(
        `${select} (${SLOW_REQUEST_COUNTS_SQL}) ORDER BY request_id`,
        [BATCH],
      );
      assert.equal(fast.length, 43);
      assert.deepEqual(fast, slow);
      // The comparison means something: some counts are above one, some zero.
      const values = fast.flatMap((row) => columns.map((c) => Number(row[c])));
      assert.ok(values.some((v) => v > 1));
      assert.ok(values.some((v) => v === 0));
    } finally {
      store.close();
    }
  });
});
