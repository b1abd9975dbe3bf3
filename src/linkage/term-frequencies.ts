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

/** What each frequency table lists per taxpayer (over its reference rows `f`), as an SQL list. */
const VALUES_OF: Record<FrequencyTableName, string> = {
  surname: '[f.nm_last]',
  surname_in_two: 'CASE WHEN f.nm_last2 IS NOT NULL THEN [f.nm_last1, f.nm_last2] END',
  surname_phonetic: '[f.nm_last_phon, f.nm_last2_phon]',
  given_name: '[f.nm_first_canon]',
  given_form: "string_split(f.nm_first_forms, ' ')",
  given_phonetic: '[f.nm_first_phon]',
  given_initial: '[left(f.nm_first, 1)]',
  given_first_token: "[split_part(f.nm_first, ' ', 1)]",
  middle_name: '[f.nm_middle]',
  middle_first_token: "[split_part(f.nm_middle, ' ', 1)]",
  middle_initial_alone: 'CASE WHEN length(f.nm_middle) = 1 THEN [f.nm_middle] END',
  home: `[${HOME_KEY('f')}]`,
  street_place: "[f.ad_street || ' ' || f.ad_postcode]",
  number_street: "[f.ad_number || ' ' || f.ad_street]",
  postcode: '[f.ad_postcode]',
  city: '[f.ad_city]',
};

const TERM_COUNTS_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.termCounts} AS
WITH profiles AS (
  SELECT DISTINCT taxpayer_id, nm_first, nm_first_canon, nm_first_forms, nm_first_phon, nm_middle, nm_last,
    nm_last1, nm_last2, nm_last_phon, nm_last2_phon, ad_number, ad_street, ad_pobox, ad_postcode, ad_city
  FROM reference_records
),
carried AS (
  ${FREQUENCY_TABLE_NAMES.map((t) => `SELECT DISTINCT '${t}' AS tbl, taxpayer_id, unnest(${VALUES_OF[t]}) AS value FROM profiles f`).join('\n  UNION ALL ')}
)
SELECT tbl, value, count(*) AS taxpayers FROM carried WHERE value IS NOT NULL AND value <> '' GROUP BY tbl, value`;

/** The taxpayers carrying any of the distinct values of the SQL list `values`, over request row `r`. */
const countTaxpayers: CountTaxpayers = (table, values) =>
  `coalesce((SELECT sum(t.taxpayers) FROM (SELECT DISTINCT unnest(${values}) AS value) q
     JOIN ${WORK_TABLES.termCounts} t ON t.tbl = '${table}' AND t.value = q.value), 0)`;

/** A level that weighs its shared value by frequency: its field, code, and the columns of its counts. */
export interface TermFrequencyLevel {
  field: ComparisonField;
  code: number;
  /** Taxpayers agreeing with the request at this level through the value they share. */
  column: string;
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

const REQUEST_COUNTS_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.requestTermCounts} AS
SELECT r.request_id,
  ${TERM_FREQUENCY_LEVELS.map((t) => `(${t.sql})::DOUBLE AS ${t.column}`).join(',\n  ')}
FROM (${PENDING_REQUESTS_SQL}) r`;

/**
 * Counts, per frequency table and value, the taxpayers carrying it, then per pending request of the
 * batch and per tf level the taxpayers that agree with it there (the `requestTermCounts` table).
 */
export async function computeTermFrequencies(store: Store, batchId: string): Promise<void> {
  await store.run(TERM_COUNTS_SQL);
  await store.run(REQUEST_COUNTS_SQL, [batchId]);
}
