import { spellingTable as table } from './spelling-table.ts';

/**
 * Secondary unit designators: USPS Publication 28, Appendix C2 ("Secondary Unit Designators").
 * Each line: the standard abbreviation, then the designator and the spellings commonly seen
 * (APARTAMENTO, the Spanish word, is written APT: Pub. 28, "Puerto Rico Addresses"; APRT, APTMNT,
 * AP and UNT are abbreviations people write that the appendix does not list).
 * Designators in REQUIRES_NUMBER need a range ("APT 5"); the others stand alone ("REAR").
 */
const C2 = `
APT APARTMENT APARTAMENTO APPT APTMT APTO APRT APTMNT AP
BSMT BASEMENT
BLDG BUILDING BLDNG
DEPT DEPARTMENT
FL FLOOR FLR
FRNT FRONT
HNGR HANGAR
KEY KEY
LBBY LOBBY
LOT LOT
LOWR LOWER
OFC OFFICE
PH PENTHOUSE
PIER PIER
REAR REAR
RM ROOM
SIDE SIDE
SLIP SLIP
SPC SPACE
STOP STOP
STE SUITE
TRLR TRAILER
UNIT UNIT UNT
UPPR UPPER
`;

/**
 * Words that stand for the number sign "#", itself a designator (Pub. 28, C2: "#" when the
 * designator is unknown): "NO 5" and "NUMBER 5" are "# 5"; after a designator they add nothing
 * ("APT NO 5", "FL NR 2").
 */
export const NUMBER_SIGN_WORDS: ReadonlySet<string> = new Set(['#', 'NO', 'NUMBER', 'NUM', 'NBR', 'NR']);

/** Any spelling of a secondary unit designator → its Publication 28 abbreviation. */
export const UNIT_DESIGNATORS: ReadonlyMap<string, string> = table(C2);

/** Pub. 28 Appendix C2 marks these as requiring a secondary range (a number or letter). */
export const UNIT_REQUIRES_NUMBER: ReadonlySet<string> = new Set([
  'APT',
  'BLDG',
  'DEPT',
  'FL',
  'HNGR',
  'KEY',
  'LOT',
  'PIER',
  'RM',
  'SLIP',
  'SPC',
  'STOP',
  'STE',
  'TRLR',
  'UNIT',
]);

/**
 * Directionals: USPS Publication 28, "Directionals" (delivery address line standards): the eight
 * compass points, spelled out or abbreviated, standardize to one or two letters.
 */
export const DIRECTIONALS: ReadonlyMap<string, string> = new Map([
  ['N', 'N'],
  ['NORTH', 'N'],
  ['S', 'S'],
  ['SOUTH', 'S'],
  ['E', 'E'],
  ['EAST', 'E'],
  ['W', 'W'],
  ['WEST', 'W'],
  ['NE', 'NE'],
  ['NORTHEAST', 'NE'],
  ['NW', 'NW'],
  ['NORTHWEST', 'NW'],
  ['SE', 'SE'],
  ['SOUTHEAST', 'SE'],
  ['SW', 'SW'],
  ['SOUTHWEST', 'SW'],
]);
