import {
  normalizeAddressFields,
  normalizeDate,
  normalizeNameFields,
  normalizeTin,
  type RawPersonFields,
} from '../linkage/normalize/normalize-record.ts';
import { NORMALIZED_COLUMNS, type NormalizedFields } from '../linkage/normalize/normalized-fields.ts';

/**
 * The normalized columns split by the raw fields each depends on: the name columns read only the
 * name fields, the address columns only the address fields, and so on. A reference of
 * taxpayer-years repeats each person's name and address year after year, so the load normalizes
 * each distinct value of a group once (a few times fewer calls than rows) and joins the results
 * back in SQL. normalizeRecord stays the single normalizer of requests and reference rows: a group
 * calls the part of it that reads the group's fields (normalization-groups.test.ts checks, for any
 * record, that the groups put together give exactly what normalizeRecord gives).
 */
export interface NormalizationGroup {
  name: string;
  fields: readonly (keyof RawPersonFields)[];
  columns: readonly (typeof NORMALIZED_COLUMNS)[number][];
  /** The part of normalizeRecord that gives the group's columns from its fields (the others empty). */
  normalize: (raw: RawPersonFields) => Partial<NormalizedFields>;
  /**
   * The group's columns as SQL expressions over its fields, where the normalizer is simple enough
   * to be written once more in SQL (vectorized, no trip to JavaScript); a test checks, for any
   * string, that the SQL gives what normalizeRecord gives.
   */
  sql?: (field: (name: keyof RawPersonFields) => string) => readonly string[];
  /**
   * Where the group's distinct values are kept with their normalized columns, once each (migration
   * 120): a taxpayer-year row of reference_rows keeps only the value's id. A group without one (date of
   * birth, TIN: one short field) has its normalized column stored on the row itself.
   */
  table?: { name: string; id: string };
}

/**
 * JavaScript's `\s` (what `normalizeTin` strips besides hyphens), spelt out for RE2, whose `\s` is
 * ASCII only.
 */
const JS_WHITESPACE_RE2 =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

/**
 * normalizeTin in SQL: whitespace and hyphens removed, kept only when nine ASCII digits remain. A
 * TIN written as nine digits (most of them) is taken as it is, with one match and no copy; the
 * others are matched as nine digits among separators before the separators are removed.
 */
export function tinSql(value: string): string {
  const separator = `[${JS_WHITESPACE_RE2}-]`;
  return `CASE WHEN regexp_full_match(${value}, '[0-9]{9}') THEN ${value}
    WHEN regexp_full_match(${value}, '${separator}*(?:[0-9]${separator}*){9}') THEN regexp_replace(${value}, '${separator}', '', 'g') END`;
}

const byPrefix = (prefix: string) => NORMALIZED_COLUMNS.filter((column) => column.startsWith(prefix));

export const NORMALIZATION_GROUPS: readonly NormalizationGroup[] = [
  {
    name: 'name',
    fields: ['first_name', 'middle_name', 'last_name'],
    columns: byPrefix('nm_'),
    normalize: normalizeNameFields,
    table: { name: 'reference_names', id: 'name_id' },
  },
  {
    name: 'address',
    fields: ['address_line1', 'address_line2', 'city', 'state', 'zip'],
    columns: byPrefix('ad_'),
    normalize: normalizeAddressFields,
    table: { name: 'reference_addresses', id: 'address_id' },
  },
  {
    name: 'dob',
    fields: ['dob'],
    columns: ['n_dob'],
    normalize: (raw) => ({ n_dob: normalizeDate(raw.dob) }),
  },
  {
    name: 'tin',
    fields: ['tin'],
    columns: ['n_tin'],
    normalize: (raw) => ({ n_tin: normalizeTin(raw.tin) }),
    sql: (field) => [tinSql(field('tin'))],
  },
];

// A normalized column no group claims would be loaded as NULL: refuse to start instead.
{
  const claimed = NORMALIZATION_GROUPS.flatMap((group) => group.columns);
  const unclaimed = NORMALIZED_COLUMNS.filter((column) => !claimed.includes(column));
  if (unclaimed.length || claimed.length !== NORMALIZED_COLUMNS.length)
    throw new Error(
      `normalization groups do not cover the normalized columns exactly: ${unclaimed.join(', ')}`,
    );
}

const EMPTY: RawPersonFields = {
  first_name: '',
  middle_name: '',
  last_name: '',
  dob: '',
  address_line1: '',
  address_line2: '',
  city: '',
  state: '',
  zip: '',
  tin: '',
};

