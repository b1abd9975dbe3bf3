/**
 * Comparison levels per field, as SQL CASE expressions over a request row `r` and a reference row
 * `f`. Code 0 means a side is missing (no evidence either way: weight 0), 1 means the values
 * disagree, higher codes mean closer agreement — so that the best of a taxpayer's several
 * reference rows is simply the max. What each level is worth is not set here: EM learns m, random
 * pairs give u (train-model.ts).
 *
 * Jaro–Winkler bands 0.92 / 0.88 are Splink's NameComparison defaults (Splink 4,
 * comparison_library.NameComparison); the cut points only set the resolution, since every band
 * gets its own learned weight.
 */
export const COMPARISON_FIELDS = [
  'first_name',
  'middle_name',
  'last_name',
  'suffix',
  'dob',
  'tin',
  'address',
  'city',
] as const;
export type ComparisonField = (typeof COMPARISON_FIELDS)[number];

export interface Comparison {
  field: ComparisonField;
  /** Labels by code; index 0 = missing, 1 = disagree. */
  labels: readonly string[];
  sql: string;
  /**
   * Term-frequency adjustments (Splink's "tf adjustment"): at its levels an agreeing common value
   * (GARCIA) is worth less than a rare one (ZUBIZARRETA). The request's value is looked up in the
   * reference's frequency table under `key`. A field may have several, one per kind of agreement
   * (the address: a street at "same street", a home at "same number and street").
   */
  termFrequencies?: readonly TermFrequency[];
}

export interface TermFrequency {
  key: string;
  requestValue: string;
  referenceValue: string;
  levels: readonly number[];
}

const JW_HIGH = 0.92;
const JW_LOW = 0.88;

const jw = (a: string, b: string) => `jaro_winkler_similarity(${a}, ${b})`;

/** A token is the first given name of `given` (a typo allowed), or its initial. */
const nameOrInitialOf = (token: string, given: string) =>
  `(${jw(token, `split_part(${given}, ' ', 1)`)} >= ${JW_LOW} OR (length(${token}) = 1 AND ${token} = left(${given}, 1)))`;

const FIRST_NAME: Comparison = {
  field: 'first_name',
  labels: [
    'missing',
    'different',
    'initial agrees',
    "the other's middle initial (given and middle swapped: GRACE and KAREN G)",
    'given name and surname swapped',
    'given and middle name swapped',
    `Jaro-Winkler ≥ ${JW_LOW}`,
    'sounds the same (Double Metaphone)',
    `Jaro-Winkler ≥ ${JW_HIGH}`,
    'may stand for the same formal name (ALEX and ALEJANDRO)',
    'same formal name (nickname or compound name)',
    'exact',
  ],
  sql: `CASE
    WHEN r.nm_first IS NULL OR f.nm_first IS NULL THEN 0
    WHEN r.nm_first = f.nm_first THEN 11
    WHEN r.nm_first_canon = f.nm_first_canon THEN 10
    WHEN list_has_any(string_split(r.nm_first_forms, ' '), string_split(f.nm_first_forms, ' ')) THEN 9
    WHEN ${jw('r.nm_first', 'f.nm_first')} >= ${JW_HIGH} THEN 8
    WHEN r.nm_first_phon = f.nm_first_phon THEN 7
    WHEN ${jw('r.nm_first', 'f.nm_first')} >= ${JW_LOW} THEN 6
    WHEN r.nm_first = split_part(f.nm_middle, ' ', 1) OR f.nm_first = split_part(r.nm_middle, ' ', 1)
      OR r.nm_first_canon = split_part(f.nm_middle, ' ', 1) OR f.nm_first_canon = split_part(r.nm_middle, ' ', 1)
      OR list_contains(string_split(f.nm_first, ' ')[2:], r.nm_first_canon)
      OR list_contains(string_split(r.nm_first, ' ')[2:], f.nm_first_canon) THEN 5
    WHEN ${jw('r.nm_first', 'f.nm_last')} >= ${JW_HIGH} OR ${jw('f.nm_first', 'r.nm_last')} >= ${JW_HIGH} THEN 4
    -- Given and middle swapped where one side has only the middle initial (GRACE vs KAREN G).
    WHEN (length(f.nm_middle) = 1 AND left(r.nm_first, 1) = f.nm_middle)
      OR (length(r.nm_middle) = 1 AND left(f.nm_first, 1) = r.nm_middle) THEN 3
    WHEN (length(r.nm_first) = 1 OR length(f.nm_first) = 1) AND left(r.nm_first, 1) = left(f.nm_first, 1) THEN 2
    ELSE 1 END`,
  termFrequencies: [
    {
      key: 'first_name',
      requestValue: 'r.nm_first_canon',
      referenceValue: 'f.nm_first_canon',
      levels: [10, 11],
    },
  ],
};

