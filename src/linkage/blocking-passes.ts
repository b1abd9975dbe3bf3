import type { Store } from '../store/store.ts';
import { latestLinkageRun, PENDING_REQUESTS_SQL } from './matcher.ts';

/**
 * Blocking: which (request, taxpayer) pairs get compared at all. A union of passes, each a join on
 * a key that the true pair very likely shares even when other fields are corrupted; a pair found
 * by any pass is a candidate. Keys are SQL list expressions (a request or reference row may give
 * several keys, e.g. either of two surnames) over the alias `r` (request) or `f` (reference row).
 */
export interface BlockingPass {
  name: string;
  requestKeys: string;
  referenceKeys: string;
}

/**
 * A key shared by more than this many taxpayers is skipped in that pass. Why: comparisons grow as
 * requests × block size, and a key that common (SMITH in a large ZIP3, JOSE born in 1980) says
 * little by itself; a true pair inside such a block also shares a rarer key (date of birth, the
 * street address, the TIN) that another pass joins on. 200 keeps the worst case at 200
 * comparisons per request per pass — about 280 million for 100,000 requests over 14 passes,
 * seconds of DuckDB work — while the rarer keys of real populations stay far below it.
 */
export const MAX_BLOCK_TAXPAYERS = 200;

const key = (...parts: string[]) => parts.join(` || '|' || `);
const zip3 = (alias: string) => `left(${alias}.ad_postcode, 3)`;
const year = (alias: string) => `left(${alias}.n_dob, 4)`;
/**
 * Keys of a given name with another part: one per formal name the given name may stand for, so
 * that ALEX meets ALEJANDRO and ALEXANDER (rows stored before migration 030 fall back to the canonical form).
 */
const givenWith = (alias: string, other: string) =>
  `list_transform(string_split(coalesce(${alias}.nm_first_forms, ${alias}.nm_first_canon), ' '), g -> ${key('g', other)})`;

export const BLOCKING_PASSES: readonly BlockingPass[] = [
  { name: 'tin', requestKeys: '[r.n_tin]', referenceKeys: '[f.n_tin]' },
  {
    name: 'surname_phonetic+zip3',
    requestKeys: `[${key('r.nm_last_phon', zip3('r'))}, ${key('r.nm_last2_phon', zip3('r'))}]`,
    referenceKeys: `[${key('f.nm_last_phon', zip3('f'))}, ${key('f.nm_last2_phon', zip3('f'))}]`,
  },
  {
    // The request's keys include given name and surname swapped, so a swapped request still meets its taxpayer.
    name: 'given+surname_either_order',
    requestKeys: `list_concat(${givenWith('r', 'r.nm_last1')}, ${givenWith('r', 'r.nm_last2')}, [${key('r.nm_last1', "split_part(r.nm_first, ' ', 1)")}])`,
    referenceKeys: `list_concat(${givenWith('f', 'f.nm_last1')}, ${givenWith('f', 'f.nm_last2')})`,
  },
  {
    // No place at all: finds a person whose address and date of birth both changed; the block cap
    // drops the common combinations (JOHN SMITH), which the other passes then carry.
    name: 'given+surname_phonetic',
    requestKeys: `list_concat(${givenWith('r', 'r.nm_last_phon')}, ${givenWith('r', 'r.nm_last2_phon')})`,
    referenceKeys: `list_concat(${givenWith('f', 'f.nm_last_phon')}, ${givenWith('f', 'f.nm_last2_phon')})`,
  },
  {
    name: 'given_phonetic+birth_year',
    requestKeys: `[${key('r.nm_first_phon', year('r'))}]`,
    referenceKeys: `[${key('f.nm_first_phon', year('f'))}]`,
  },
  {
    name: 'house_number+street+postcode',
    requestKeys: `[${key('r.ad_number', 'r.ad_street', 'r.ad_postcode')}]`,
    referenceKeys: `[${key('f.ad_number', 'f.ad_street', 'f.ad_postcode')}]`,
  },
  {
    name: 'surname_phonetic+dob',
    requestKeys: `[${key('r.nm_last_phon', 'r.n_dob')}, ${key('r.nm_last2_phon', 'r.n_dob')}]`,
    referenceKeys: `[${key('f.nm_last_phon', 'f.n_dob')}, ${key('f.nm_last2_phon', 'f.n_dob')}]`,
  },
  {
    // A mover keeps the date of birth; a typo-ridden name keeps the postcode.
    name: 'dob+postcode',
    requestKeys: `[${key('r.n_dob', 'r.ad_postcode')}]`,
    referenceKeys: `[${key('f.n_dob', 'f.ad_postcode')}]`,
  },
  {
    name: 'dob+city',
    requestKeys: `[${key('r.n_dob', 'r.ad_city')}]`,
    referenceKeys: `[${key('f.n_dob', 'f.ad_city')}]`,
  },
  {
    // A mistyped postal code leaves the number and street.
    name: 'house_number+street',
    requestKeys: `[${key('r.ad_number', 'r.ad_street')}]`,
    referenceKeys: `[${key('f.ad_number', 'f.ad_street')}]`,
  },
  {
    // The house number and postal code survive a misspelt or reformatted street name.
    name: 'house_number+postcode',
    requestKeys: `[${key('r.ad_number', 'r.ad_postcode')}]`,
    referenceKeys: `[${key('f.ad_number', 'f.ad_postcode')}]`,
  },
  {
    // A misspelt surname and a missing date of birth leave the given name and the postal code.
    name: 'given+postcode',
    requestKeys: givenWith('r', 'r.ad_postcode'),
    referenceKeys: givenWith('f', 'f.ad_postcode'),
  },
  {
    // A wrong or missing house number leaves the street and the postal code.
    name: 'street+postcode',
    requestKeys: `[${key('r.ad_street', 'r.ad_postcode')}]`,
    referenceKeys: `[${key('f.ad_street', 'f.ad_postcode')}]`,
  },
  {
    name: 'dob+given_initial',
    requestKeys: `[${key('r.n_dob', 'left(r.nm_first, 1)')}]`,
    referenceKeys: `[${key('f.n_dob', 'left(f.nm_first, 1)')}]`,
  },
];

