import { PENDING_REQUESTS_SQL } from './matcher.ts';

/**
 * The SQL of one blocking pass, level by level, over named work tables (so that it runs unchanged
 * on a distributed SQL engine). A pass's level-0 keys come from its key expressions; a key shared by
 * more taxpayers than the block limit is not dropped but refined: each of its rows gets level-1
 * keys (the key plus one more field, one key per alternative refinement), and so on. Only keys within
 * the limit are joined, so a request meets at most `limit` taxpayers per key, whatever the size of
 * the reference.
 */

/** A list of key values as a SQL list expression over a row alias (`r` request, `f` reference). */
export type KeyValues = (alias: string) => string;

/** One more field that splits a key too common to join on; its values are tagged so alternatives never collide. */
export interface Refinement {
  tag: string;
  values: KeyValues;
}

export interface BlockingPass {
  name: string;
  /** The level-0 keys of a request (alias `r`) and of a reference row (alias `f`), as SQL list expressions. */
  requestKeys: string;
  referenceKeys: string;
  /** Per refinement level, the alternative fields a too-common key of the level before is split by. */
  refinements: readonly (readonly Refinement[])[];
}

/**
 * The reference columns blocking keys are built from. Blocking reads each taxpayer's distinct rows
 * of these (a taxpayer at one address files the same name and address year after year), numbered
 * so that a refinement goes back to exactly the rows whose key was too common.
 */
export const BLOCKING_COLUMNS = [
  'nm_first',
  'nm_first_canon',
  'nm_first_forms',
  'nm_middle',
  'nm_last1',
  'nm_last2',
  'nm_last_phon',
  'nm_last2_phon',
  'nm_first_phon',
  'n_dob',
  'n_tin',
  'ad_number',
  'ad_street',
  'ad_unit',
  'ad_postcode',
  'ad_city',
  'ad_state',
] as const;

/** (row_id, taxpayer_id, BLOCKING_COLUMNS…): the reference's distinct rows as blocking sees them. */
export const BLOCKING_PROFILES_TABLE = 'linkage_block_profiles';
/** (request_id, level, key): the pending requests' keys of the pass being run. */
export const REQUEST_KEYS_TABLE = 'linkage_block_request_keys';
/** (taxpayer_id, row_id, level, key): the reference's keys that some request also has. */
export const REFERENCE_KEYS_TABLE = 'linkage_block_reference_keys';
/** (level, key, requests, taxpayers, verdict): every shared key's block size and what was done with it. */
export const BLOCK_SIZES_TABLE = 'linkage_block_sizes';
/** (request_id, taxpayer_id, pass_bit): the pairs of every pass run so far. */
export const BLOCK_PAIRS_TABLE = 'linkage_block_pairs';
/** (pass, level, keys_kept, keys_refined, keys_dropped, comparisons): each level's figures, counted before joining. */
export const BLOCKING_STATS_TABLE = 'linkage_blocking_stats';

/** (requests, max_block_taxpayers): the run's requests and the block limit in force. */
export const BLOCKING_SUMMARY_TABLE = 'linkage_blocking_summary';

export const BLOCKING_WORK_TABLES = [
  BLOCKING_PROFILES_TABLE,
  REQUEST_KEYS_TABLE,
  REFERENCE_KEYS_TABLE,
  BLOCK_SIZES_TABLE,
  BLOCK_PAIRS_TABLE,
  BLOCKING_STATS_TABLE,
  BLOCKING_SUMMARY_TABLE,
] as const;

export const CREATE_WORK_TABLES_SQL = `
CREATE OR REPLACE TEMP TABLE ${BLOCKING_PROFILES_TABLE} AS
SELECT row_number() OVER () AS row_id, * FROM (
  SELECT DISTINCT taxpayer_id, ${BLOCKING_COLUMNS.join(', ')} FROM reference_records);
CREATE OR REPLACE TEMP TABLE ${REQUEST_KEYS_TABLE} (request_id VARCHAR, level INTEGER, key VARCHAR);
CREATE OR REPLACE TEMP TABLE ${REFERENCE_KEYS_TABLE} (taxpayer_id VARCHAR, row_id BIGINT, level INTEGER, key VARCHAR);
CREATE OR REPLACE TEMP TABLE ${BLOCK_SIZES_TABLE} (level INTEGER, key VARCHAR, requests BIGINT, taxpayers BIGINT, verdict VARCHAR);
CREATE OR REPLACE TEMP TABLE ${BLOCK_PAIRS_TABLE} (request_id VARCHAR, taxpayer_id VARCHAR, pass_bit INTEGER);
CREATE OR REPLACE TEMP TABLE ${BLOCKING_STATS_TABLE} (pass VARCHAR, level INTEGER, keys_kept BIGINT, keys_refined BIGINT, keys_dropped BIGINT, comparisons BIGINT);
CREATE OR REPLACE TEMP TABLE ${BLOCKING_SUMMARY_TABLE} (requests BIGINT, max_block_taxpayers INTEGER)`;

/** Empties the per-pass tables before the next pass. */
export const CLEAR_PASS_SQL = `
DELETE FROM ${REQUEST_KEYS_TABLE};
DELETE FROM ${REFERENCE_KEYS_TABLE};
DELETE FROM ${BLOCK_SIZES_TABLE}`;