const MIDDLE_NAME: Comparison = {
  field: 'middle_name',
  labels: [
    'missing',
    'different',
    'given and middle name swapped (DAVID JERRY and JERRY D)',
    'initial agrees',
    `Jaro-Winkler ≥ ${JW_LOW}`,
    'exact',
  ],
  sql: `CASE
    WHEN r.nm_middle IS NULL OR f.nm_middle IS NULL THEN 0
    WHEN r.nm_middle = f.nm_middle THEN 5
    WHEN ${jw('r.nm_middle', 'f.nm_middle')} >= ${JW_LOW} THEN 4
    WHEN (length(r.nm_middle) = 1 OR length(f.nm_middle) = 1) AND left(r.nm_middle, 1) = left(f.nm_middle, 1) THEN 3
    -- Each side's middle name is the other's given name, in full or as an initial.
    WHEN ${nameOrInitialOf("split_part(r.nm_middle, ' ', 1)", 'f.nm_first')}
      AND ${nameOrInitialOf("split_part(f.nm_middle, ' ', 1)", 'r.nm_first')} THEN 2
    ELSE 1 END`,
};

/** Two surnames in either order, or one of them dropped, still name the same person. */
const LAST_NAME: Comparison = {
  field: 'last_name',
  labels: [
    'missing',
    'different',
    'surname and given name swapped',
    `Jaro-Winkler ≥ ${JW_LOW}`,
    'sounds the same (Double Metaphone)',
    'one of two surnames shared, the other differs',
    `Jaro-Winkler ≥ ${JW_HIGH}`,
    'one of two surnames dropped',
    'two surnames in the other order',
    'exact',
  ],
  sql: `CASE
    WHEN r.nm_last IS NULL OR f.nm_last IS NULL THEN 0
    WHEN r.nm_last = f.nm_last THEN 9
    WHEN r.nm_last2 IS NOT NULL AND r.nm_last1 = f.nm_last2 AND r.nm_last2 = f.nm_last1 THEN 8
    WHEN (r.nm_last2 IS NULL AND f.nm_last2 IS NOT NULL AND r.nm_last1 IN (f.nm_last1, f.nm_last2))
      OR (f.nm_last2 IS NULL AND r.nm_last2 IS NOT NULL AND f.nm_last1 IN (r.nm_last1, r.nm_last2)) THEN 7
    WHEN ${jw('r.nm_last', 'f.nm_last')} >= ${JW_HIGH} THEN 6
    WHEN r.nm_last1 IN (f.nm_last1, f.nm_last2) OR r.nm_last2 IN (f.nm_last1, f.nm_last2) THEN 5
    WHEN r.nm_last_phon IN (f.nm_last_phon, f.nm_last2_phon) OR r.nm_last2_phon IN (f.nm_last_phon, f.nm_last2_phon) THEN 4
    WHEN ${jw('r.nm_last', 'f.nm_last')} >= ${JW_LOW} THEN 3
    WHEN ${jw('r.nm_last', 'f.nm_first')} >= ${JW_HIGH} OR ${jw('f.nm_last', 'r.nm_first')} >= ${JW_HIGH} THEN 2
    ELSE 1 END`,
  termFrequencies: [
    { key: 'last_name', requestValue: 'r.nm_last', referenceValue: 'f.nm_last', levels: [9] },
  ],
};

