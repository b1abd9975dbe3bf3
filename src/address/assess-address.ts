import { isPlaceholder } from './placeholders.ts';
import { standardizeAddress, type AddressInput, type StandardAddress } from './us-address.ts';
import { isStateCode } from './us-states.ts';
import { isUnallocatedZip, statesForZip } from './zip3-states.ts';

/**
 * Is this "the address of the taxpayer" (26 U.S.C. § 6103(i)(2)(B)(i))? An address must say
 * where a person can be found: a house number and street (or a PO box or rural-route box), and
 * a place — city and state, or a ZIP Code. The 2025 process let through "Failed to Provide",
 * "Unknown Address", "NA NA" and bare ZIP Codes; each is refused here with its reason.
 */
export type AddressVerdict =
  | { kind: 'usable'; address: StandardAddress }
  | {
      kind:
        | 'missing'
        | 'placeholder'
        | 'zip-only'
        | 'digits-only'
        | 'no-street'
        | 'no-locality'
        | 'bad-zip'
        | 'bad-state'
        | 'zip-state-mismatch';
      detail: string;
    };

export type AddressRefusal = Exclude<AddressVerdict, { kind: 'usable' }>['kind'];

const ZIP_FORM = /^\d{5}(?:[- ]?\d{4})?$/;

function quoted(value: string): string {
  return `"${value.trim()}"`;
}

export function assessAddress(input: AddressInput): AddressVerdict {
  const line1 = input.address_line1.trim();
  const line2 = input.address_line2.trim();
  const zip = input.zip.trim();
  const city = input.city.trim();
  const state = input.state.trim();
  if (!line1 && !line2) {
    if (!city && !state && !zip) return { kind: 'missing', detail: 'no address given' };
    if (!city && !state) return { kind: 'zip-only', detail: `only a ZIP Code (${quoted(zip)}) was given` };
    return { kind: 'no-street', detail: 'no street address or PO box, only a place' };
  }
  if (isPlaceholder(line1) || (!line1 && isPlaceholder(line2)))
    return { kind: 'placeholder', detail: `${quoted(line1 || line2)} is a placeholder, not an address` };
  const digits = line1.replace(/[\s-]/g, '');
  if (/^\d+$/.test(digits))
    return digits.length === 5 || digits.length === 9
      ? { kind: 'zip-only', detail: `${quoted(line1)} is a ZIP Code, not an address` }
      : { kind: 'digits-only', detail: `${quoted(line1)} is only digits, not an address` };

  const address = standardizeAddress(input);
  const hasStreet = address.number !== null && address.street !== null;
  if (!hasStreet && address.pobox === null)
    return {
      kind: 'no-street',
      detail: `${quoted(line1)} has no ${address.number === null ? 'house number' : 'street name'} and no PO box`,
    };
  // With a street type the name is judged as a name is: NO ST and SAME ST are streets, UNKNOWN ST is not.
  if (address.street !== null && isPlaceholder(address.street, address.suffix === null ? 'other' : 'name'))
    return { kind: 'placeholder', detail: `street ${quoted(address.street)} is a placeholder` };

  const cityGiven = address.city !== null && !isPlaceholder(address.city);
  const stateGiven = address.state !== null && !isPlaceholder(address.state);
  if (stateGiven && address.state !== null && !isStateCode(address.state))
    return { kind: 'bad-state', detail: `${quoted(input.state)} is not a US state or possession` };
  const zipGiven = zip !== '' && !isPlaceholder(zip);
  if (zipGiven || address.zip5 !== null) {
    if (address.zip5 === null && !ZIP_FORM.test(zip))
      return { kind: 'bad-zip', detail: `${quoted(input.zip)} is not a ZIP Code (5 digits, or ZIP+4)` };
    if (address.zip5 !== null && isUnallocatedZip(address.zip5))
      return { kind: 'bad-zip', detail: `no ZIP Code begins with ${address.zip5.slice(0, 3)}` };
  }
  if (!(cityGiven && stateGiven) && address.zip5 === null)
    return { kind: 'no-locality', detail: 'neither city and state nor a ZIP Code is given' };
  if (stateGiven && address.state !== null && address.zip5 !== null) {
    const states = statesForZip(address.zip5);
    if (states !== null && !states.includes(address.state))
      return {
        kind: 'zip-state-mismatch',
        detail: `ZIP ${address.zip5} belongs to ${states.join('/')}, not ${address.state}`,
      };
  }
  return { kind: 'usable', address };
}
