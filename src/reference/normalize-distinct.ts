import { REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import type { Store } from '../store/store.ts';
import {
  CONTROL_CLASS,
  NORMALIZATION_GROUPS,
  NULL_MARK,
  RECORD_SEPARATOR,
  UNIT_SEPARATOR,
  type NormalizationGroup,
  type NormalizedPage,
} from './normalization-groups.ts';
import { NormalizerPool } from './normalizer-pool.ts';
import { REFERENCE_STAGING_TABLE, TAX_YEAR_SQL } from './reference-sql.ts';
import { REFERENCE_ROWS_TABLE } from './reference-tables.ts';

/** Progress of a reference load: distinct values of each group normalized, out of how many. */
export interface LoadProgress {
  phase: string;
  done: number;
  total: number;
}

/** Distinct values handed to JavaScript at a time: large enough to amortize a query, small enough to stay flat in memory. */
const PAGE = 20_000;

/** A control character as SQL (chr(n)), so that the statement's text holds none. */
const chr = (character: string) => `chr(${character.charCodeAt(0)})`;

const valuesTable = (group: NormalizationGroup) => `reference_load_${group.name}_values`;
const normalizedTable = (group: NormalizationGroup) => `reference_load_${group.name}_normalized`;

/**
 * Normalizes the staged reference rows into the reference: per group (name, address, date of
 * birth), its distinct values not stored yet are numbered in SQL and normalized once each in
 * JavaScript page by page, each normalized page appended as it comes back (with its raw fields) to
 * the group's table, or for a group without one to a temporary table; then one set-based INSERT
 * writes each staged row into reference_rows with the ids of its name and address, its normalized
 * date of birth, and its TIN normalized in SQL. Returns the rows inserted. `threads`: the pool's
 * worker threads (0: the calling thread normalizes); `pageSize`: values per page (PAGE).
 */
export async function normalizeDistinctValues(
  tx: Store,
  onProgress?: (progress: LoadProgress) => void,
  options: { threads?: number; pageSize?: number } = {},
): Promise<number> {
  const inJavaScript = NORMALIZATION_GROUPS.flatMap((group, index) => (group.sql ? [] : [{ group, index }]));
  const plans: GroupPlan[] = [];
  for (const { group, index } of inJavaScript) plans.push(await numberDistinctValues(tx, index, group));
  const pool = new NormalizerPool(options.threads);
  try {
    await normalizePages(tx, pool, plans, options.pageSize ?? PAGE, onProgress);
  } finally {
    await pool.close();
  }
  // Staged fields are never NULL ('' for an empty field), so equality finds the one value stored.
  const matching = (alias: string, group: NormalizationGroup) =>
    group.fields.map((field) => `${alias}.${field} = s.${field}`).join(' AND ');
  const columns: string[] = [];
  const expressions: string[] = [];
  const joins: string[] = [];
  for (const column of REFERENCE_COLUMNS) {
    if (
      NORMALIZATION_GROUPS.some(
        (group) => group.table && (group.fields as readonly string[]).includes(column),
      )
    )
      continue;
    columns.push(column);
    expressions.push(column === 'tax_year' ? TAX_YEAR_SQL.replace('tax_year', 's.tax_year') : `s.${column}`);
  }
  NORMALIZATION_GROUPS.forEach((group, i) => {
    const alias = `g${i}`;
    if (group.table) {
      joins.push(`JOIN ${group.table.name} ${alias} ON ${matching(alias, group)}`);
      columns.push(group.table.id);
      expressions.push(`${alias}.${group.table.id}`);
      return;
    }
    const sql = group.sql?.((field) => `s.${field}`);
    if (!sql) joins.push(`JOIN ${normalizedTable(group)} ${alias} ON ${matching(alias, group)}`);
    group.columns.forEach((column, c) => {
      columns.push(column);
      expressions.push(sql ? (sql[c] ?? 'NULL') : `${alias}.${column}`);
    });
  });
  const [before] = await tx.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${REFERENCE_ROWS_TABLE}`);
  await tx.run(
    `INSERT INTO ${REFERENCE_ROWS_TABLE} (${columns.join(', ')})
     SELECT ${expressions.join(', ')}
     FROM ${REFERENCE_STAGING_TABLE} s
     ${joins.join('\n')}`,
  );
  const [after] = await tx.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${REFERENCE_ROWS_TABLE}`);
  for (const { group } of plans) {
    await tx.run(`DROP TABLE ${valuesTable(group)}`);
    if (!group.table) await tx.run(`DROP TABLE ${normalizedTable(group)}`);
  }
  return Number(after?.n ?? 0) - Number(before?.n ?? 0);
}

