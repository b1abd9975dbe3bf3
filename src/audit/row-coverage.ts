import { createHash } from 'node:crypto';
import { DeskError } from '../errors.ts';
import type { Dialect, Store } from '../store/store.ts';

/**
 * The rows an audit event wrote, hashed into the event (issue 11: an edit or deletion in the
 * ledger or the decisions must fail verification and name the event). Each covered table is
 * split per batch into 256 buckets by the row key; an event records, for every bucket it wrote,
 * how many rows the bucket holds after it and their SHA-256 in a canonical form (each row as JSON
 * of the columns below, sorted by key). The latest record per bucket must match the table.
 *
 * The column lists are the canonical form: a column another stage adds later is not covered until
 * it is listed here, so that adding a column never makes past events fail verification.
 */
export const COVERED_TABLES = {
  requests: {
    key: 'request_id',
    columns: [
      'batch_id',
      'row_number',
      'request_id',
      'first_name',
      'middle_name',
      'last_name',
      'dob',
      'address_line1',
      'address_line2',
      'city',
      'state',
      'zip',
      'tin',
      'removal_order_date',
      'statutory_authority',
      'investigation_id',
      'investigating_officer',
      'taxable_periods',
      'reason',
    ],
  },
  decisions: {
    key: 'request_id',
    columns: [
      'batch_id',
      'request_id',
      'outcome',
      'rule_id',
      'reason',
      'taxpayer_id',
      'match_probability',
      'explanation',
      'decided_by',
      'decided_at',
    ],
  },
  ledger: {
    key: 'request_id',
    columns: [
      'entry_id',
      'batch_id',
      'request_id',
      'taxpayer_id',
      'tax_year',
      'requesting_agency',
      'program_id',
      'program_version',
      'statutory_authority',
      'purpose',
      'recipient',
      'fields_disclosed',
      'disclosed_at',
      'response_sha256',
    ],
  },
  /** The batch row itself: its stage above all (a released batch set back to approved would release twice). */
  batches: {
    key: 'batch_id',
    columns: [
      'batch_id',
      'program_id',
      'program_version',
      'requesting_agency',
      'requesting_official',
      'statutory_authority',
      'attestation',
      'record_count',
      'records_sha256',
      'stage',
      'received_at',
      'signer_fingerprint',
    ],
  },
} as const satisfies Record<string, { key: string; columns: readonly string[] }>;

export type CoveredTable = keyof typeof COVERED_TABLES;

/** What an event wrote: a table's rows of one batch, all of them or those of some requests. */
export interface CoverRequest {
  table: CoveredTable;
  batchId: string;
  /** Only the buckets of these requests (a review decision); default: every bucket of the batch. */
  requestIds?: readonly string[];
  /**
   * The table as hashed earlier in the same transaction (`coverageSnapshot`, `assertCoverageIntact`),
   * when nothing has written its rows since (an approval binds the decisions it checked): the event
   * records those digests instead of hashing every row again.
   */
  unchangedSince?: CoverageSnapshot;
}

/** A table's digests for one batch at one point of a transaction (buckets null: all of them). */
export interface CoverageSnapshot {
  table: CoveredTable;
  batchId: string;
  buckets: readonly string[] | null;
  digests: ReadonlyMap<string, CoverageRow>;
}

export interface CoverageRow {
  table_name: CoveredTable;
  batch_id: string;
  bucket: string;
  row_count: number;
  rows_sha256: string;
}

export const EMPTY_ROWS_SHA256 = createHash('sha256').digest('hex');

/** The bucket of a row key: the first two hex digits of its MD5 (partitioning only, not security). */
export function bucketOf(key: string): string {
  return createHash('md5').update(key).digest('hex').slice(0, 2);
}

/**
 * Each adapter hashes rows in its own JSON (DuckDB's to_json of a struct, PostgreSQL's json_build_object
 * text): a desk's coverage is recorded and checked by the same database, so the two need not agree,
 * only each with itself.
 */
