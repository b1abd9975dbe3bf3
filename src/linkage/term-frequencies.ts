import type { Store } from '../store/store.ts';
import { FREQUENCY_TABLE_NAMES, type CountTaxpayers, type FrequencyTableName } from './comparison-level.ts';
import { COMPARISONS, HOME_KEY, type ComparisonField } from './comparison-levels.ts';
import { PENDING_REQUESTS_SQL } from './matcher.ts';
import { WORK_TABLES } from './work-tables.ts';

/**
 * Term frequencies at every level where a value is shared (Splink's tf adjustment, extended from
 * the exact level to the partial ones): for each request and each such level, how many taxpayers
 * agree with the request there through the value they share. That count over the taxpayers is the
 * level's u for this request — what the level is worth for GARCIA is not what it is worth for
 * ZUBIZARRETA, whether the surname agrees exactly, as one of two, or with the other dropped.
 */

/**
 * What each frequency table lists per taxpayer, as an SQL list over a stored value `f` of its
 * source: a name (`reference_names`) or an address (`reference_addresses`). Every table reads one
 * of the two, so its values are those of the taxpayer's distinct names, or distinct addresses.
 */
export const VALUES_OF: Record<FrequencyTableName, { source: 'name' | 'address'; values: string }> = {
  surname: { source: 'name', values: '[f.nm_last]' },
  surname_in_two: {
    source: 'name',
    values: 'CASE WHEN f.nm_last2 IS NOT NULL THEN [f.nm_last1, f.nm_last2] END',
  },
  surname_phonetic: { source: 'name', values: '[f.nm_last_phon, f.nm_last2_phon]' },
  given_name: { source: 'name', values: '[f.nm_first_canon]' },
  given_form: { source: 'name', values: "string_split(f.nm_first_forms, ' ')" },
  given_phonetic: { source: 'name', values: '[f.nm_first_phon]' },
  given_initial: { source: 'name', values: '[left(f.nm_first, 1)]' },
  given_first_token: { source: 'name', values: "[split_part(f.nm_first, ' ', 1)]" },
  middle_name: { source: 'name', values: '[f.nm_middle]' },
  middle_first_token: { source: 'name', values: "[split_part(f.nm_middle, ' ', 1)]" },
  middle_initial_alone: {
    source: 'name',
    values: 'CASE WHEN length(f.nm_middle) = 1 THEN [f.nm_middle] END',
  },
  home: { source: 'address', values: `[${HOME_KEY('f')}]` },
  street_place: { source: 'address', values: "[f.ad_street || ' ' || f.ad_postcode]" },
  number_street: { source: 'address', values: "[f.ad_number || ' ' || f.ad_street]" },
  postcode: { source: 'address', values: '[f.ad_postcode]' },
  city: { source: 'address', values: '[f.ad_city]' },
};

/** Where each source's values are stored, and the temporary table of its (taxpayer, value id) pairs. */
const SOURCES = {
  name: { table: 'reference_names', id: 'name_id', pairs: WORK_TABLES.termTaxpayerNames },
  address: { table: 'reference_addresses', id: 'address_id', pairs: WORK_TABLES.termTaxpayerAddresses },
} as const;

/**
 * Every (frequency table, SQL list over the request row `r`) a tf level looks up: the values a
 * batch can ask about. Read from the levels themselves, so a count is never missing for a value
 * some level looks up.
 */
const LOOKUPS: readonly { table: FrequencyTableName; values: string }[] = (() => {
  const seen = new Map<string, { table: FrequencyTableName; values: string }>();
  for (const comparison of COMPARISONS)
    for (const level of comparison.levels)
      level.termFrequency?.((table, values) => {
        seen.set(`${table}\u0000${values}`, { table, values });
        return '0';
      });
  return [...seen.values()];
})();

/** (tbl, value): the distinct values the batch's pending requests look up, per frequency table. */
const REQUESTED_VALUES_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.termValuesAsked} AS
WITH pending AS (${PENDING_REQUESTS_SQL})
SELECT DISTINCT tbl, value FROM (
  ${LOOKUPS.map((l) => `SELECT '${l.table}' AS tbl, unnest(${l.values}) AS value FROM pending r`).join('\n  UNION ALL ')})