/** A group's normalized columns for one distinct value (its fields in the group's order). */
export function normalizeGroupValue(group: NormalizationGroup, values: readonly string[]): (string | null)[] {
  const raw = { ...EMPTY };
  group.fields.forEach((field, i) => (raw[field] = values[i] ?? ''));
  const normalized = group.normalize(raw);
  return group.columns.map((column) => normalized[column] ?? null);
}

/**
 * A page of normalized rows as one string for DuckDB: rows separated by RECORD_SEPARATOR, fields
 * by UNIT_SEPARATOR, NULL written as NULL_MARK. DuckDB splits it with string_split, about 15 times
 * faster than parsing the same page as JSON (measured: 20,000 rows of 12 columns, 7 ms against 100
 * ms). A page where some value holds one of those control characters travels as JSON instead.
 */
export interface NormalizedPage {
  format: 'separated' | 'json';
  text: string;
}
export const RECORD_SEPARATOR = '\u001e';
export const UNIT_SEPARATOR = '\u001f';
export const NULL_MARK = '\u001c';
/** The three separators and the NULL mark, as an RE2 class (DuckDB's regular expressions). */
export const CONTROL_CLASS = '[\\x{1c}-\\x{1f}]';
const CONTROL = /[\u001c-\u001f]/;

export function encodeNormalizedPage(rows: readonly (readonly (string | null)[])[]): NormalizedPage {
  if (rows.some((row) => row.some((value) => value !== null && CONTROL.test(value))))
    return { format: 'json', text: JSON.stringify(rows) };
  return {
    format: 'separated',
    text: rows
      .map((row) => row.map((value) => value ?? NULL_MARK).join(UNIT_SEPARATOR))
      .join(RECORD_SEPARATOR),
  };
}

/** A page's rows back from its text (either format): NULL_MARK is NULL. */
export function decodePage(page: NormalizedPage): (string | null)[][] {
  if (page.format === 'json') return JSON.parse(page.text) as (string | null)[][];
  if (page.text === '') return [];
  return page.text
    .split(RECORD_SEPARATOR)
    .map((row) => row.split(UNIT_SEPARATOR).map((value) => (value === NULL_MARK ? null : value)));
}

/**
 * A page of a group's distinct values as DuckDB gives it, rows `[id, field…]` (separated text, or
 * JSON where some value holds a separator), normalized into rows `[id, field…, column…]`
 * (encodeNormalizedPage): the raw fields come back with their normalized columns, so that DuckDB
 * appends the page to the group's table as it is, with no join. The page crosses to a worker thread
 * and back into DuckDB as one string each way, so that the calling thread does no per-value work.
 */
export function normalizeGroupPage(group: number, page: NormalizedPage): NormalizedPage {
  const definition = NORMALIZATION_GROUPS[group];
  if (!definition) throw new Error(`no normalization group ${group}`);
  if (page.format === 'separated') {
    const text = normalizeSeparatedPage(definition, page.text);
    if (text !== undefined) return { format: 'separated', text };
  }
  return normalizeDecodedPage(definition, page);
}

/**
 * normalizeGroupPage the plain way: the page decoded into rows, each row normalized, the rows
 * encoded again (as JSON where some value holds a separator).
 */
export function normalizeDecodedPage(definition: NormalizationGroup, page: NormalizedPage): NormalizedPage {
  return encodeNormalizedPage(
    decodePage(page).map(([id, ...values]) => [
      id ?? null,
      ...values,
      ...normalizeGroupValue(
        definition,
        values.map((value) => value ?? ''),
      ),
    ]),
  );
}

/**
 * A separated page normalized without decoding it into rows of values and encoding them again:
 * each row goes back as it came (its id and raw fields, already separated, NULL_MARK for NULL)
 * followed by its normalized columns. Gives the same text as normalizeDecodedPage; undefined where
 * a normalized value holds a separator character (the page then goes as JSON, as there).
 */
function normalizeSeparatedPage(definition: NormalizationGroup, text: string): string | undefined {
  if (text === '') return '';
  const { fields, columns } = definition;
  const rows: string[] = [];
  const row: string[] = [];
  for (const line of text.split(RECORD_SEPARATOR)) {
    const values = line.split(UNIT_SEPARATOR);
    const raw = { ...EMPTY };
    for (let f = 0; f < fields.length; f++) {
      const value = values[f + 1];
      raw[fields[f] as keyof RawPersonFields] = value === undefined || value === NULL_MARK ? '' : value;
    }
    const normalized = definition.normalize(raw);
    row.length = 0;
    row.push(line);
    for (const column of columns) {
      const value = normalized[column];
      if (value === null || value === undefined) row.push(NULL_MARK);
      else if (CONTROL.test(value)) return undefined;
      else row.push(value);
    }
    rows.push(row.join(UNIT_SEPARATOR));
  }
  return rows.join(RECORD_SEPARATOR);
}