function passSql(pass: BlockingPass): string {
  return `
INSERT INTO linkage_block_pairs
WITH request_keys AS (
  SELECT DISTINCT request_id, k FROM (
    SELECT r.request_id, unnest(list_filter(${pass.requestKeys}, x -> x IS NOT NULL)) AS k
    FROM (${PENDING_REQUESTS_SQL}) r)
),
reference_keys AS (
  SELECT DISTINCT taxpayer_id, k FROM (
    SELECT f.taxpayer_id, unnest(list_filter(${pass.referenceKeys}, x -> x IS NOT NULL)) AS k
    FROM reference_records f)
  WHERE k IN (SELECT k FROM request_keys)
),
small_blocks AS (
  SELECT k FROM reference_keys GROUP BY k HAVING count(*) <= ${MAX_BLOCK_TAXPAYERS}
)
SELECT DISTINCT q.request_id, t.taxpayer_id, $2::INTEGER AS pass_bit
FROM request_keys q JOIN reference_keys t USING (k)
WHERE k IN (SELECT k FROM small_blocks)`;
}

/**
 * Runs every pass and leaves the distinct pairs in `linkage_candidates`, with the passes that
 * found each as a bit mask (bit i = BLOCKING_PASSES[i]): an integer travels through the joins and
 * aggregations over millions of pairs far more cheaply than a list of names.
 */
export async function blockCandidates(store: Store, batchId: string): Promise<void> {
  await store.run(
    'CREATE OR REPLACE TEMP TABLE linkage_block_pairs (request_id VARCHAR, taxpayer_id VARCHAR, pass_bit INTEGER)',
  );
  for (const [index, pass] of BLOCKING_PASSES.entries())
    await store.run(passSql(pass), [batchId, 2 ** index]);
  await store.run(`
    CREATE OR REPLACE TEMP TABLE ${CANDIDATE_PAIRS_TABLE} AS
    SELECT request_id, taxpayer_id, bit_or(pass_bit) AS pass_mask
    FROM linkage_block_pairs GROUP BY request_id, taxpayer_id`);
  await store.run('DROP TABLE linkage_block_pairs');
}

/** The names of the passes in a `pass_mask` column, in alphabetical order, as SQL. */
export function passNamesSql(mask: string): string {
  const passes = BLOCKING_PASSES.map((pass, index) => ({ name: pass.name, bit: 2 ** index })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  const structs = passes.map((p) => `{'name': '${p.name}', 'bit': ${p.bit}}`).join(', ');
  return `[p.name FOR p IN [${structs}] IF (${mask} & p.bit) <> 0]`;
}

export interface BlockingReport {
  candidatePairs: number;
  passes: { name: string; pairs: number }[];
}

/** The temp table blocking leaves: (request_id, taxpayer_id, pass_mask), one row per candidate pair. */
export const CANDIDATE_PAIRS_TABLE = 'linkage_candidates';

/** How many candidate pairs blocking proposed, in all and per pass (from the temp table, before scoring). */
export async function countCandidatePairs(store: Store): Promise<BlockingReport> {
  const [row] = await store.all<Record<string, bigint>>(
    `SELECT count(*) AS total, ${BLOCKING_PASSES.map((_, i) => `count(*) FILTER (WHERE (pass_mask & ${2 ** i}) <> 0) AS p${i}`).join(', ')}
     FROM ${CANDIDATE_PAIRS_TABLE}`,
  );
  return {
    candidatePairs: Number(row?.['total'] ?? 0),
    passes: BLOCKING_PASSES.map((pass, i) => ({ name: pass.name, pairs: Number(row?.[`p${i}`] ?? 0) })),
  };
}

/**
 * The blocking figures of a batch's latest matching run, as the run stored them (only the
 * candidates a decision or its explanation uses are kept, so they cannot be counted afterwards).
 */
export async function blockingReport(store: Store, batchId: string): Promise<BlockingReport> {
  const run = await latestLinkageRun(store, batchId);
  const blocking = run?.parameters['blocking'] as BlockingReport | undefined;
  return blocking ?? { candidatePairs: 0, passes: BLOCKING_PASSES.map((p) => ({ name: p.name, pairs: 0 })) };
}
