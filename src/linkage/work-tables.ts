import type { Store } from '../store/store.ts';
import { BLOCKING_FIGURES_TABLES, BLOCKING_WORK_TABLES, TEMPORARY_REFERENCE_TABLES } from './blocking-sql.ts';

/**
 * Every temporary table a matching run works in, by role: each step names its tables from here,
 * and the run drops them all when it ends, whether it succeeded or failed (a failed run inside a
 * long-lived connection would otherwise leave millions of pairs behind for the next one).
 */
export const WORK_TABLES = {
  /** (request_id, taxpayer_id, pass_mask): blocking's candidate pairs. */
  candidates: 'linkage_candidates',
  /** The candidate taxpayers' distinct reference rows, while comparing. */
  profiles: 'linkage_profiles',
  /** (request_id, taxpayer_id, pass_mask, lv_<field>…, aor_level, aor_tax_year): compared pairs. */
  compared: 'linkage_compared',
  /** (field, level, u, pairs): u from random pairs. */
  u: 'linkage_u',
  /** (field, level, u, pairs): the level shares among different taxpayers sharing a home of record. */
  uHome: 'linkage_u_home',
  /** (lv_<field>…): the comparison vectors of pairs of different taxpayers sharing a home of record. */
  coResidentPairs: 'linkage_co_resident_pairs',
  /** (field, level, m, anchors): m among the TIN anchors. */
  mAnchor: 'linkage_m_anchor',
  /** (pattern_id, lv_<field>…, n): distinct comparison vectors. */
  patterns: 'linkage_patterns',
  /** (pattern_id, n, field, level, …): the patterns in long form. */
  patternLevels: 'linkage_pattern_levels',
  /** (request_id, pattern_id): each candidate pair's pattern, for the per-request E step. */
  pairPatterns: 'linkage_pair_patterns',
  /** (field, level, m): EM's current m. */
  em: 'linkage_em',
  /** (pattern_id, log_bf): a pattern's log Bayes factor under the current m. */
  emPatternBf: 'linkage_em_pattern_bf',
  /** (pattern_id, co_resident_ln): ln Π u_home / m of each pattern at the requested home. */
  emPatternCoResident: 'linkage_em_pattern_co_resident',
  /** (pattern_id, g, k): the posterior match and co-resident mass of each pattern, summed over its pairs. */
  emPosterior: 'linkage_em_posterior',
  /** (tbl, value): the values the batch's requests look up, per frequency table. */
  termValuesAsked: 'linkage_tf_values_asked',
  /** (taxpayer_id, name_id): each taxpayer's distinct names, while counting. */
  termTaxpayerNames: 'linkage_tf_taxpayer_names',
  /** (taxpayer_id, address_id): each taxpayer's distinct addresses, while counting. */
  termTaxpayerAddresses: 'linkage_tf_taxpayer_addresses',
  /** (table, value, taxpayers): how many taxpayers carry each value the batch asks about, per frequency table. */
  termCounts: 'linkage_term_counts',
  /** (request_id, tf_<field>_<level>…): taxpayers agreeing with each request at each tf level. */
  requestTermCounts: 'linkage_request_tf',
  /** (field, level, m, u, weight): the trained weights. */
  weights: 'linkage_weights',
  /** Every candidate pair with its field weights, probability and rank. */
  scored: 'linkage_scored',
  /**
   * (asked, name, distance): for each given name a request asks that no taxpayer carries and that
   * its best candidate reads as a slip of, the carried given names nearest to it (Damerau–Levenshtein,
   * within a few edits), while deciding.
   */
  nearestGivenNames: 'linkage_nearest_given_names',
} as const;

export type WorkTable = (typeof WORK_TABLES)[keyof typeof WORK_TABLES];

/** Every work table of a run, blocking's included. */
export const ALL_WORK_TABLES: readonly string[] = [
  ...Object.values(WORK_TABLES),
  ...BLOCKING_WORK_TABLES,
  ...TEMPORARY_REFERENCE_TABLES,
  ...BLOCKING_FIGURES_TABLES,
];

/** Drops every work table of a run (those that exist). */
export async function dropWorkTables(store: Store): Promise<void> {
  for (const table of ALL_WORK_TABLES) await store.run(`DROP TABLE IF EXISTS ${table}`);
}