function digestSql(dialect: Dialect, table: CoveredTable, where: string): string {
  const { key, columns } = COVERED_TABLES[table];
  // JSON per row is unambiguous (strings are escaped, NULL is null); rows are joined by a
  // newline, which JSON never contains unescaped.
  if (dialect === 'postgres')
    return `SELECT batch_id, substr(md5(row_key), 1, 2) AS bucket, count(*) AS row_count,
              encode(sha256(convert_to(string_agg(row_json, chr(10) ORDER BY row_key COLLATE "C", row_json COLLATE "C"), 'UTF8')), 'hex') AS rows_sha256
            FROM (SELECT batch_id, ${key} AS row_key,
                         json_build_object(${columns.map((c) => `'${c}', ${c}`).join(', ')})::text AS row_json
                  FROM ${table} WHERE ${where}) covered
            GROUP BY batch_id, substr(md5(row_key), 1, 2)`;
  // DuckDB hashes the aggregated buckets in one projection, on one thread: a quarter of the
  // buckets per branch (by the first hex digit of the bucket) lets it hash them on up to four
  // cores. Every bucket is in exactly one branch; the digests are the same.
  return DUCKDB_BRANCHES.map(
    (range) => `SELECT batch_id, substr(md5(${key}), 1, 2) AS bucket, count(*) AS row_count,
            sha256(string_agg(row_json, chr(10) ORDER BY row_key, row_json)) AS rows_sha256
          FROM (SELECT batch_id, ${key} AS row_key, ${key},
                       to_json(struct_pack(${columns.join(', ')}))::VARCHAR AS row_json
                FROM ${table} WHERE (${where}) AND ${range.replaceAll('KEY', key)})
          GROUP BY ALL`,
  ).join('\n UNION ALL ');
}

/** The first hex digit of a bucket in [0, 4), [4, 8), [8, c) and [c, f]: a partition of the buckets. */
const DUCKDB_BRANCHES = [
  "substr(md5(KEY), 1, 1) < '4'",
  "substr(md5(KEY), 1, 1) >= '4' AND substr(md5(KEY), 1, 1) < '8'",
  "substr(md5(KEY), 1, 1) >= '8' AND substr(md5(KEY), 1, 1) < 'c'",
  "substr(md5(KEY), 1, 1) >= 'c'",
] as const;

/** `bucket IN (the comma-separated list $n)` in the store's dialect. */
function bucketIn(dialect: Dialect, key: string, param: string): string {
  return dialect === 'postgres'
    ? `substr(md5(${key}), 1, 2) = ANY(string_to_array(${param}, ','))`
    : `list_contains(string_split(${param}, ','), substr(md5(${key}), 1, 2))`;
}

interface DigestRow {
  batch_id: string;
  bucket: string;
  row_count: bigint | number;
  rows_sha256: string;
}

/** The digests of a batch's buckets as the table stands (buckets without rows are absent). */
async function currentDigests(
  store: Store,
  table: CoveredTable,
  batchId: string,
  buckets: readonly string[] | null,
): Promise<Map<string, CoverageRow>> {
  const rows = await store.all<DigestRow>(
    digestSql(
      store.dialect,
      table,
      buckets === null
        ? 'batch_id = $1'
        : `batch_id = $1 AND ${bucketIn(store.dialect, COVERED_TABLES[table].key, '$2')}`,
    ),
    buckets === null ? [batchId] : [batchId, buckets.join(',')],
  );
  return new Map(rows.map((row) => [row.bucket, toCoverageRow(table, row)]));
}

function toCoverageRow(table: CoveredTable, row: DigestRow): CoverageRow {
  return {
    table_name: table,
    batch_id: row.batch_id,
    bucket: row.bucket,
    row_count: Number(row.row_count),
    rows_sha256: row.rows_sha256,
  };
}

