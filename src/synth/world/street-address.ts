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
  number: string;
  predir: Directional | null;
  /** "Main", or with a Spanish street word first: "Calle Luna". */
  streetName: string;
  suffix: StreetSuffix | null;
  unit: { kind: UnitKind; id: string } | null;
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
const SPANISH_STREET_SHARE = { hispanic: 0.2, other: 0.05 };

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

function houseNumber(rng: Prng): string {
  const digits = HOUSE_NUMBER_DIGITS.draw(rng);
  return String(rng.int(digits === 1 ? 1 : 10 ** (digits - 1), 10 ** digits - 1));
}

function unitId(rng: Prng): string {
  const roll = rng.next();
  if (roll < 0.6) return String(rng.int(1, 350));
  if (roll < 0.8) return `${rng.int(1, 30)}${String.fromCharCode(65 + rng.int(0, 5))}`;
  return String.fromCharCode(65 + rng.int(0, 7));
}

export function randomAddress(rng: Prng, place: Place, group: NameGroup): StreetAddress {
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
  return {
    number: houseNumber(rng),
    predir: rng.chance(PREDIRECTIONAL_SHARE) ? rng.pick(DIRECTIONALS) : null,
    streetName,
    suffix,
    unit: unitKind ? { kind: unitKind, id: unitId(rng) } : null,
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
    a.unit?.id === b.unit?.id &&
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
    if (next.number !== from.number || next.streetName !== from.streetName) return next;
  }
}