const nonNull = (list: string) => `list_filter(${list}, x -> x IS NOT NULL)`;

/** The tagged refinement values of a row at one level, as one SQL list. */
function refinementValues(alternatives: readonly Refinement[], alias: string): string {
  const lists = alternatives.map((r) => `list_transform(${r.values(alias)}, v -> '${r.tag}:' || v)`);
  return nonNull(lists.length === 1 ? (lists[0] ?? '[]') : `flatten([${lists.join(', ')}])`);
}

const refinedKeys = (level: number) =>
  `(SELECT key FROM ${BLOCK_SIZES_TABLE} WHERE level = ${level} AND verdict = 'refined')`;

/** Level-`level` keys of the pending requests ($1 = batch id). */
export function requestKeysSql(pass: BlockingPass, level: number): string {
  if (level === 0)
    return `
INSERT INTO ${REQUEST_KEYS_TABLE}
SELECT DISTINCT request_id, 0, k FROM (
  SELECT r.request_id, unnest(${nonNull(pass.requestKeys)}) AS k FROM (${PENDING_REQUESTS_SQL}) r)`;
  const alternatives = pass.refinements[level - 1] ?? [];
  return `
INSERT INTO ${REQUEST_KEYS_TABLE}
SELECT DISTINCT request_id, ${level}, parent || '|' || s FROM (
  SELECT q.request_id, q.key AS parent, unnest(${refinementValues(alternatives, 'r')}) AS s
  FROM ${REQUEST_KEYS_TABLE} q JOIN requests r ON r.batch_id = $1 AND r.request_id = q.request_id
  WHERE q.level = ${level - 1} AND q.key IN ${refinedKeys(level - 1)})`;
}

/**
 * Level-`level` keys of the reference rows, kept only where some request has the same key. A row's
 * key at a level extends its key at the level before, and only where that key was refined.
 */
export function referenceKeysSql(pass: BlockingPass, level: number): string {
  const keys =
    level === 0
      ? `SELECT f.taxpayer_id, f.row_id, unnest(${nonNull(pass.referenceKeys)}) AS k FROM ${BLOCKING_PROFILES_TABLE} f`
      : `SELECT t.taxpayer_id, t.row_id, t.key || '|' || unnest(${refinementValues(pass.refinements[level - 1] ?? [], 'f')}) AS k
         FROM ${REFERENCE_KEYS_TABLE} t JOIN ${BLOCKING_PROFILES_TABLE} f ON f.row_id = t.row_id
         WHERE t.level = ${level - 1} AND t.key IN ${refinedKeys(level - 1)}`;
  return `
INSERT INTO ${REFERENCE_KEYS_TABLE}
SELECT DISTINCT taxpayer_id, row_id, ${level}, k FROM (${keys})
WHERE k IN (SELECT key FROM ${REQUEST_KEYS_TABLE} WHERE level = ${level})`;
}

/**
 * How many requests and taxpayers share each key of a level, and the verdict: joined (`kept`) when
 * the block holds at most $1 taxpayers, else `refined` (or `dropped` at the last level). Counting
 * the blocks before joining them is what bounds the work (Splink's blocking analysis does the same).
 */
export function blockSizesSql(level: number, lastLevel: boolean): string {
  return `
INSERT INTO ${BLOCK_SIZES_TABLE}
SELECT ${level}, key, q.requests, t.taxpayers,
  CASE WHEN t.taxpayers <= $1 THEN 'kept' WHEN ${lastLevel ? 'false' : 'true'} THEN 'refined' ELSE 'dropped' END
FROM (SELECT key, count(DISTINCT taxpayer_id) AS taxpayers FROM ${REFERENCE_KEYS_TABLE} WHERE level = ${level} GROUP BY key) t
JOIN (SELECT key, count(*) AS requests FROM ${REQUEST_KEYS_TABLE} WHERE level = ${level} GROUP BY key) q USING (key)`;
}

/** The figures of one level of a pass, counted from the block sizes before any pair is made ($1 = pass name). */
export function levelStatsSql(level: number): string {
  return `
INSERT INTO ${BLOCKING_STATS_TABLE}
SELECT $1, ${level},
  count(*) FILTER (WHERE verdict = 'kept'),
  count(*) FILTER (WHERE verdict = 'refined'),
  count(*) FILTER (WHERE verdict = 'dropped'),
  coalesce(sum(requests * taxpayers) FILTER (WHERE verdict = 'kept'), 0)
FROM ${BLOCK_SIZES_TABLE} WHERE level = ${level}`;
}

/** The pass's pairs: every request with every taxpayer of each kept block ($1 = the pass's bit). */
export const PASS_PAIRS_SQL = `
INSERT INTO ${BLOCK_PAIRS_TABLE}
SELECT DISTINCT q.request_id, t.taxpayer_id, $1::INTEGER
FROM ${REQUEST_KEYS_TABLE} q
JOIN ${BLOCK_SIZES_TABLE} b ON b.level = q.level AND b.key = q.key AND b.verdict = 'kept'
JOIN ${REFERENCE_KEYS_TABLE} t ON t.level = q.level AND t.key = q.key`;
