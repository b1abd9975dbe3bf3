import { COMMON_SUFFIXES, SPANISH_STREET_TYPES, STREET_SUFFIXES } from './pub28-street-suffixes.ts';
import { DIRECTIONALS } from './pub28-units-and-directionals.ts';
import { streetNameAlias } from './street-name-aliases.ts';
import {
  directionalWord,
  misspeltSuffix,
  numberedStreetName,
  pairedDirectional,
  streetNameWord,
  suffixSpelling,
  type DirectionalPosition,
} from './street-words.ts';

/** The street of a delivery line: "N MAIN ST SE" is predir N, street MAIN, suffix ST, postdir SE. */
export interface StreetParts {
  predir: string | null;
  street: string | null;
  /** The street type, wherever it stands (after the name, or before it: CALLE SOL, HWY 61). */
  suffix: string | null;
  suffixLeads: boolean;
  postdir: string | null;
}

/**
 * Street types that lead the name: the Spanish ones (CALLE SOL, AVENIDA JUAREZ, VIA VERDE) and
 * the route types of numbered roads (HWY 61, RTE 9, AVE B). No other suffix word leads: ST in
 * "ST JEROME AVE" is the name's SAINT, PARK in "PARK AVNU" its name.
 */
const LEADING_TYPES: ReadonlySet<string> = new Set([
  'CALLE',
  'AVE',
  'CAMINO',
  'PASEO',
  'CARR',
  'CALLEJON',
  'VEREDA',
  'VIA',
  'HWY',
  'RTE',
]);

/**
 * Street-type abbreviations in common use that Publication 28 does not list, read only where a
 * type ends the street (never inside a name: LA JOLLA): CRT is Canada Post's abbreviation of
 * COURT and widely written in the US; LA is the usual short form of LANE after a name; TR of
 * TRAIL or TERRACE.
 */
const TRAILING_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['CRT', 'CT'],
  ['LA', 'LN'],
  // TR is written for TRAIL and for TERRACE alike: kept as written (AMBIGUOUS_STREET_TYPES).
  ['TR', 'TR'],
]);

/**
 * Abbreviations that stand for more than one street type, kept as written: the comparison takes
 * each for none of them (the writer's street may be either, and the other need not be on any
 * return).
 * RAD is Publication 28's abbreviation of RADIAL, a rare type, and ROAD with its O dropped, the
 * commonest slip in the second commonest type (no other listed abbreviation is one letter from a
 * common type's spelling that way: the others are words, LAKE, LAND, HAVEN, or plurals).
 */
export const AMBIGUOUS_STREET_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  ['TR', ['TER', 'TRL']],
  ['RAD', ['RADL', 'RD']],
]);

/**
 * A directional that is the whole name before a street type is the street's name, not its
 * predirectional (Publication 28, "Directionals": NORTH BLVD, SOUTH ST), and the name is spelled
 * out: S ST, S. STREET and SOUTH ST are one street, as are W STRET and WEST ST. A street named by a
 * letter that is also a compass point (E Street in a lettered grid) is read the same way: by its
 * line alone nobody can tell E ST from EAST ST, and one street written both ways is far commoner
 * than a ZIP code holding both (the comparison still needs the same house number there).
 */
const DIRECTIONAL_NAMES = new Map<string, string>();
for (const [spelling, standard] of DIRECTIONALS)
  if (spelling.length > (DIRECTIONAL_NAMES.get(standard)?.length ?? 0))
    DIRECTIONAL_NAMES.set(standard, spelling);

/** The street name a directional spelling stands for where it is the whole name (S, SO. or SOUTH: SOUTH), or undefined. */
export function compassStreetName(word: string): string | undefined {
  return DIRECTIONAL_NAMES.get(DIRECTIONALS.get(word) ?? '');
}

/**
 * A misspelt type after a lone directional is read only from five letters on (W STRET, S AVENU,
 * N TERACE): a shorter word one slip from a type is as often a name (N AVON is North Avon, not
 * N AVEN; W PACE, E CURT, S TAIL).
 */
const MIN_MISSPELT_TYPE_AFTER_DIRECTIONAL = 5;

/** The street type a word ending the street stands for: a Pub. 28 spelling or a common abbreviation. */
function trailingType(word: string): string | undefined {
  if (AMBIGUOUS_STREET_TYPES.has(word)) return word;
  return suffixSpelling(word) ?? TRAILING_ABBREVIATIONS.get(word);
}

/** The street type a word stands for when it leads the name. */
function leadingType(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  const type = SPANISH_STREET_TYPES.get(word) ?? STREET_SUFFIXES.get(word);
  return type !== undefined && LEADING_TYPES.has(type) ? type : undefined;
}

/**
 * A directional of one word or two ("N W") at the start of `words`, leaving at least `leave` words
 * after it: [directional, words it took].
 */
