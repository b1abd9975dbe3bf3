import { standardizeAddress } from '../../address/us-address.ts';
import { foldText } from '../../text/fold-text.ts';
import type { NormalizedFields } from './normalized-fields.ts';
import { normalizePersonName } from './person-name.ts';
import { phoneticKey } from './phonetic-key.ts';
import { romanizationKey } from './surname-romanizations.ts';

/** The raw person + address fields shared by requests and reference rows. */
export interface RawPersonFields {
  first_name: string;
  middle_name: string;
  last_name: string;
  dob: string;
  address_line1: string;
  address_line2: string;
  city: string;
  state: string;
  zip: string;
  tin: string;
}

/** A calendar date as YYYY-MM-DD, or null when the value is not one (2023-02-30 is not). */
export function normalizeDate(value: string): string | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function normalizeTin(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{9}$/.test(digits) ? digits : null;
}

/**
 * The postal code the linkage compares: the ZIP5 when the address is a US one, otherwise the
 * folded code as written (a 4-digit Australian postcode still tells two records apart).
 */
function postalCode(zip5: string | null, raw: string): string | null {
  if (zip5) return zip5;
  const folded = foldText(raw)?.replace(/ /g, '') ?? null;
  return folded && /^[A-Z0-9]{3,10}$/.test(folded) ? folded : null;
}

/**
 * The phonetic key of a surname, taken of its romanization group's spelling: YI and RHEE sound as
 * LEE does, PAK and BAK as PARK, though Double Metaphone keys them apart.
 */
function surnameSound(surname: string | null): string | null {
  return surname === null ? null : phoneticKey(romanizationKey(surname));
}

type NameColumns = Pick<
  NormalizedFields,
  | 'nm_first'
  | 'nm_first_canon'
  | 'nm_middle'
  | 'nm_last'
  | 'nm_last1'
  | 'nm_last2'
  | 'nm_suffix'
  | 'nm_last_phon'
  | 'nm_first_phon'
  | 'nm_last2_phon'
  | 'nm_first_forms'
>;
type AddressColumns = Pick<
  NormalizedFields,
  | 'ad_number'
  | 'ad_predir'
  | 'ad_street'
  | 'ad_suffix'
  | 'ad_postdir'
  | 'ad_unit'
  | 'ad_pobox'
  | 'ad_city'
  | 'ad_state'
  | 'ad_zip5'
  | 'ad_line'
  | 'ad_postcode'
>;

/**
 * normalizeRecord's name columns, which read only the name fields (a reference load normalizes each
 * distinct name once, src/reference/normalization-groups.ts).
 */
export function normalizeNameFields(
  raw: Pick<RawPersonFields, 'first_name' | 'middle_name' | 'last_name'>,
): NameColumns {
  const name = normalizePersonName(raw.first_name, raw.middle_name, raw.last_name);
  return {
    nm_first: name.given,
    nm_first_canon: name.givenCanonical,
    nm_middle: name.middle,
    nm_last: name.surname,
    nm_last1: name.surname1,
    nm_last2: name.surname2,
    nm_suffix: name.suffix,
    nm_last_phon: surnameSound(name.surname1),
    nm_first_phon: phoneticKey(name.givenCanonical),
    nm_last2_phon: surnameSound(name.surname2),
    nm_first_forms: name.givenForms,
  };
}

/** normalizeRecord's address columns, which read only the address fields. */
export function normalizeAddressFields(
  raw: Pick<RawPersonFields, 'address_line1' | 'address_line2' | 'city' | 'state' | 'zip'>,
): AddressColumns {
  const address = standardizeAddress(raw);
  return {
    ad_number: address.number,
    ad_predir: address.predir,
    ad_street: address.street,
    ad_suffix: address.suffix,
    ad_postdir: address.postdir,
    ad_unit: address.unit,
    ad_pobox: address.pobox,
    ad_city: address.city,
    ad_state: address.state,
    ad_zip5: address.zip5,
    ad_line: address.line,
    ad_postcode: postalCode(address.zip5, raw.zip),
  };
}

/**
 * The single entry point for both requests and reference rows: runs once per row at load, so it
 * stays a handful of string operations (a few µs a row); all pairwise work is SQL.
 */
export function normalizeRecord(raw: RawPersonFields): NormalizedFields {
  const name = normalizeNameFields(raw);
  const address = normalizeAddressFields(raw);
  return {
    nm_first: name.nm_first,
    nm_first_canon: name.nm_first_canon,
    nm_middle: name.nm_middle,
    nm_last: name.nm_last,
    nm_last1: name.nm_last1,
    nm_last2: name.nm_last2,
    nm_suffix: name.nm_suffix,
    nm_last_phon: name.nm_last_phon,
    nm_first_phon: name.nm_first_phon,
    n_dob: normalizeDate(raw.dob),
    n_tin: normalizeTin(raw.tin),
    ad_number: address.ad_number,
    ad_predir: address.ad_predir,
    ad_street: address.ad_street,
    ad_suffix: address.ad_suffix,
    ad_postdir: address.ad_postdir,
    ad_unit: address.ad_unit,
    ad_pobox: address.ad_pobox,
    ad_city: address.ad_city,
    ad_state: address.ad_state,
    ad_zip5: address.ad_zip5,
    ad_line: address.ad_line,
    nm_last2_phon: name.nm_last2_phon,
    ad_postcode: address.ad_postcode,
    nm_first_forms: name.nm_first_forms,
  };
}