interface RecordedCoverage extends CoverageRow {
  seq: number;
  action: string;
}

/** The latest coverage of each bucket of one table and batch, with the event that recorded it. */
async function latestCoverage(
  store: Store,
  table: CoveredTable,
  batchId: string | null,
): Promise<RecordedCoverage[]> {
  const rows = await store.all<RecordedCoverage & { seq: bigint; row_count: bigint }>(
    `SELECT seq, action, table_name, batch_id, bucket, row_count, rows_sha256 FROM (
       SELECT c.seq, a.action, c.table_name, c.batch_id, c.bucket, c.row_count, c.rows_sha256,
              row_number() OVER (PARTITION BY c.batch_id, c.bucket ORDER BY c.seq DESC) AS latest
       FROM audit_coverage c LEFT JOIN audit_log a USING (seq)
       WHERE c.table_name = $1 AND ($2::VARCHAR IS NULL OR c.batch_id = $2)) coverage
     WHERE latest = 1`,
    [table, batchId],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq), row_count: Number(row.row_count) }));
}

const stageChanged = new Set<string>();

/** advanceStage says so: the next event about this batch covers its row as it now stands. */
export function noteStageChange(batchId: string): void {
  stageChanged.add(batchId);
}

/**
 * The batch row is covered when it is new or its stage just changed; any other event leaves its
 * coverage alone, so that an event never vouches for a stage someone set by hand.
 */
async function batchRowScope(store: Store, batchId: string | null): Promise<CoverRequest[]> {
  if (batchId === null) return [];
  if (stageChanged.delete(batchId)) return [{ table: 'batches', batchId, requestIds: [batchId] }];
  const covered = await store.all(
    "SELECT 1 FROM audit_coverage WHERE table_name = 'batches' AND batch_id = $1 LIMIT 1",
    [batchId],
  );
  return covered.length ? [] : [{ table: 'batches', batchId, requestIds: [batchId] }];
}

/** The coverage rows an event records: every requested bucket as it stands after the event. */
export async function coverageAfterWrite(
  store: Store,
  requests: readonly CoverRequest[],
  batchId: string | null,
): Promise<CoverageRow[]> {
  const out: CoverageRow[] = [];
  const scopes = [...requests, ...(await batchRowScope(store, batchId))];
  for (const scope of scopes) {
    const buckets = scope.requestIds ? [...new Set(scope.requestIds.map(bucketOf))].sort() : null;
    const current = scope.unchangedSince
      ? digestsAsChecked(scope, scope.unchangedSince, buckets)
      : await currentDigests(store, scope.table, scope.batchId, buckets);
    // A bucket covered before and empty now was emptied by this event: record it as 0 rows.
    const previous = (await latestCoverage(store, scope.table, scope.batchId)).filter(
      (row) => row.row_count > 0 && (buckets === null || buckets.includes(row.bucket)),
    );
    const all = new Set([...current.keys(), ...previous.map((row) => row.bucket), ...(buckets ?? [])]);
    for (const bucket of [...all].sort()) {
      const row = current.get(bucket);
      if (row) out.push(row);
      // A requested bucket that never held rows and still holds none says nothing.
      else if (previous.some((p) => p.bucket === bucket))
        out.push({
          table_name: scope.table,
          batch_id: scope.batchId,
          bucket,
          row_count: 0,
          rows_sha256: EMPTY_ROWS_SHA256,
        });
    }
  }
  return out;
}

/** The sorted distinct buckets of some requests, or null for the whole batch. */
const bucketsOf = (requestIds?: readonly string[]): string[] | null =>
  requestIds ? [...new Set(requestIds.map(bucketOf))].sort() : null;

/** The digests of a table's rows of one batch as they stand (of some requests' buckets, or all). */
export async function coverageSnapshot(
  store: Store,
  table: CoveredTable,
  batchId: string,
  requestIds?: readonly string[],
): Promise<CoverageSnapshot> {
  const buckets = bucketsOf(requestIds);
  return { table, batchId, buckets, digests: await currentDigests(store, table, batchId, buckets) };
}