/** A group's numbered distinct values, how its pages are read, and where its normalized pages go. */
interface GroupPlan {
  group: NormalizationGroup;
  index: number;
  /** Values to normalize, numbered offset + 1 … offset + total. */
  total: number;
  offset: number;
  page: { format: NormalizedPage['format']; sql: string };
}

/** Where a group's normalized pages go: its table (id, raw fields, normalized columns), or a temporary one. */
function appendPageSql(group: NormalizationGroup, format: NormalizedPage['format']): string {
  return insertNormalizedPageSql(
    group.table?.name ?? normalizedTable(group),
    [...group.fields, ...group.columns],
    format,
    group.table?.id,
  );
}

/**
 * One group's distinct values (for a stored group, those not stored yet), numbered in SQL after
 * those already stored; a group without a table gets a temporary one for its normalized values.
 * Numbered in the values' order, so that the same file gives the same ids: the distinct values come
 * out of a hash aggregate in an order that varies from run to run with DuckDB's threads (for 1
 * million rows the sort costs about 0.5 CPU s of the load's ~28).
 */
async function numberDistinctValues(tx: Store, index: number, group: NormalizationGroup): Promise<GroupPlan> {
  const fields = group.fields.join(', ');
  const distinct = group.table
    ? `SELECT ${fields} FROM ${REFERENCE_STAGING_TABLE} EXCEPT SELECT ${fields} FROM ${group.table.name}`
    : `SELECT DISTINCT ${fields} FROM ${REFERENCE_STAGING_TABLE}`;
  const first = group.table ? `(SELECT coalesce(max(${group.table.id}), 0) FROM ${group.table.name})` : '0';
  await tx.run(
    `CREATE OR REPLACE TEMP TABLE ${valuesTable(group)} AS
     SELECT ${first} + row_number() OVER (ORDER BY ${fields}) AS id, ${fields} FROM (${distinct})`,
  );
  if (!group.table)
    await tx.run(
      `CREATE OR REPLACE TEMP TABLE ${normalizedTable(group)} (id BIGINT, ${[...group.fields, ...group.columns].map((c) => `${c} VARCHAR`).join(', ')})`,
    );
  const [range] = await tx.all<{ n: bigint; first: bigint | null }>(
    `SELECT count(*) AS n, min(id) AS first FROM ${valuesTable(group)}`,
  );
  return {
    group,
    index,
    total: Number(range?.n ?? 0),
    offset: Number(range?.first ?? 1) - 1,
    page: distinctValuesPageSql(group, await pageFormat(tx, group)),
  };
}

/**
 * Every group's pages, one after another, read from DuckDB, normalized on the pool's threads and
 * appended where their group's go (appendPageSql). A page travels as one string each way (built by
 * string_agg going out, split coming back, both vectorized), so that the calling thread does no
 * per-value work. DuckDB statements run one at a time on the connection; while they run, the
 * workers normalize the pages already read (up to one page per worker in flight, across the
 * boundary between two groups, so that the workers do not wait for a group to drain).
 */
