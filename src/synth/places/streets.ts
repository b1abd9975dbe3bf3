/**
 * Street vocabulary for synthetic US addresses. Suffixes, directionals and unit designators carry
 * their USPS Publication 28 standard abbreviations (Appendix C1, C2) so that the generator can
 * write either form and the normalizer must bring both back to one.
 */
export const STREET_SUFFIXES = [
  { full: 'Street', abbr: 'St', weight: 30 },
  { full: 'Avenue', abbr: 'Ave', weight: 18 },
  { full: 'Road', abbr: 'Rd', weight: 10 },
  { full: 'Drive', abbr: 'Dr', weight: 12 },
  { full: 'Lane', abbr: 'Ln', weight: 6 },
  { full: 'Court', abbr: 'Ct', weight: 5 },
  { full: 'Boulevard', abbr: 'Blvd', weight: 4 },
  { full: 'Place', abbr: 'Pl', weight: 3 },
  { full: 'Way', abbr: 'Way', weight: 3 },
  { full: 'Circle', abbr: 'Cir', weight: 2 },
  { full: 'Terrace', abbr: 'Ter', weight: 1 },
  { full: 'Trail', abbr: 'Trl', weight: 1 },
  { full: 'Parkway', abbr: 'Pkwy', weight: 1 },
  { full: 'Highway', abbr: 'Hwy', weight: 1 },
] as const;
export type StreetSuffix = (typeof STREET_SUFFIXES)[number];

export const DIRECTIONALS = [
  { full: 'North', abbr: 'N' },
  { full: 'South', abbr: 'S' },
  { full: 'East', abbr: 'E' },
  { full: 'West', abbr: 'W' },
  { full: 'Northeast', abbr: 'NE' },
  { full: 'Northwest', abbr: 'NW' },
  { full: 'Southeast', abbr: 'SE' },
  { full: 'Southwest', abbr: 'SW' },
] as const;
export type Directional = (typeof DIRECTIONALS)[number];

/**
 * Ways people write a directional that Publication 28 does not list, seen in address files:
 * "No."/"So." for North and South, the letters without vowels, and the two-letter ones spaced or
 * spelled as two words.
 */
export const DIRECTIONAL_RESPELLINGS: Record<Directional['abbr'], readonly string[]> = {
  N: ['No', 'Nrth', 'Nth'],
  S: ['So', 'Sth'],
  E: ['Est'],
  W: ['Wst'],
  NE: ['N E', 'N.E.', 'North East'],
  NW: ['N W', 'N.W.', 'North West'],
  SE: ['S E', 'S.E.', 'South East'],
  SW: ['S W', 'S.W.', 'South West'],
};

/** Words of street names that people abbreviate, as Publication 28 abbreviates them. */
export const NAME_WORD_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['Saint', 'St'],
  ['Mount', 'Mt'],
  ['Fort', 'Ft'],
]);

/** Unit designators as written on returns; `forms` are the ways the same designator is spelled. */
export const UNIT_KINDS = [
  { abbr: 'Apt', forms: ['Apt', 'Apartment', '#', 'Apt #', 'APT.'], weight: 80 },
  { abbr: 'Unit', forms: ['Unit', '#'], weight: 12 },
  { abbr: 'Lot', forms: ['Lot', '#'], weight: 5 },
  { abbr: 'Trlr', forms: ['Trlr', 'Trailer'], weight: 3 },
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * A street named by a compass point (North Blvd, South St, West Ave) is written with its name
 * abbreviated as often as spelled out ("198 S St"), as a directional before a name is; Publication
 * 28 spells such a name out. Written abbreviated where the writer abbreviates Saint, Mount and Fort.
 */
export const DIRECTIONAL_STREET_NAMES: ReadonlyMap<string, string> = new Map([
  ['North', 'N'],
  ['South', 'S'],
  ['East', 'E'],
  ['West', 'W'],
]);

/**
 * Common US street names (most frequent street names in the US, per the Census TIGER/Line files),
 * and names that hold a word a standardizer could take for something else: SAINT (written ST, like
 * STREET), MOUNT and FORT (MT, FT), suffix words (Spring, Park, View), NO, a real street name
 * that is also an abbreviation of North, and the compass points themselves (North, South, East,
 * West: DIRECTIONAL_STREET_NAMES; in the places of four common names, Railroad, Academy, Evergreen
 * and Heritage, so that the list keeps its length and every draw of the world stays as it was).
 */
export const ENGLISH_STREET_NAMES =
  `Main, Oak, Park, Pine, Maple, Cedar, Elm, Washington, Lake, Hill, Walnut, Spring,
Ridge, Church, Willow, Mill, Sunset, Jackson, Cherry, Highland, Forest, Jefferson, Lincoln, Madison, Meadow,
River, Center, Franklin, Chestnut, Adams, Hickory, Dogwood, Magnolia, Lakeview, Sycamore, Birch, Valley,
Woodland, College, Cypress, Poplar, Holly, Laurel, Spruce, Aspen, Jones, Johnson, East, Locust, Market,
Broad, Water, High, Union, Prospect, Pleasant, Green, Grove, West, Bridge, School, Orchard, Ash, Juniper,
North, South, Lakeshore, Country Club, Martin Luther King Jr, Cesar Chavez, 1st, 2nd, 3rd, 4th, 5th, 6th,
7th, 8th, 9th, 10th, 11th, 12th, 14th, 16th, 21st, 23rd, 32nd, 45th, 51st, 68th, 103rd, Saint James, Saint Jerome,
Saint Louis, Saint Charles, Saint Andrews, Mount Vernon, Mount Pleasant, Fort Hamilton, Spring Valley, Park View, No`
    .split(',')
    .map((name) => name.trim());

/**
 * Spanish street names as they stand on US street signs in the Southwest and Florida: the Spanish
 * street word comes first ("Calle Luna", "Camino del Sol") and there is no English suffix.
 */
export const SPANISH_STREET_NAMES =
  `Calle Luna, Calle Real, Calle del Sol, Calle de la Paz, Calle Ocho, Avenida Juárez,
Avenida Cesar Chavez, Avenida del Mar, Camino Real, Camino del Sol, Camino de los Robles, Paseo de la Reina,
Paseo del Norte, Via Verde, Via del Lago, Vista del Mar, Calle Santa Fe, Camino San Pedro, Avenida Guadalupe,
Calle Alamo, Calle Mañana, Camino Peñasco`
    .split(',')
    .map((name) => name.trim());

/** Spanish-named streets that take an English suffix ("Alameda Ave", "Zarzamora St"). */
export const SPANISH_NAMED_STREETS =
  `Alameda, Zarzamora, Guadalupe, San Pedro, Rio Grande, Buena Vista, El Camino,
Las Palmas, Los Feliz, Sepulveda, Figueroa, Alvarado, Soledad, Montezuma, Presa, Nogalitos, Del Rio, La Brea,
Santa Rosa, San Fernando, Bandera, Culebra`
    .split(',')
    .map((name) => name.trim());
