import { DIRECTIONAL_STREET_NAMES, NAME_WORD_ABBREVIATIONS } from '../places/streets.ts';
import type { StreetAddress } from '../world/street-address.ts';

/** An address as a record writes it: the five address columns of reference and request files. */
export interface AddressFields {
  address_line1: string;
  address_line2: string;
  city: string;
  state: string;
  zip: string;
}

export type AbbreviationForm = 'abbr' | 'full' | 'abbr-dot';

/** How one writer writes an address (USPS standard form by default). */
export interface AddressStyle {
  suffix: AbbreviationForm;
  directional: AbbreviationForm;
  /** Saint, Mount, Fort in the street name written St, Mt, Ft; a street named North written N. */
  nameAbbreviated: boolean;
  /** The suffix as this writer spelt it, when not in one of the forms above ("Stree"). */
  suffixText: string | null;
  /** The directional as this writer wrote it, when not in Pub. 28's forms ("No", "N W"). */
  directionalText: string | null;
  /** Index into the unit kind's spellings ("Apt", "Apartment", "#", …). */
  unitForm: number;
  unitInLine1: boolean;
  upper: boolean;
  zipPlus4: boolean;
  /** ZIP+4 written as nine digits, without the hyphen. */
  zipNoDash: boolean;
  /** No ZIP code written (the city and state still are). */
  zipMissing: boolean;
  /** The city as this writer wrote it, when not as the place is named ("Saint Charles"). */
  cityText: string | null;
  /** The street name as this writer wrote it, when not as the street is named ("76" for 76th, "Mapel"). */
  streetNameText: string | null;
  /** The house number as this writer wrote it, when not as delivered ("N59 W28135"), or null. */
  numberText: string | null;
  /** A number sign this writer puts before the house number ("No.", "Nº"), or null. */
  numberSign: string | null;
  /** How this writer writes a post-office box ("PO Box", "P.O. Box", "POB", "Box"). */
  poBoxForm: string;
}

export const STANDARD_ADDRESS_STYLE: AddressStyle = {
  suffix: 'abbr',
  directional: 'abbr',
  nameAbbreviated: false,
  suffixText: null,
  directionalText: null,
  unitForm: 0,
  unitInLine1: false,
  upper: false,
  zipPlus4: false,
  zipNoDash: false,
  zipMissing: false,
  cityText: null,
  streetNameText: null,
  numberText: null,
  numberSign: null,
  poBoxForm: 'PO Box',
};

function form(value: { full: string; abbr: string }, how: AbbreviationForm): string {
  if (how === 'full') return value.full;
  // "Way" and "Loop" have no shorter form: no dot after a whole word.
  return how === 'abbr-dot' && value.abbr !== value.full ? `${value.abbr}.` : value.abbr;
}

export function renderAddress(address: StreetAddress, style: AddressStyle): AddressFields {
  const finish = (value: string) => (style.upper ? value.toUpperCase() : value);
  const place = {
    city: finish(style.cityText ?? address.city),
    state: address.state,
    zip: style.zipMissing
      ? ''
      : style.zipPlus4
        ? `${address.zip5}${style.zipNoDash ? '' : '-'}${address.zip4}`
        : address.zip5,
  };
  if (address.poBox !== null)
    return { address_line1: finish(`${style.poBoxForm} ${address.poBox}`), address_line2: '', ...place };
  const number = style.numberText ?? address.number;
  const words = style.numberSign ? [style.numberSign, number] : [number];
  const directional = (value: { full: string; abbr: string }) =>
    style.directionalText ?? form(value, style.directional);
  if (address.predir) words.push(directional(address.predir));
  const streetName = style.nameAbbreviated
    ? (DIRECTIONAL_STREET_NAMES.get(address.streetName) ??
      address.streetName
        .split(' ')
        .map((word) => NAME_WORD_ABBREVIATIONS.get(word) ?? word)
        .join(' '))
    : address.streetName;
  words.push(style.streetNameText ?? streetName);
  if (address.suffix) words.push(style.suffixText ?? form(address.suffix, style.suffix));
  if (address.postdir) words.push(directional(address.postdir));
  let unit = '';
  if (address.unit) {
    const designator = address.unit.kind.forms[style.unitForm % address.unit.kind.forms.length] ?? 'Apt';
    unit = designator.endsWith('#') ? `${designator}${address.unit.id}` : `${designator} ${address.unit.id}`;
  }
  let line1 = words.join(' ');
  let line2 = unit;
  if (style.unitInLine1 && unit) {
    line1 = `${line1} ${unit}`;
    line2 = '';
  }
  return { address_line1: finish(line1), address_line2: finish(line2), ...place };
}
