import { WeightedTable, type Prng } from '../prng.ts';
import type { NameGroup } from '../names/name-table.ts';
import { PLACES, type Place } from '../places/places.ts';
import {
  DIRECTIONALS,
  ENGLISH_STREET_NAMES,
  SPANISH_NAMED_STREETS,
  SPANISH_STREET_NAMES,
  STREET_SUFFIXES,
  UNIT_KINDS,
  type Directional,
  type StreetSuffix,
  type UnitKind,
} from '../places/streets.ts';

/** An address as a structure: what it is, before anyone writes it down one way or another. */
export interface StreetAddress {
  /** As the Postal Service delivers to it: "1234", "37-12" (Queens), "27W088", "N59W28135" (grid), "12 1/2". */
  number: string;
  predir: Directional | null;
  /** "Main", or with a Spanish street word first: "Calle Luna". */
  streetName: string;
  suffix: StreetSuffix | null;
  postdir: Directional | null;
  unit: { kind: UnitKind; id: string } | null;
  /**
   * A post-office box, where the household takes its mail and files from (the street fields are
   * then empty: the box is the address), or null.
   */
  poBox: string | null;
  city: string;
  state: string;
  zip5: string;
  zip4: string;
}

/**
 * Shares of address features, from the American Community Survey (about a quarter of US homes are
 * in buildings with 2+ units) and a rough reading of TIGER/Line street names (pre-directionals on
 * about a fifth; Spanish street names common in the Southwest).
 */
const UNIT_SHARE = 0.25;
const PREDIRECTIONAL_SHARE = 0.2;
/** Post-directionals (ELM ST SE) are the rule in a few grid cities (Washington, Atlanta, Seattle), rare elsewhere. */
const POSTDIRECTIONAL_SHARE = 0.05;
const SPANISH_STREET_SHARE = { hispanic: 0.2, other: 0.05 };
/**
 * Households whose address is a post-office box (rural delivery, no street delivery, or a box
 * kept for privacy): a few percent of filers write one on their return. Chosen.
 */
const PO_BOX_SHARE = 0.03;

const placesByGroup = new Map<NameGroup, WeightedTable<Place>>();
function placeTable(group: NameGroup): WeightedTable<Place> {
  let table = placesByGroup.get(group);
  if (!table) {
    table = new WeightedTable(PLACES.map((place) => [place, place.weight[group]] as const));
    placesByGroup.set(group, table);
  }
  return table;
}

const suffixes = new WeightedTable(STREET_SUFFIXES.map((s) => [s, s.weight] as const));
const unitKinds = new WeightedTable(UNIT_KINDS.map((u) => [u, u.weight] as const));

export function drawPlace(rng: Prng, group: NameGroup): Place {
  return placeTable(group).draw(rng);
}

/**
 * House numbers by digit count (chosen from a reading of TIGER/Line address ranges: three- and
 * four-digit numbers dominate, one-digit numbers are rare), uniform within the digit count.
 */
const HOUSE_NUMBER_DIGITS = new WeightedTable<number>([
  [1, 0.04],
  [2, 0.14],
  [3, 0.34],
  [4, 0.42],
  [5, 0.06],
]);

/**
 * House numbers written as the Postal Service delivers them in some places (chosen shares): Queens
 * numbers every house by its cross street, hyphenated ("37-12"); unincorporated DuPage and Kane
 * counties (Illinois) and Waukesha County (Wisconsin) number by a county grid ("27W088",
 * "N59W28135", "W14066"); a house split in two takes a fraction ("12 1/2") anywhere.
 */
const NUMBER_STYLES: ReadonlyMap<string, { style: 'queens' | 'grid-il' | 'grid-wi'; share: number }> =
  new Map([
    ['Flushing|NY', { style: 'queens', share: 1 }],
    ['Corona|NY', { style: 'queens', share: 1 }],
    ['Wheaton|IL', { style: 'grid-il', share: 0.3 }],
    ['St. Charles|IL', { style: 'grid-il', share: 0.3 }],
    ['Waukesha|WI', { style: 'grid-wi', share: 0.3 }],
  ]);
