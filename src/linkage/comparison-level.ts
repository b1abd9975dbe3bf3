/**
 * The comparison-level model, as Splink builds it (splink/internals/comparison_level.py,
 * comparison_level_library.py): a comparison is an ordered list of level objects, each with its SQL
 * condition over a request row `r` and a reference row `f`, its label, what kind of evidence it is,
 * and — where the value's frequency matters — how to count the taxpayers that agree with the request
 * at that level. A level's code is its position in the list: 0 = a side is missing, 1 = the values
 * differ, higher = closer agreement. The CASE expression tests the levels from the top down, so the
 * best agreement over a taxpayer's several rows is simply the max of the codes. No other file
 * repeats a code: it asks `level('tin', 'exact')` or `agreesFrom('last_name')`.
 */

/**
 * What a level says about identity. `agrees`: what the person shows, and a household member sharing
 * the value shows as often (a surname at the requested home); `partial`: a weaker resemblance;
 * `contradicts`: the values differ; `missing`: one side has no value (no evidence, weight 0).
 */
export type LevelKind = 'missing' | 'contradicts' | 'partial' | 'agrees';

/**
 * Counts, in SQL, the taxpayers whose value for frequency table `table` is one of the values of the
 * SQL list `values` (over the request row `r`): `count('surname', '[r.nm_last]')`. Summed over the
 * list's distinct values; 0 when none is held by any taxpayer.
 */
export type CountTaxpayers = (table: FrequencyTableName, values: string) => string;

export interface ComparisonLevel {
  /** Stable name within its comparison, asked for by other files: level('last_name', 'one surname dropped'). */
  name: string;
  /** What a reviewer reads in an explanation. */
  label: string;
  kind: LevelKind;
  /**
   * SQL condition over `r` (request) and `f` (reference row: normalized columns and its tax_year);
   * none for the missing and else levels.
   */
  condition?: string;
  /**
   * Term frequency (Splink's tf adjustment, here at every level where a value is shared): SQL
   * counting the taxpayers that would agree with the request at this level through the value they
   * share — how many carry the request's surname, or carry it as one of two surnames. The level's u
   * for this request is that count over the taxpayers (u-estimation.ts): GARCIA agreeing weighs less
   * than ZUBIZARRETA agreeing, at the exact level and at every partial one.
   */
  termFrequency?: (count: CountTaxpayers) => string;
}

/** Frequency tables (term-frequencies.ts): each lists, per taxpayer, the values it carries under that key. */
export const FREQUENCY_TABLE_NAMES = [
  'surname',
  'surname_in_two',
  'surname_phonetic',
  'given_name',
  'given_form',
  'given_phonetic',
  'given_initial',
  'given_first_token',
  'middle_name',
  'middle_first_token',
  'middle_initial_alone',
  'home',
  'street_place',
  'number_street',
  'postcode',
  'city',
] as const;
export type FrequencyTableName = (typeof FREQUENCY_TABLE_NAMES)[number];

export interface Comparison<Field extends string = string> {
  field: Field;
  /** SQL: either side lacks the field (level 0, "missing"). */
  missingWhen: string;
  /** Every level in code order: missing, the else level (values differ), then closer and closer agreement. */
  levels: readonly ComparisonLevel[];
}

/** The missing level (code 0) and the else level (code 1) every comparison starts with. */
export function comparison<Field extends string>(
  field: Field,
  missingWhen: string,
  elseLabel: string,
  agreementLevels: readonly ComparisonLevel[],
): Comparison<Field> {
  const levels: ComparisonLevel[] = [
    { name: 'missing', label: 'missing', kind: 'missing' },
    { name: 'different', label: elseLabel, kind: 'contradicts' },
    ...agreementLevels,
  ];
  const names = new Set(levels.map((l) => l.name));
  if (names.size !== levels.length) throw new Error(`comparison ${field}: level names must be distinct`);
  for (const l of agreementLevels)
    if (!l.condition) throw new Error(`comparison ${field}: level ${l.name} needs a condition`);
  const kinds = levels.map((l) => l.kind);
  const firstAgreeing = kinds.indexOf('agrees');
  if (firstAgreeing >= 0 && kinds.slice(firstAgreeing).some((k) => k !== 'agrees'))
    throw new Error(`comparison ${field}: agreeing levels must be the top ones`);
  return { field, missingWhen, levels };
}

/** The CASE expression giving a pair's level code: missing first, then from the top level down, else 1. */
export function levelCaseSql(c: Comparison): string {
  const tests = c.levels
    .map((l, code) => ({ l, code }))
    .filter(({ code }) => code >= 2)
    .reverse()
    .map(({ l, code }) => `WHEN ${l.condition} THEN ${code}`);
  return `CASE
    WHEN ${c.missingWhen} THEN 0
    ${tests.join('\n    ')}
    ELSE 1 END`;
}

/** Level lookups over one list of comparisons (comparison-levels.ts binds them to the desk's). */
export function levelLookups<Field extends string>(comparisons: readonly Comparison<Field>[]) {
  const of = (field: Field): Comparison<Field> => {
    const found = comparisons.find((c) => c.field === field);
    if (!found) throw new Error(`no comparison for ${field}`);
    return found;
  };
  /** The code of a named level; throws on a name the comparison does not have (so a typo fails at load). */
  const level = (field: Field, name: string): number => {
    const code = of(field).levels.findIndex((l) => l.name === name);
    if (code < 0) throw new Error(`comparison ${field} has no level '${name}'`);
    return code;
  };
  /** The lowest code of the field's agreeing levels: from it up, a household member shows it as often as the person. */
  const agreesFrom = (field: Field): number => {
    const code = of(field).levels.findIndex((l) => l.kind === 'agrees');
    if (code < 0) throw new Error(`comparison ${field} has no agreeing level`);
    return code;
  };
  /** The code of the closest agreement (exact). */
  const topLevel = (field: Field): number => of(field).levels.length - 1;
  /** The level object of a code, or undefined for a code the comparison does not have. */
  const levelAt = (field: Field, code: number): ComparisonLevel | undefined => of(field).levels[code];
  return { comparisonOf: of, level, agreesFrom, topLevel, levelAt };
}