WHERE value IS NOT NULL AND value <> ''`;

/**
 * The taxpayers carrying each value the batch asks about, per frequency table, over the whole
 * reference: each table counted in its own statement from the taxpayers' distinct names or
 * addresses, only its values that some request asks about kept before the taxpayers are made
 * distinct (a count over the whole reference of every value would hold every taxpayer's every
 * value at once: the one step of the match that grew past its memory at 10 million rows).
 */
const termCountsSql = (): string[] => [
  `CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.termCounts} (tbl VARCHAR, value VARCHAR, taxpayers BIGINT)`,
  ...Object.values(SOURCES).map(
    (s) =>
      `CREATE OR REPLACE TEMP TABLE ${s.pairs} AS SELECT DISTINCT taxpayer_id, ${s.id} FROM reference_rows WHERE ${s.id} IS NOT NULL`,
  ),
  ...FREQUENCY_TABLE_NAMES.map((t) => {
    const s = SOURCES[VALUES_OF[t].source];
    return `INSERT INTO ${WORK_TABLES.termCounts}
SELECT '${t}', value, count(*) FROM (
  SELECT DISTINCT taxpayer_id, value FROM (
    SELECT p.taxpayer_id, unnest(${VALUES_OF[t].values}) AS value
    FROM ${s.pairs} p JOIN ${s.table} f ON f.${s.id} = p.${s.id})
  WHERE value IN (SELECT value FROM ${WORK_TABLES.termValuesAsked} WHERE tbl = '${t}'))
GROUP BY value`;
  }),
  ...Object.values(SOURCES).map((s) => `DROP TABLE ${s.pairs}`),
];

/**
 * The taxpayers carrying any of the distinct values of the SQL list `values` (over request row
 * `r`): the sum its lookup's column holds in REQUEST_COUNTS_SQL, 0 where none is held.
 */
const countTaxpayers: CountTaxpayers = (table, values) =>
  `coalesce(l.lookup_${LOOKUPS.findIndex((l) => l.table === table && l.values === values)}, 0)`;

/** A level that weighs its shared value by frequency: its field, code, and the columns of its counts. */
export interface TermFrequencyLevel {
  field: ComparisonField;
  code: number;
  /** Taxpayers agreeing with the request at this level through the value they share. */
  column: string;
  /** Its count as SQL over the lookups' sums (levels with the same SQL count the same taxpayers). */
  sql: string;
}

export const TERM_FREQUENCY_LEVELS: readonly TermFrequencyLevel[] = COMPARISONS.flatMap((c) =>
  c.levels.flatMap((l, code) =>
    l.termFrequency
      ? [
          {
            field: c.field,
            code,
            column: `tf_${c.field}_${code}`,
            sql: l.termFrequency(countTaxpayers),
          },
        ]
      : [],
  ),
);

/**
 * Per pending request and tf level, the taxpayers that agree with it there: each lookup's distinct
 * values per request joined with their counts and summed, in one pass over (request, lookup,
 * value) rows and one aggregation (a correlated subquery per level and request held every
 * request's lookups in memory at once), then each level's SQL over its lookups' sums.
 */
const REQUEST_COUNTS_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.requestTermCounts} AS
WITH pending AS (${PENDING_REQUESTS_SQL}),
asked AS (
  SELECT DISTINCT request_id, lookup, tbl, value FROM (
    ${LOOKUPS.map((l, i) => `SELECT r.request_id, ${i} AS lookup, '${l.table}' AS tbl, unnest(${l.values}) AS value FROM pending r`).join('\n    UNION ALL ')})),
counted AS (
  SELECT q.request_id,
    ${LOOKUPS.map((_, i) => `sum(t.taxpayers) FILTER (WHERE q.lookup = ${i}) AS lookup_${i}`).join(',\n    ')}
  FROM asked q JOIN ${WORK_TABLES.termCounts} t ON t.tbl = q.tbl AND t.value = q.value
  GROUP BY q.request_id)
SELECT r.request_id,
  ${TERM_FREQUENCY_LEVELS.map((t) => `(${t.sql})::DOUBLE AS ${t.column}`).join(',\n  ')}
FROM pending r LEFT JOIN counted l ON l.request_id = r.request_id`;

/**
 * Counts, per frequency table and value, the taxpayers carrying it, then per pending request of the
 * batch and per tf level the taxpayers that agree with it there (the `requestTermCounts` table).
 */
export async function computeTermFrequencies(store: Store, batchId: string): Promise<void> {
  await store.run(REQUESTED_VALUES_SQL, [batchId]);
  for (const sql of termCountsSql()) await store.run(sql);
  await store.run(REQUEST_COUNTS_SQL, [batchId]);
}
