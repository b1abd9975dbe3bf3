import { distinctReferenceSql, REFERENCE_ROWS_TABLE } from '../reference/reference-tables.ts';
import { PENDING_REQUESTS_SQL } from './matcher.ts';

/**
 * The SQL of blocking, level by level, over named work tables, every pass at once (a few large
 * statements keep both cores busy and run unchanged on a distributed SQL engine). Level 0 holds
 * each pass's own keys. A key shared by more taxpayers than the block limit is not dropped but
 * refined: at the next level each of its rows gets the key plus one more field (one key per
 * alternative of the pass's refinement list), and so on. Only keys within the limit are joined, so
 * a request meets at most `limit` taxpayers per key, whatever the size of the reference.
 * Keys are carried as 64-bit hashes of the pass and the key's values (joins and counts over tens of
 * millions of keys run on integers); a hash collision could only merge two blocks, adding pairs to
 * compare, never losing one.
 */

/**
 * One more field that splits a key too common to join on: its values as SQL expressions over a row
 * alias (`r` request, `f` reference; a null value gives no key), tagged so alternatives never collide.
 */
export interface Refinement {
  tag: string;
  values: (alias: string) => string[];
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

/**
 * Where the reference side of blocking is kept: the reference's profiles, the level-0 keys of every
 * profile and how many taxpayers hold each key. They depend on the reference alone, so the
 * reference load builds them once (reference-blocking.ts) and every match reads them; a match
 * against a reference whose stored tables are missing or stale builds the same tables as
 * temporary ones (TEMPORARY_REFERENCE_BLOCKING) for itself.
 */
export interface ReferenceBlockingTables {
  /**
   * (row_id, taxpayer_no, taxpayer_id, BLOCKING_COLUMNS…): the reference's distinct rows as
   * blocking sees them. taxpayer_no numbers the taxpayers, so that the keys, the block counts and
   * the joins carry an integer instead of the text id (a few times cheaper to hash, count and join
   * over tens of millions of keys); the candidate pairs get the id back.
   */
  profiles: string;
  /** (key, pass, taxpayer_no, row_id): every profile's level-0 keys. */
  keys: string;
  /** (key, pass, taxpayers): how many taxpayers hold each level-0 key. */
  counts: string;
}

/** The reference stage's tables (migration 130), built by the reference load. */
export const STORED_REFERENCE_BLOCKING: ReferenceBlockingTables = {
  profiles: 'reference_block_profiles',
  keys: 'reference_block_keys',
  counts: 'reference_block_key_counts',
};

/** The same tables built by a match for itself, when the stored ones do not fit the reference. */
export const TEMPORARY_REFERENCE_BLOCKING: ReferenceBlockingTables = {
  profiles: 'linkage_block_profiles',
  keys: 'linkage_block_reference_keys0',
  counts: 'linkage_block_key_counts',
};

/**
 * (request_no, request_id, BLOCKING_COLUMNS…): the pending requests as blocking reads them,
 * numbered so that their keys, the per-request budget and the pairs carry an integer rather than
 * the text id (the request side holds some 25 keys per request: tens of millions of rows at the
 * full size); the candidate pairs get the id back.
 */
export const BLOCKING_REQUESTS_TABLE = 'linkage_block_requests';
/** (request_no, pass, level, key): the pending requests' keys. */
export const REQUEST_KEYS_TABLE = 'linkage_block_request_keys';
/** (taxpayer_no, row_id, pass, level, key): the reference's keys of the blocks some request joins or refines. */
export const REFERENCE_KEYS_TABLE = 'linkage_block_reference_keys';
/** (pass, level, key, requests, taxpayers, verdict): every shared key's block size and what was done with it. */
export const BLOCK_SIZES_TABLE = 'linkage_block_sizes';
/** (request_no, pass, key, taxpayers, joined): each request's kept keys, in the order the budget spends them. */
export const REQUEST_BUDGET_TABLE = 'linkage_block_request_budget';
/** (requests, max_block_taxpayers, request_budget): the run's requests, the block limit and the per-request budget in force. */
export const BLOCKING_SUMMARY_TABLE = 'linkage_blocking_summary';
/** (pass, level, keys_kept, keys_refined, keys_dropped, comparisons, comparisons_joined): each level's figures, counted before joining. */
export const BLOCKING_STATS_TABLE = 'linkage_blocking_stats';

/** The tables blocking works in, dropped when the candidate pairs are made. */
export const BLOCKING_WORK_TABLES = [
  BLOCKING_REQUESTS_TABLE,
  REQUEST_KEYS_TABLE,
  REFERENCE_KEYS_TABLE,
  BLOCK_SIZES_TABLE,
  REQUEST_BUDGET_TABLE,
] as const;
/** The reference's tables a match built for itself (TEMPORARY_REFERENCE_BLOCKING), dropped with the work tables. */
export const TEMPORARY_REFERENCE_TABLES: readonly string[] = [
  TEMPORARY_REFERENCE_BLOCKING.profiles,
  TEMPORARY_REFERENCE_BLOCKING.keys,
  TEMPORARY_REFERENCE_BLOCKING.counts,
];
/** The tables of figures blocking leaves for its report, dropped once it is read. */
export const BLOCKING_FIGURES_TABLES = [BLOCKING_SUMMARY_TABLE, BLOCKING_STATS_TABLE] as const;

export const CREATE_WORK_TABLES_SQL = `
CREATE OR REPLACE TEMP TABLE ${REQUEST_KEYS_TABLE} (request_no BIGINT, pass INTEGER, level INTEGER, key UBIGINT);
CREATE OR REPLACE TEMP TABLE ${REFERENCE_KEYS_TABLE} (taxpayer_no BIGINT, row_id BIGINT, pass INTEGER, level INTEGER, key UBIGINT);
CREATE OR REPLACE TEMP TABLE ${BLOCK_SIZES_TABLE} (pass INTEGER, level INTEGER, key UBIGINT, requests BIGINT, taxpayers BIGINT, verdict VARCHAR);
CREATE OR REPLACE TEMP TABLE ${BLOCKING_SUMMARY_TABLE} (requests BIGINT, max_block_taxpayers INTEGER, request_budget INTEGER)`;

/** The pending requests, numbered ($1 = batch id): BLOCKING_REQUESTS_TABLE. */
export const BLOCKING_REQUESTS_SQL = `
CREATE OR REPLACE TEMP TABLE ${BLOCKING_REQUESTS_TABLE} AS
SELECT row_number() OVER () AS request_no, request_id, ${BLOCKING_COLUMNS.join(', ')}
FROM (${PENDING_REQUESTS_SQL})`;

/** Every pass's level-0 keys, one row per (row, pass, key value): a UNION ALL of simple unnests. */
function passKeys(
  passes: readonly BlockingPass[],
  side: 'request' | 'reference',
  rows: string,
  id: string,
): string {
  return passes
    .map(
      (pass, index) =>
        `SELECT ${id}, ${index} AS pass, unnest(${side === 'request' ? pass.requestKeys : pass.referenceKeys}) AS k FROM ${rows}`,
    )
    .join('\nUNION ALL ');
}

/**
 * The statements that build the reference side of blocking into `tables` (temporary ones when
 * `temporary`): the profiles; every profile's level-0 keys; each key's taxpayers, counted pass by
 * pass. They read the reference only: no request. The numbers are only join keys, but a taxpayer's
 * profiles are numbered together and stored in that order: the keys, written pass by pass in the
 * profiles' order, then carry a taxpayer_no that only grows within a pass, which DuckDB stores in a
 * few bits a row instead of the whole number (at 1 million reference rows, about a quarter fewer
 * blocks of keys to compress, encrypt, write and read back), for a sort of the profiles.
 */
export function referenceBlockingSql(
  passes: readonly BlockingPass[],
  tables: ReferenceBlockingTables,
  temporary: boolean,
): string[] {
  const create = `CREATE OR REPLACE ${temporary ? 'TEMP ' : ''}TABLE`;
  return [
    `${create} ${tables.profiles} AS
SELECT row_number() OVER (ORDER BY n.taxpayer_no) AS row_id, n.taxpayer_no, p.* FROM (
  ${distinctReferenceSql(BLOCKING_COLUMNS)}) p
JOIN (SELECT taxpayer_id, row_number() OVER () AS taxpayer_no FROM (SELECT DISTINCT taxpayer_id FROM ${REFERENCE_ROWS_TABLE})) n
  USING (taxpayer_id)
ORDER BY row_id`,
    `${create} ${tables.keys} AS
SELECT hash(pass, k) AS key, pass, taxpayer_no, row_id FROM (
  ${passKeys(passes, 'reference', `${tables.profiles} f`, 'f.taxpayer_no, f.row_id')})
WHERE k IS NOT NULL`,
    `${create} ${tables.counts} (key UBIGINT, pass INTEGER, taxpayers BIGINT)`,
    // Pass by pass (the keys are stored in pass order, so each scan reads its pass's row groups
    // only): the distinct (key, taxpayer) pairs of one pass fit in memory where all of them may not.
    ...passes.map(
      (_, pass) => `INSERT INTO ${tables.counts}
SELECT key, ${pass}, count(DISTINCT taxpayer_no) FROM ${tables.keys} WHERE pass = ${pass} GROUP BY key`,
    ),
  ];
}

/** The tagged refinement values of a row at `level`, chosen by its pass, as one SQL list. */
function refinementValues(passes: readonly BlockingPass[], level: number, alias: string): string {
  const branches = passes.flatMap((pass, index) => {
    const alternatives = pass.refinements[level - 1];
    if (!alternatives?.length) return [];
    const values = alternatives.flatMap((r) => r.values(alias).map((v) => `'${r.tag}:' || ${v}`));
    return [`WHEN ${index} THEN [${values.join(', ')}]`];
  });
  return `CASE pass ${branches.join(' ')} ELSE [] END`;
}

const refinedKeys = (level: number) =>
  `(SELECT key FROM ${BLOCK_SIZES_TABLE} WHERE level = ${level} AND verdict = 'refined')`;

/** Level-`level` keys of the pending requests (BLOCKING_REQUESTS_TABLE). */
export function requestKeysSql(passes: readonly BlockingPass[], level: number): string {
  if (level === 0)
    return `
INSERT INTO ${REQUEST_KEYS_TABLE}
SELECT DISTINCT request_no, pass, 0, hash(pass, k) FROM (${passKeys(passes, 'request', `${BLOCKING_REQUESTS_TABLE} r`, 'r.request_no')})
WHERE k IS NOT NULL`;
  return `
INSERT INTO ${REQUEST_KEYS_TABLE}
SELECT DISTINCT request_no, pass, ${level}, hash(parent, s) FROM (
  SELECT q.request_no, q.pass, q.key AS parent, unnest(${refinementValues(passes, level, 'r')}) AS s
  FROM ${REQUEST_KEYS_TABLE} q JOIN ${BLOCKING_REQUESTS_TABLE} r ON r.request_no = q.request_no
  WHERE q.level = ${level - 1} AND q.key IN ${refinedKeys(level - 1)})
WHERE s IS NOT NULL`;
}

/**
 * Level-`level` keys of the reference rows, kept only where a block of the level may be joined.
 * Level 0 reads the reference's stored keys of the blocks the per-request budget joins: their
 * sizes are known from the stored counts (blockSizesSql), so level 0 is read once the budget is
 * spent (REQUEST_BUDGET_SQL), after the further levels. A row's key at a further
 * level extends its key at the level before, and only where that key was refined: level 1 reads
 * the refined parents straight from the stored keys (a refined block's rows, most of the
 * reference's at 10 million rows, are never held in the work tables), a further level from the
 * keys the level before kept; a key is kept where some request has the same key.
 */
export function referenceKeysSql(
  passes: readonly BlockingPass[],
  level: number,
  reference: ReferenceBlockingTables,
): string {
  if (level === 0)
    return `
INSERT INTO ${REFERENCE_KEYS_TABLE}
SELECT taxpayer_no, row_id, pass, 0, key FROM ${reference.keys}
WHERE key IN (SELECT key FROM ${REQUEST_BUDGET_TABLE} WHERE level = 0 AND joined)`;
  const parents =
    level === 1
      ? `${reference.keys} t JOIN ${reference.profiles} f ON f.row_id = t.row_id
    WHERE t.key IN ${refinedKeys(0)}`
      : `${REFERENCE_KEYS_TABLE} t JOIN ${reference.profiles} f ON f.row_id = t.row_id
    WHERE t.level = ${level - 1} AND t.key IN ${refinedKeys(level - 1)}`;
  return `
INSERT INTO ${REFERENCE_KEYS_TABLE}
SELECT taxpayer_no, row_id, pass, ${level}, k FROM (
  SELECT taxpayer_no, row_id, pass, hash(parent, s) AS k FROM (
    SELECT t.taxpayer_no, t.row_id, t.pass, t.key AS parent, unnest(${refinementValues(passes, level, 'f')}) AS s
    FROM ${parents})
  WHERE s IS NOT NULL)
WHERE k IN (SELECT key FROM ${REQUEST_KEYS_TABLE} WHERE level = ${level})`;
}

/**
 * How many requests and taxpayers share each key of a level, and the verdict: joined (`kept`) when
 * the block holds at most $1 taxpayers, else `refined` if its pass has a further level, else
 * `dropped`. Counting the blocks before joining them is what bounds the work (as Splink's
 * blocking analysis counts each rule's comparisons before running it).
 */
export function blockSizesSql(
  passes: readonly BlockingPass[],
  level: number,
  reference: ReferenceBlockingTables,
): string {
  const refinable = passes.flatMap((pass, index) => (pass.refinements.length > level ? [index] : []));
  const taxpayers =
    level === 0
      ? `SELECT key, pass, taxpayers FROM ${reference.counts}`
      : // The distinct (key, taxpayer) pairs first, then counted: one hash table, not a set per key.
        `SELECT key, pass, count(*) AS taxpayers FROM (
  SELECT DISTINCT key, pass, taxpayer_no FROM ${REFERENCE_KEYS_TABLE} WHERE level = ${level}) GROUP BY pass, key`;
  return `
INSERT INTO ${BLOCK_SIZES_TABLE}
SELECT t.pass, ${level}, key, q.requests, t.taxpayers,
  CASE WHEN t.taxpayers <= $1 THEN 'kept'
       WHEN t.pass IN (${refinable.length ? refinable.join(', ') : 'NULL'}) THEN 'refined'
       ELSE 'dropped' END
FROM (${taxpayers}) t
JOIN (SELECT key, count(*) AS requests FROM ${REQUEST_KEYS_TABLE} WHERE level = ${level} GROUP BY key) q USING (key)`;
}

/** Whether any key of `level` is to be refined at the next level. */
export function anyRefinedSql(level: number): string {
  return `SELECT count(*) AS n FROM ${BLOCK_SIZES_TABLE} WHERE level = ${level} AND verdict = 'refined'`;
}

/**
 * The per-request budget, decided from the block sizes counted before joining: each request's kept
 * keys ordered from the rarest (fewest taxpayers: the most telling, as a rare surname is) to the
 * most common, joined while the taxpayers of the keys already joined stay under $1. A request's
 * rarest key is always joined. The true taxpayer shares many keys with its request (every pass that
 * survives the request's defects), the rarest among them; a common key adds mostly strangers. So
 * the comparisons per request are bounded by the budget (plus one block) whatever the size of the
 * reference, where the block limit alone bounds them only by the limit times the request's keys.
 */
export const REQUEST_BUDGET_SQL = `
CREATE OR REPLACE TEMP TABLE ${REQUEST_BUDGET_TABLE} AS
SELECT request_no, pass, level, key, taxpayers, coalesce(spent_before, 0) < $1 AS joined FROM (
  SELECT *,
    sum(taxpayers) OVER (PARTITION BY request_no ORDER BY taxpayers, pass, level, key
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS spent_before
  FROM (
    SELECT q.request_no, q.pass, q.level, q.key, b.taxpayers
    FROM ${REQUEST_KEYS_TABLE} q JOIN ${BLOCK_SIZES_TABLE} b ON b.key = q.key AND b.verdict = 'kept'))`;

/** Per pass and level: keys joined, refined and dropped, and Σ requests × taxpayers over the joined ones (before and within the budget). */
export const LEVEL_FIGURES_SQL = `
CREATE OR REPLACE TEMP TABLE ${BLOCKING_STATS_TABLE} AS
SELECT s.pass, s.level, s.keys_kept, s.keys_refined, s.keys_dropped, s.comparisons,
  coalesce(j.comparisons_joined, 0) AS comparisons_joined
FROM (
  SELECT pass, level,
    count(*) FILTER (WHERE verdict = 'kept') AS keys_kept,
    count(*) FILTER (WHERE verdict = 'refined') AS keys_refined,
    count(*) FILTER (WHERE verdict = 'dropped') AS keys_dropped,
    coalesce(sum(requests * taxpayers) FILTER (WHERE verdict = 'kept'), 0) AS comparisons
  FROM ${BLOCK_SIZES_TABLE} GROUP BY pass, level) s
LEFT JOIN (
  SELECT pass, level, sum(taxpayers) AS comparisons_joined
  FROM ${REQUEST_BUDGET_TABLE} WHERE joined GROUP BY pass, level) j USING (pass, level)`;

/**
 * The candidate pairs: every request with every taxpayer of each key the budget joined, with the
 * passes that found the pair as a bit mask (bit i = pass i).
 */
export function candidatePairsSql(table: string, reference: ReferenceBlockingTables): string {
  return `
CREATE OR REPLACE TEMP TABLE ${table} AS
SELECT m.request_id, n.taxpayer_id, p.pass_mask FROM (
  SELECT q.request_no, t.taxpayer_no, bit_or(1 << q.pass)::INTEGER AS pass_mask
  FROM ${REQUEST_BUDGET_TABLE} q
  JOIN ${REFERENCE_KEYS_TABLE} t ON t.key = q.key
  WHERE q.joined
  GROUP BY q.request_no, t.taxpayer_no) p
JOIN ${BLOCKING_REQUESTS_TABLE} m USING (request_no)
JOIN (SELECT DISTINCT taxpayer_no, taxpayer_id FROM ${reference.profiles}) n USING (taxpayer_no)`;
}
