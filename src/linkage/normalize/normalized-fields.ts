/**
 * The normalized form of a person + address, stored beside the raw fields of both requests and
 * reference rows so that every decision can be replayed from what was stored (design.md § 3).
 * `null` means the field is missing: comparisons treat it as its own level, never as disagreement.
 */
export interface NormalizedFields {
  /** The whole given-name field, upper-case ASCII, punctuation removed ("MARIA JOSE"). */
  nm_first: string | null;
  /** Canonical form of the first given token (nickname table: BILL → WILLIAM), for comparison. */
  nm_first_canon: string | null;
  nm_middle: string | null;
  /** Surname tokens without particles (DE, LA, Y, VAN…) in order, space separated (GARCIA LOPEZ). */
  nm_last: string | null;
  /** First surname token (paternal surname in Hispanic naming). */
  nm_last1: string | null;
  /** Last surname token when there are two or more, else null. */
  nm_last2: string | null;
  /** Generational suffix, its own field so that father and son stay apart: JR, SR, II, III, IV. */
  nm_suffix: string | null;
  /** Double Metaphone key of nm_last1 (blocking and comparison). */
  nm_last_phon: string | null;
  /** Double Metaphone key of nm_first_canon. */
  nm_first_phon: string | null;
  n_dob: string | null; // YYYY-MM-DD
  n_tin: string | null; // 9 digits
  ad_number: string | null;
  ad_predir: string | null;
  ad_street: string | null;
  ad_suffix: string | null;
  ad_postdir: string | null;
  ad_unit: string | null;
  ad_pobox: string | null;
  ad_city: string | null;
  ad_state: string | null;
  ad_zip5: string | null;
  /** The whole standardized delivery line (number predir street suffix postdir unit), for exact comparison. */
  ad_line: string | null;
  /** Phonetic key of nm_last2, so that two surnames match in either order (migration 010). */
  nm_last2_phon: string | null;
  /** ad_zip5, or a non-US postcode as written: the postal code the linkage compares (migration 010). */
  ad_postcode: string | null;
  /**
   * Every formal name the first given token may stand for, sorted and space-separated: ALEX →
   * "ALEJANDRA ALEJANDRO ALEXANDER ALEXANDRA ALEXIS" (migration 030).
   */
  nm_first_forms: string | null;
}

export const NORMALIZED_COLUMNS = [
  'nm_first',
  'nm_first_canon',
  'nm_middle',
  'nm_last',
  'nm_last1',
  'nm_last2',
  'nm_suffix',
  'nm_last_phon',
  'nm_first_phon',
  'n_dob',
  'n_tin',
  'ad_number',
  'ad_predir',
  'ad_street',
  'ad_suffix',
  'ad_postdir',
  'ad_unit',
  'ad_pobox',
  'ad_city',
  'ad_state',
  'ad_zip5',
  'ad_line',
  // Added by migration 010: ALTER TABLE appends columns, so new ones go last here too.
  'nm_last2_phon',
  'ad_postcode',
  // Added by migration 030.
  'nm_first_forms',
] as const satisfies readonly (keyof NormalizedFields)[];