async function normalizePages(
  tx: Store,
  pool: NormalizerPool,
  plans: readonly GroupPlan[],
  pageSize: number,
  onProgress?: (progress: LoadProgress) => void,
): Promise<void> {
  const inFlight: { plan: GroupPlan; normalized: Promise<NormalizedPage> }[] = [];
  const done = new Map<GroupPlan, number>();
  const appendOldest = async () => {
    const oldest = inFlight.shift();
    if (!oldest) return;
    const page = await oldest.normalized;
    if (page.text !== '') await tx.run(appendPageSql(oldest.plan.group, page.format), [page.text]);
    const count = Math.min((done.get(oldest.plan) ?? 0) + pageSize, oldest.plan.total);
    done.set(oldest.plan, count);
    onProgress?.({ phase: oldest.plan.group.name, done: count, total: oldest.plan.total });
  };
  for (const plan of plans)
    for (let start = plan.offset; start < plan.offset + plan.total; start += pageSize) {
      const [page] = await tx.all<{ page: string | null }>(plan.page.sql, [start, start + pageSize]);
      const normalized = pool.normalize(plan.index, { format: plan.page.format, text: page?.page ?? '' });
      // A rejected page must not go unhandled while earlier ones are appended.
      normalized.catch(() => undefined);
      inFlight.push({ plan, normalized });
      while (inFlight.length > Math.max(1, pool.threads)) await appendOldest();
    }
  while (inFlight.length) await appendOldest();
}

/** How a group's pages travel: separated, unless some value holds a separator character. */
async function pageFormat(tx: Store, group: NormalizationGroup): Promise<NormalizedPage['format']> {
  const [found] = await tx.all<{ n: bigint }>(
    `SELECT count(*) AS n FROM ${valuesTable(group)}
     WHERE regexp_matches(concat(${group.fields.join(', ')}), '${CONTROL_CLASS}')`,
  );
  return Number(found?.n ?? 0) > 0 ? 'json' : 'separated';
}

/**
 * The query of one page of a group's numbered distinct values ($1 < id <= $2), as one string: rows
 * `[id, field…]` separated by RECORD_SEPARATOR and UNIT_SEPARATOR (NULL as NULL_MARK), built by
 * string_agg (a few times cheaper than to_json), or as JSON when the group holds those characters.
 * An empty page is NULL in the separated form.
 */
export function distinctValuesPageSql(
  group: NormalizationGroup,
  format: NormalizedPage['format'],
  table = valuesTable(group),
): { format: NormalizedPage['format']; sql: string } {
  const fields = group.fields.join(', ');
  if (format === 'json')
    return {
      format,
      sql: `SELECT to_json(list([id::VARCHAR, ${fields}] ORDER BY id))::VARCHAR AS page
            FROM ${table} WHERE id > $1 AND id <= $2`,
    };
  const values = ['id::VARCHAR', ...group.fields].map((v) => `coalesce(${v}, ${chr(NULL_MARK)})`);
  return {
    format,
    sql: `SELECT string_agg(concat_ws(${chr(UNIT_SEPARATOR)}, ${values.join(', ')}), ${chr(RECORD_SEPARATOR)} ORDER BY id) AS page
          FROM ${table} WHERE id > $1 AND id <= $2`,
  };
}

/**
 * The INSERT of a normalized page ($1 = its text, rows `[id, column…]`) into `table`'s `id` column
 * and `columns`, for either format.
 */
export function insertNormalizedPageSql(
  table: string,
  columns: readonly string[],
  format: NormalizedPage['format'],
  id = 'id',
): string {
  const into = `INSERT INTO ${table} (${[id, ...columns].join(', ')})`;
  if (format === 'json')
    return `${into}
      SELECT r[1]::BIGINT, ${columns.map((_, i) => `r[${i + 2}]`).join(', ')}
      FROM (SELECT unnest(from_json($1, '[["VARCHAR"]]')) AS r)`;
  return `${into}
    SELECT r[1]::BIGINT, ${columns.map((_, i) => `nullif(r[${i + 2}], ${chr(NULL_MARK)})`).join(', ')}
    FROM (SELECT string_split(unnest(string_split($1, ${chr(RECORD_SEPARATOR)})), ${chr(UNIT_SEPARATOR)}) AS r)`;
}