/** The digests a check computed, for the buckets an event covers; refused if the check did not cover them. */
function digestsAsChecked(
  scope: CoverRequest,
  checked: CoverageSnapshot,
  buckets: readonly string[] | null,
): Map<string, CoverageRow> {
  const covers =
    checked.buckets === null ||
    (buckets !== null && buckets.every((bucket) => checked.buckets?.includes(bucket)));
  if (checked.table !== scope.table || checked.batchId !== scope.batchId || !covers)
    throw new Error(
      `the ${checked.table} rows checked for batch ${checked.batchId} are not the ${scope.table} rows the event covers for batch ${scope.batchId}`,
    );
  return new Map([...checked.digests].filter(([bucket]) => buckets === null || buckets.includes(bucket)));
}

/** SHA-256 of an event's coverage rows in a canonical order: what the event's hash covers. */
export function coverageDigest(rows: readonly CoverageRow[]): string | null {
  if (rows.length === 0) return null;
  // Code-unit order, not locale order: the digest must not depend on the machine's locale.
  const key = (row: CoverageRow) => `${row.table_name}\u0000${row.batch_id}\u0000${row.bucket}`;
  const sorted = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const canonical = sorted.map((row) => [
    row.table_name,
    row.batch_id,
    row.bucket,
    row.row_count,
    row.rows_sha256,
  ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** An event's coverage rows, a few hundred rows to a statement (a batch's event has up to 256 a table). */
export async function insertCoverage(store: Store, seq: number, rows: readonly CoverageRow[]): Promise<void> {
  const PER_STATEMENT = 500;
  for (let from = 0; from < rows.length; from += PER_STATEMENT) {
    const page = rows.slice(from, from + PER_STATEMENT);
    await store.run(
      `INSERT INTO audit_coverage (seq, table_name, batch_id, bucket, row_count, rows_sha256) VALUES ${page
        .map((_row, i) => `(${[1, 2, 3, 4, 5, 6].map((c) => `$${i * 6 + c}`).join(', ')})`)
        .join(', ')}`,
      page.flatMap((row) => [seq, row.table_name, row.batch_id, row.bucket, row.row_count, row.rows_sha256]),
    );
  }
}

/** A covered bucket that no longer matches the event that last wrote it, or rows no event wrote. */
export interface CoverageProblem {
  seq: number | null;
  action: string | null;
  table: CoveredTable;
  batchId: string;
  bucket: string;
  recordedRows: number;
  actualRows: number;
  message: string;
}

function describe(problem: Omit<CoverageProblem, 'message'>): string {
  const where = `${problem.table} rows of batch ${problem.batchId} (bucket ${problem.bucket})`;
  if (problem.seq === null) return `${where}: ${problem.actualRows} row(s) that no audit event wrote`;
  const change =
    problem.actualRows < problem.recordedRows
      ? `${problem.recordedRows - problem.actualRows} row(s) deleted`
      : problem.actualRows > problem.recordedRows
        ? `${problem.actualRows - problem.recordedRows} row(s) added`
        : 'row(s) altered';
  return `${where} no longer match event ${problem.seq} (${problem.action ?? 'unknown'}): ${change} since (it wrote ${problem.recordedRows}, ${problem.actualRows} now)`;
}

/** Compares the latest coverage of every bucket (of one batch, or all) with the tables as they stand. */
export async function checkCoverage(
  store: Store,
  scope: { table?: CoveredTable; batchId?: string; requestIds?: readonly string[] } = {},
): Promise<CoverageProblem[]> {
  const problems: CoverageProblem[] = [];
  const tables = scope.table ? [scope.table] : (Object.keys(COVERED_TABLES) as CoveredTable[]);
  const buckets = scope.requestIds ? [...new Set(scope.requestIds.map(bucketOf))] : null;
  for (const table of tables)
    problems.push(...(await checkTable(store, table, scope.batchId ?? null, buckets)).problems);
  return problems.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
}

/** One table's latest coverage against its rows as they stand, with the digests of those rows. */
async function checkTable(
  store: Store,
  table: CoveredTable,
  batchId: string | null,
  buckets: readonly string[] | null,
  /** The rows' digests when already computed in this transaction. */
  computed?: readonly DigestRow[],
): Promise<{ problems: CoverageProblem[]; actual: readonly DigestRow[] }> {
  const problems: CoverageProblem[] = [];
  const recorded = (await latestCoverage(store, table, batchId)).filter(
    (row) => buckets === null || buckets.includes(row.bucket),
  );
  const actual =
    computed ??
    (await store.all<DigestRow>(
      digestSql(
        store.dialect,
        table,
        `($1::VARCHAR IS NULL OR batch_id = $1) AND ($2::VARCHAR IS NULL OR ${bucketIn(store.dialect, COVERED_TABLES[table].key, '$2')})`,
      ),
      [batchId, buckets === null ? null : buckets.join(',')],
    ));
  const actualByScope = new Map(actual.map((row) => [`${row.batch_id}\u0000${row.bucket}`, row]));
  for (const row of recorded) {
    const key = `${row.batch_id}\u0000${row.bucket}`;
    const now = actualByScope.get(key);
    actualByScope.delete(key);
    const actualRows = now ? Number(now.row_count) : 0;
    const actualSha = now ? now.rows_sha256 : EMPTY_ROWS_SHA256;
    if (actualRows === row.row_count && actualSha === row.rows_sha256) continue;
    const problem = {
      seq: row.seq,
      action: row.action,
      table,
      batchId: row.batch_id,
      bucket: row.bucket,
      recordedRows: row.row_count,
      actualRows,
    };
    problems.push({ ...problem, message: describe(problem) });
  }
  for (const row of actualByScope.values()) {
    const problem = {
      seq: null,
      action: null,
      table,
      batchId: row.batch_id,
      bucket: row.bucket,
      recordedRows: 0,
      actualRows: Number(row.row_count),
    };
    problems.push({ ...problem, message: describe(problem) });
  }
  return { problems, actual };
}

/**
 * Before a stage writes rows of a batch, the rows it builds on must still be what the audit log
 * says: otherwise its own event would vouch for a change nobody audited (a decision altered in
 * the database, then approved). Refuses with AUDIT_CHAIN_BROKEN, naming the event. `requestIds`
 * limits the check to their buckets (a review decision checks 1/256 of a batch).
 */
export async function assertCoverageIntact(
  store: Store,
  table: CoveredTable,
  batchId: string,
  requestIds?: readonly string[],
): Promise<CoverageSnapshot> {
  const buckets = bucketsOf(requestIds);
  const { problems, actual } = await checkTable(store, table, batchId, buckets);
  refuseBroken(problems, table, batchId);
  return {
    table,
    batchId,
    buckets,
    digests: new Map(actual.map((row) => [row.bucket, toCoverageRow(table, row)])),
  };
}

/** `assertCoverageIntact` for rows hashed earlier in the same transaction (`coverageSnapshot`). */
export async function assertSnapshotIntact(store: Store, snapshot: CoverageSnapshot): Promise<void> {
  const { table, batchId, buckets } = snapshot;
  const { problems } = await checkTable(store, table, batchId, buckets, [...snapshot.digests.values()]);
  refuseBroken(problems, table, batchId);
}

function refuseBroken(problems: CoverageProblem[], table: CoveredTable, batchId: string): void {
  const [problem] = problems.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  if (problem)
    throw new DeskError(
      'AUDIT_CHAIN_BROKEN',
      `${problem.message}; nothing was changed — \`ddesk audit verify\` lists every broken record`,
      { seq: problem.seq, table, batchId },
    );
}