function directionalAtStart(
  words: readonly string[],
  position: DirectionalPosition,
  leave: number,
): [string, number] | undefined {
  const [first = '', second = ''] = words;
  const paired = words.length >= 2 + leave ? pairedDirectional(first, second, position) : undefined;
  if (paired !== undefined) return [paired, 2];
  const single = words.length >= 1 + leave ? directionalWord(first, position) : undefined;
  return single === undefined ? undefined : [single, 1];
}

/**
 * A directional of one word or two ("S W") ending `words`, leaving a name before it. Read as
 * spelled after a bare name; after a street type also abbreviated or misspelt (the type is only
 * looked for when the word could be one of those, which is rare: this runs for every address).
 */
function directionalAtEnd(words: readonly string[]): [string, number] | undefined {
  const n = words.length;
  const at = (i: number) => words[n - i] ?? '';
  const isType = (word: string) => suffixSpelling(word) !== undefined || misspeltSuffix(word) !== undefined;
  const read = (word: string, before: string) => {
    const spelled = directionalWord(word, 'after-name');
    if (spelled !== undefined) return spelled;
    const loose = directionalWord(word, 'after-type');
    return loose !== undefined && isType(before) ? loose : undefined;
  };
  if (n >= 3) {
    const [first, second] = [read(at(2), at(3)), read(at(1), at(3))];
    if ((first === 'N' || first === 'S') && (second === 'E' || second === 'W'))
      return [`${first}${second}`, 2];
  }
  const single = n >= 2 ? read(at(1), at(2)) : undefined;
  return single === undefined ? undefined : [single, 1];
}

/**
 * Splits the street words into predirectional, name, suffix and postdirectional, asking of each
 * word only what may stand where it is (./street-words.ts): a postdirectional last, a street type
 * first (Spanish, or HWY 61) or last, a predirectional first; the rest is the name, and a name is
 * never left empty for a directional or a type to be read.
 */
export function readStreet(words: readonly string[]): StreetParts {
  const parts: StreetParts = { predir: null, street: null, suffix: null, suffixLeads: false, postdir: null };
  let name = words;
  const postdir = directionalAtEnd(name);
  if (postdir !== undefined) {
    parts.postdir = postdir[0];
    name = name.slice(0, -postdir[1]);
  }
  // A directional before a leading type: NE VIA DEL LAGO, S CALLE LUNA.
  const beforeType = directionalAtStart(name, 'before-name', 2);
  if (beforeType !== undefined && leadingType(name[beforeType[1]]) !== undefined) {
    parts.predir = beforeType[0];
    name = name.slice(beforeType[1]);
  }
  const leading = name.length >= 2 ? leadingType(name[0]) : undefined;
  if (leading !== undefined) {
    parts.suffix = leading;
    parts.suffixLeads = true;
    name = name.slice(1);
  } else {
    const last = name[name.length - 1] ?? '';
    const rest = name.slice(0, -1);
    let trailing = name.length >= 2 ? trailingType(last) : undefined;
    // A type word that is also a name (VALLEY, SPRING, PARK: not one of the common types) after a
    // lone directional is the name with its type dropped: N VALLEY is North Valley, as in N VALLEY
    // ST; N ST and N AVE stay streets named N.
    const loneDirectional = directionalAtStart(rest, 'before-name', 0)?.[1] === rest.length;
    if (trailing !== undefined && loneDirectional && !COMMON_SUFFIXES.includes(trailing))
      trailing = undefined;
    // A misspelt suffix must leave a name behind, not a lone directional as Pub. 28 spells it: N
    // AVON is North Avon; NO and SO are names there (596 NO AVENEU is NO AVE).
    else if (
      trailing === undefined &&
      name.length >= 2 &&
      !(
        loneDirectional &&
        DIRECTIONALS.has(rest.join('')) &&
        last.length < MIN_MISSPELT_TYPE_AFTER_DIRECTIONAL
      )
    )
      trailing = misspeltSuffix(last);
    if (trailing !== undefined) {
      parts.suffix = trailing;
      name = name.slice(0, -1);
    }
    const predir = parts.predir === null ? directionalAtStart(name, 'before-name', 1) : undefined;
    if (predir !== undefined) {
      parts.predir = predir[0];
      name = name.slice(predir[1]);
    }
  }
  const numbered = parts.suffix !== null && !parts.suffixLeads ? numberedStreetName(name) : undefined;
  const directionalName =
    parts.suffix !== null && !parts.suffixLeads && name.length === 1
      ? compassStreetName(name[0] ?? '')
      : undefined;
  if (numbered !== undefined) parts.street = numbered;
  else if (directionalName !== undefined) parts.street = directionalName;
  else if (name.length)
    parts.street =
      streetNameAlias(name) ?? name.map((word, i) => streetNameWord(word, i === name.length - 1)).join(' ');
  return parts;
}
