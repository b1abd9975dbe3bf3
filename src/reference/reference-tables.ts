import { NORMALIZATION_GROUPS } from './normalization-groups.ts';

/** The table of taxpayer-years: one row per row of the files, with the ids of its name and address. */
export const REFERENCE_ROWS_TABLE = 'reference_rows';

/** The tables the reference is stored in (migration 120); `reference_records` is their view. */
export const REFERENCE_TABLES = [
  REFERENCE_ROWS_TABLE,
  ...NORMALIZATION_GROUPS.flatMap((group) => (group.table ? [group.table.name] : [])),
];

/**
 * The reference's distinct (taxpayer_id, columns…), as `SELECT DISTINCT taxpayer_id, columns FROM
 * reference_records` gives them, read the cheap way: the distinct ids first (a taxpayer files the
 * same name and address year after year, so there are a few times fewer), their values after.
 * `columns` are columns of reference_records; a raw or normalized field of a stored group comes from
 * that group's table, anything else from reference_rows.
 */
export function distinctReferenceSql(columns: readonly string[]): string {
  const stored = NORMALIZATION_GROUPS.flatMap((group, i) =>
    group.table
      ? [{ table: group.table, alias: `g${i}`, columns: [...group.fields, ...group.columns] as string[] }]
      : [],
  );
  const source = (column: string) => stored.find((group) => group.columns.includes(column))?.alias ?? 'r';
  const rowColumns = columns.filter((column) => source(column) === 'r');
  const ids = stored.map((group) => group.table.id);
  return `SELECT DISTINCT r.taxpayer_id${columns.map((column) => `, ${source(column)}.${column}`).join('')}
FROM (SELECT DISTINCT taxpayer_id, ${[...ids, ...rowColumns].join(', ')} FROM ${REFERENCE_ROWS_TABLE}) r
${stored.map((group) => `LEFT JOIN ${group.table.name} ${group.alias} ON ${group.alias}.${group.table.id} = r.${group.table.id}`).join('\n')}`;
}