/**
 * JR against SR is strong evidence of two people (father and son at one address). A suffix on one
 * side only is a level of its own: it says a namesake exists (field-dependencies.ts).
 */
const SUFFIX: Comparison = {
  field: 'suffix',
  labels: [
    'missing',
    'different (e.g. JR and SR)',
    'on one side only (JUSTIN KIM SR and JUSTIN KIM)',
    'same',
  ],
  sql: `CASE
    WHEN r.nm_suffix IS NULL AND f.nm_suffix IS NULL THEN 0
    WHEN r.nm_suffix IS NULL OR f.nm_suffix IS NULL THEN 2
    WHEN r.nm_suffix = f.nm_suffix THEN 3
    ELSE 1 END`,
};

/**
 * Hamming distance where the lengths agree (normalized dates and TINs always do), else a number
 * above 2: hamming() itself refuses strings of different lengths. Far cheaper than an edit
 * distance, it rules out almost every pair before one is computed.
 */
const hammingOf = (a: string, b: string) =>
  `(CASE WHEN length(${a}) = length(${b}) THEN hamming(${a}, ${b}) ELSE 99 END)`;

/** One character different, or two adjacent ones swapped (Damerau–Levenshtein 1, lengths equal). */
const oneEditApart = (a: string, b: string) =>
  `(${hammingOf(a, b)} = 1 OR (${hammingOf(a, b)} = 2 AND damerau_levenshtein(${a}, ${b}) = 1))`;

const DOB: Comparison = {
  field: 'dob',
  labels: [
    'missing',
    'different',
    'same year',
    'one digit off or two adjacent digits swapped',
    'day and month swapped',
    'exact',
  ],
  sql: `CASE
    WHEN r.n_dob IS NULL OR f.n_dob IS NULL THEN 0
    WHEN r.n_dob = f.n_dob THEN 5
    WHEN left(r.n_dob, 4) = left(f.n_dob, 4) AND substr(r.n_dob, 6, 2) = substr(f.n_dob, 9, 2)
      AND substr(r.n_dob, 9, 2) = substr(f.n_dob, 6, 2) THEN 4
    WHEN ${oneEditApart("replace(r.n_dob, '-', '')", "replace(f.n_dob, '-', '')")} THEN 3
    WHEN left(r.n_dob, 4) = left(f.n_dob, 4) THEN 2
    ELSE 1 END`,
};

const TIN: Comparison = {
  field: 'tin',
  labels: ['missing', 'different', 'one digit off', 'two adjacent digits swapped', 'exact'],
  sql: `CASE
    WHEN r.n_tin IS NULL OR f.n_tin IS NULL THEN 0
    WHEN r.n_tin = f.n_tin THEN 4
    WHEN ${hammingOf('r.n_tin', 'f.n_tin')} = 2 AND damerau_levenshtein(r.n_tin, f.n_tin) = 1 THEN 3
    WHEN ${hammingOf('r.n_tin', 'f.n_tin')} = 1 THEN 2
    ELSE 1 END`,
};

/** A home: house number, street and postal code (units of one building count as one home). */
const HOME_KEY = (alias: string) =>
  `${alias}.ad_number || ' ' || ${alias}.ad_street || ' ' || ${alias}.ad_postcode`;

/** The place agrees: same postal code, or the same city (a typo apart at most). */
const SAME_PLACE = `(r.ad_postcode = f.ad_postcode OR r.ad_city = f.ad_city OR ${jw('r.ad_city', 'f.ad_city')} >= ${JW_HIGH})`;
/**
 * Same street: equal, a typo apart, or a one-word street name that is the first word of the other
 * side's (a street type the standardizer could not split off: "COWCHER" / "COWCHER DLACE").
 */