const FRACTIONAL_NUMBER_SHARE = 0.005;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function houseNumber(rng: Prng, place: Place): string {
  const local = NUMBER_STYLES.get(`${place.city}|${place.state}`);
  if (local && rng.chance(local.share)) {
    switch (local.style) {
      case 'queens':
        return `${rng.int(10, 250)}-${pad(rng.int(1, 99), 2)}`;
      case 'grid-il':
        return `${rng.int(0, 45)}${rng.pick(['N', 'S', 'E', 'W'])}${pad(rng.int(0, 999), 3)}`;
      case 'grid-wi':
        return rng.chance(0.5)
          ? `${rng.pick(['N', 'S'])}${rng.int(1, 99)}${rng.pick(['W', 'E'])}${rng.int(10000, 39999)}`
          : `${rng.pick(['N', 'S', 'E', 'W'])}${rng.int(1000, 19999)}`;
    }
  }
  const digits = HOUSE_NUMBER_DIGITS.draw(rng);
  const number = String(rng.int(digits === 1 ? 1 : 10 ** (digits - 1), 10 ** digits - 1));
  return rng.chance(FRACTIONAL_NUMBER_SHARE) ? `${number} 1/2` : number;
}

function unitId(rng: Prng): string {
  const roll = rng.next();
  if (roll < 0.6) return String(rng.int(1, 350));
  if (roll < 0.8) return `${rng.int(1, 30)}${String.fromCharCode(65 + rng.int(0, 5))}`;
  return String.fromCharCode(65 + rng.int(0, 7));
}

export function randomAddress(rng: Prng, place: Place, group: NameGroup): StreetAddress {
  if (rng.chance(PO_BOX_SHARE))
    return {
      number: '',
      predir: null,
      streetName: '',
      suffix: null,
      postdir: null,
      unit: null,
      poBox: String(rng.int(1, rng.chance(0.7) ? 9999 : 99999)),
      city: place.city,
      state: place.state,
      zip5: String(rng.int(place.zipLow, place.zipHigh)).padStart(5, '0'),
      zip4: String(rng.int(1, 9999)).padStart(4, '0'),
    };
  const spanishShare = group === 'hispanic' ? SPANISH_STREET_SHARE.hispanic : SPANISH_STREET_SHARE.other;
  const roll = rng.next();
  let streetName: string;
  let suffix: StreetSuffix | null;
  if (roll < spanishShare / 2) {
    streetName = rng.pick(SPANISH_STREET_NAMES);
    suffix = null;
  } else if (roll < spanishShare) {
    streetName = rng.pick(SPANISH_NAMED_STREETS);
    suffix = suffixes.draw(rng);
  } else {
    streetName = rng.pick(ENGLISH_STREET_NAMES);
    suffix = suffixes.draw(rng);
  }
  const unitKind = rng.chance(UNIT_SHARE) ? unitKinds.draw(rng) : null;
  const predir = rng.chance(PREDIRECTIONAL_SHARE) ? rng.pick(DIRECTIONALS) : null;
  return {
    number: houseNumber(rng, place),
    predir,
    streetName,
    suffix,
    postdir:
      predir === null && suffix !== null && rng.chance(POSTDIRECTIONAL_SHARE) ? rng.pick(DIRECTIONALS) : null,
    unit: unitKind ? { kind: unitKind, id: unitId(rng) } : null,
    poBox: null,
    city: place.city,
    state: place.state,
    zip5: String(rng.int(place.zipLow, place.zipHigh)).padStart(5, '0'),
    zip4: String(rng.int(1, 9999)).padStart(4, '0'),
  };
}

/** Same delivery point: what decides CONFIRMED versus NOT_CONFIRMED in the truth. */
export function sameDeliveryPoint(a: StreetAddress, b: StreetAddress): boolean {
  return (
    a.number === b.number &&
    a.predir?.abbr === b.predir?.abbr &&
    a.streetName === b.streetName &&
    a.suffix?.abbr === b.suffix?.abbr &&
    a.postdir?.abbr === b.postdir?.abbr &&
    a.unit?.id === b.unit?.id &&
    a.poBox === b.poBox &&
    a.zip5 === b.zip5
  );
}

/** A different address for the same household: a move within the city (most moves are local) or farther. */
export function movedAddress(rng: Prng, from: StreetAddress, group: NameGroup): StreetAddress {
  // ACS migration tables: about 60 % of movers stay in the same county.
  const LOCAL_MOVE_SHARE = 0.6;
  for (;;) {
    const place = rng.chance(LOCAL_MOVE_SHARE)
      ? (PLACES.find((p) => p.city === from.city && p.state === from.state) ?? drawPlace(rng, group))
      : drawPlace(rng, group);
    const next = randomAddress(rng, place, group);
    if (next.number !== from.number || next.streetName !== from.streetName || next.poBox !== from.poBox)
      return next;
  }
}