const SAME_STREET = `(r.ad_street = f.ad_street OR ${jw('r.ad_street', 'f.ad_street')} >= ${JW_HIGH}
  OR (length(r.ad_street) >= 4 AND NOT contains(r.ad_street, ' ') AND split_part(f.ad_street, ' ', 1) = r.ad_street)
  OR (length(f.ad_street) >= 4 AND NOT contains(f.ad_street, ' ') AND split_part(r.ad_street, ' ', 1) = f.ad_street))`;

/**
 * Addresses. Level 5 ("same number and street in the same place") is the least the program accepts
 * for a confirmation (ADDRESS_CONFIRMS_AT); a different unit at the same number and street stays
 * there, a different street does not. A one-letter typo in the street name (Jaro–Winkler ≥ 0.92)
 * is still the same street.
 */
const ADDRESS: Comparison = {
  field: 'address',
  labels: [
    'missing',
    'different',
    'same postal code',
    'same number and street, place differs or missing',
    'same street in the same place',
    'same number and street in the same place',
    'exact',
  ],
  sql: `CASE
    WHEN r.ad_street IS NULL OR f.ad_street IS NULL THEN 0
    WHEN r.ad_line = f.ad_line AND ${SAME_PLACE} THEN 6
    WHEN r.ad_number = f.ad_number AND ${SAME_STREET} AND ${SAME_PLACE} THEN 5
    WHEN ${SAME_STREET} AND ${SAME_PLACE} THEN 4
    WHEN r.ad_number IS NOT DISTINCT FROM f.ad_number AND ${SAME_STREET} THEN 3
    WHEN r.ad_postcode = f.ad_postcode THEN 2
    ELSE 1 END`,
  // Agreeing on a street is judged by how common the street is; agreeing on a home by how many
  // taxpayers that home holds (the street's rarity says nothing about who in a home is asked for).
  termFrequencies: [
    { key: 'address_street', requestValue: 'r.ad_street', referenceValue: 'f.ad_street', levels: [4] },
    { key: 'address_home', requestValue: HOME_KEY('r'), referenceValue: HOME_KEY('f'), levels: [5, 6] },
  ],
};

/** The address-of-record level from which an address counts as confirmed (design.md § 3). */
export const ADDRESS_CONFIRMS_AT = 5;

const CITY: Comparison = {
  field: 'city',
  labels: ['missing', 'different', `Jaro-Winkler ≥ ${JW_LOW}`, 'exact'],
  sql: `CASE
    WHEN r.ad_city IS NULL OR f.ad_city IS NULL THEN 0
    WHEN r.ad_city = f.ad_city THEN 3
    WHEN ${jw('r.ad_city', 'f.ad_city')} >= ${JW_LOW} THEN 2
    ELSE 1 END`,
  termFrequencies: [{ key: 'city', requestValue: 'r.ad_city', referenceValue: 'f.ad_city', levels: [3] }],
};

export const COMPARISONS: readonly Comparison[] = [
  FIRST_NAME,
  MIDDLE_NAME,
  LAST_NAME,
  SUFFIX,
  DOB,
  TIN,
  ADDRESS,
  CITY,
];

export function comparisonOf(field: ComparisonField): Comparison {
  const comparison = COMPARISONS.find((c) => c.field === field);
  if (!comparison) throw new Error(`no comparison for ${field}`);
  return comparison;
}

/** `<level> AS lv_<field>` for every field, for one request row `r` against one reference row `f`. */
export const ROW_LEVELS_SQL = COMPARISONS.map((c) => `${c.sql} AS lv_${c.field}`).join(',\n  ');

/** `max(lv_<field>) AS lv_<field>` for every field: the best agreement over a taxpayer's rows. */
export const BEST_LEVELS_SQL = COMPARISONS.map((c) => `max(lv_${c.field}) AS lv_${c.field}`).join(', ');
