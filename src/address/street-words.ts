import { COMMON_SUFFIXES, STREET_SUFFIXES, STREET_SUFFIX_NAMES } from './pub28-street-suffixes.ts';
import { DIRECTIONALS, UNIT_DESIGNATORS } from './pub28-units-and-directionals.ts';

/**
 * What a word of a street means depends on where it stands (Publication 28 reads a street as
 * [predirectional] name [suffix] [postdirectional]). The readers below are asked only about a word
 * in the position they name (./read-street.ts asks), so that a word is never taken for a suffix or
 * a directional where none can stand: SAINT and ST lead a name ("ST JEROME AVE"), NO is North
 * before a name ("NO VIRGINIA AVE") but a name before a suffix ("NO ST").
 */

/**
 * A misspelt suffix is looked for only where it is likely and a false reading unlikely: keeping
 * the first letter (typists rarely get it wrong: Pollock and Zamora, "Automatic spelling correction
 * in scientific and scholarly text", CACM 27(4), 1984), only towards the common street types
 * (COMMON_SUFFIXES: MAIN is one letter from MTIN, a listed spelling of MOUNTAIN; the rare types are
 * rarely misspelt because they are rarely written at all), and against spellings of four letters
 * or more (a 3-letter spelling is one letter from too many words: STR from STAR) — except that a
 * doubled keystroke is a misspelling of any spelling (WAYY).
 */
const MIN_SPELLING_LENGTH = 4;
/** A 3-letter word is read as a suffix only with a letter dropped from a longer spelling (ROD: ROAD). */
const MIN_MISSPELT_LENGTH = 3;
/** A directional is read through one misspelling only when spelled out (NORTH, SOUTHEAST…): EAST is one edit from EASY and WEST from WENT. */
const MIN_MISSPELT_DIRECTIONAL_LENGTH = 5;
/**
 * A word of four letters is read as NORTH or SOUTH with a letter dropped (SOTH, NOTH, NORT), where
 * a directional may stand: no English word is NORTH or SOUTH less a letter, and before the name
 * the name must still follow (read-street.ts), so NORT ST stays a street named NORT.
 */
const MIN_DROPPED_LETTER_DIRECTIONAL_LENGTH = 4;
/**
 * EAST and WEST, four letters each, are one letter from many words (EASY, VAST, WENT, BEST): read
 * only through the slips that keep the word's own letters — two neighbours swapped (ESAT, WSET) or
 * a key struck twice (EASST) — never a letter changed.
 */
const FOUR_LETTER_DIRECTIONALS: readonly string[] = ['EAST', 'WEST'];

/**
 * Abbreviations of directionals in common use that Publication 28 does not list: "No." and "So.",
 * and the spellings without vowels (NRTH, STH, WST) or with one (EST). Read before the street name
 * or after its type only: ending a bare name (CALLE NORTE, "APT NO") a word is read as spelled.
 */
const COMMON_DIRECTIONAL_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['NO', 'N'],
  ['NTH', 'N'],
  ['NRTH', 'N'],
  ['SO', 'S'],
  ['STH', 'S'],
  ['EST', 'E'],
  ['WST', 'W'],
]);

/**
 * Optimal-string-alignment distance of at most one: one letter substituted, inserted or deleted,
 * or two neighbours swapped (AVNU, STREE, SRTEET, NROTH).
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) {
    if (short.slice(i + 1) === long.slice(i + 1)) return true;
    return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
  }
  return short.slice(i) === long.slice(i + 1);
}

/** Every spelling of a table, indexed by itself and by each one-letter deletion of it. */
function deletionIndex(spellings: Iterable<string>, minLength: number): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const put = (key: string, spelling: string) => {
    const held = index.get(key);
    if (!held) index.set(key, [spelling]);
    else if (!held.includes(spelling)) held.push(spelling);
  };
  for (const spelling of spellings) {
    if (spelling.length < minLength || /\d/.test(spelling)) continue;
    put(spelling, spelling);
    for (let i = 0; i < spelling.length; i++) put(spelling.slice(0, i) + spelling.slice(i + 1), spelling);
  }
  return index;
}

/** The spellings one edit from `word` with its first letter (symmetric deletion finds them; the edit check confirms). */
function spellingsOneEditFrom(word: string, index: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set<string>();
  const consider = (key: string) => {
    for (const spelling of index.get(key) ?? [])
      if (spelling[0] === word[0] && withinOneEdit(word, spelling)) found.add(spelling);
  };
  consider(word);
  for (let i = 0; i < word.length; i++) consider(word.slice(0, i) + word.slice(i + 1));
  return found;
}

const COMMON_SUFFIX_SPELLINGS = [...STREET_SUFFIXES]
  .filter(([, standard]) => COMMON_SUFFIXES.includes(standard))
  .map(([spelling]) => spelling);
const SUFFIX_INDEX = deletionIndex(COMMON_SUFFIX_SPELLINGS, MIN_SPELLING_LENGTH);
const SPELLED_OUT_DIRECTIONALS = [...DIRECTIONALS.keys()].filter(
  (word) => word.length >= MIN_MISSPELT_DIRECTIONAL_LENGTH,
);
const DIRECTIONAL_INDEX = deletionIndex(SPELLED_OUT_DIRECTIONALS, MIN_MISSPELT_DIRECTIONAL_LENGTH);

const letters = (word: string, minLength: number) => word.length >= minLength && /^[A-Z]+$/.test(word);

/** The commoner of two street types (COMMON_SUFFIXES order). */
function commoner(a: string | undefined, b: string): string {
  return a === undefined || COMMON_SUFFIXES.indexOf(b) < COMMON_SUFFIXES.indexOf(a) ? b : a;
}

/**
 * Every Publication 28 spelling of a common street type, with its type ([ST, STREET], [ST, STR],
 * [AVE, AVNUE]…): what a slipped type word is measured against, here and in the SQL comparisons.
 */
export const COMMON_TYPE_SPELLINGS: readonly (readonly [type: string, spelling: string])[] = [
  ...STREET_SUFFIXES,
]
  .filter(([, standard]) => COMMON_SUFFIXES.includes(standard))
  .map(([spelling, standard]) => [standard, spelling] as const);

/**
 * The common street types that `word` is one slip from (a letter changed, dropped or added, or two
 * neighbours swapped — the first letter too) in any of their spellings: SR is DR or ST, SY is ST or
 * WY (WAY), DT is DR, CT or ST; AVW is only AVE. A word one slip from two types says neither: the
 * writer's street may be either, and the other need not be on any return (ELM DR on the returns,
 * ELM ST where the person lives).
 */
export function commonTypesOneSlipFrom(word: string): Set<string> {
  const types = new Set<string>();
  for (const [type, spelling] of COMMON_TYPE_SPELLINGS)
    if (spelling !== word && withinOneEdit(word, spelling)) types.add(type);
  return types;
}

/** A suffix word as Publication 28 spells it, wherever it stands. */
export function suffixSpelling(word: string): string | undefined {
  return STREET_SUFFIXES.get(word);
}

/**
 * The common street type a word in suffix position is a misspelling of (AVNU → AVE, STREE → ST,
 * WAYY → WAY, ROD → RD), or undefined. A word one slip from two common types is neither (TRE:
 * TER or TRL; PWY: PKWY, HWY or WAY; commonTypesOneSlipFrom) and is left in the name, where the
 * comparison never takes it for the other side's type. Among the readings kept (the first letter
 * kept, a rare type's spelling too), the commoner wins: STRE is one letter from STRT, a STREET,
 * and from STRA, a STRAVENUE, which is rarely written at all.
 */
export function misspeltSuffix(word: string): string | undefined {
  if (STREET_SUFFIXES.has(word) || !letters(word, MIN_MISSPELT_LENGTH)) return undefined;
  if (commonTypesOneSlipFrom(word).size > 1) return undefined;
  let best: string | undefined;
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) continue;
    const standard = STREET_SUFFIXES.get(word.slice(0, i) + word.slice(i + 1));
    if (standard !== undefined && COMMON_SUFFIXES.includes(standard)) best = commoner(best, standard);
  }
  // Two neighbours swapped after the first letter (WYA for WAY, AEV for AVE): the word's own
  // letters, so unlike a letter changed it does not reach the many words a 3-letter spelling is
  // one letter from.
  if (word.length === MIN_MISSPELT_LENGTH) {
    const standard = STREET_SUFFIXES.get(`${word[0] ?? ''}${word[2] ?? ''}${word[1] ?? ''}`);
    if (standard !== undefined && COMMON_SUFFIXES.includes(standard)) best = commoner(best, standard);
  }
  for (const spelling of spellingsOneEditFrom(word, SUFFIX_INDEX)) {
    const standard = STREET_SUFFIXES.get(spelling);
    if (standard !== undefined) best = commoner(best, standard);
  }
  return best;
}

/**
 * Where a directional may stand: before the street name, after the street type (ELM ST SE), or
 * ending a name that has no type (MAIN N), where a word is read as a directional only as
 * Publication 28 spells it: PASEO DEL NORTE is a name, "APT NO 5" a number.
 */
export type DirectionalPosition = 'before-name' | 'after-type' | 'after-name';

/** `word` is `target` with two neighbouring letters after the first swapped, or one letter struck twice. */
function slipKeepingLetters(word: string, target: string): boolean {
  if (word.length === target.length)
    return (
      word[0] === target[0] &&
      word !== target &&
      withinOneEdit(word, target) &&
      sorted(word) === sorted(target)
    );
  if (word.length !== target.length + 1) return false;
  for (let i = 1; i < word.length; i++)
    if (word[i] === word[i - 1] && word.slice(0, i) + word.slice(i + 1) === target) return true;
  return false;
}

const sorted = (word: string) => [...word].sort().join('');

/**
 * The directional a word stands for in that position: a Publication 28 spelling; before the name
 * or after the type also a common abbreviation (NO, STH, WST…) or a spelled-out directional
 * misspelt once (NORHT, SOTH, SOUHTEAST; EAST and WEST only with letters swapped or doubled: ESAT).
 */
export function directionalWord(word: string, position: DirectionalPosition): string | undefined {
  const exact = DIRECTIONALS.get(word);
  if (exact !== undefined || position === 'after-name') return exact;
  const abbreviation = COMMON_DIRECTIONAL_ABBREVIATIONS.get(word);
  if (abbreviation !== undefined || !letters(word, MIN_DROPPED_LETTER_DIRECTIONAL_LENGTH))
    return abbreviation;
  const found = new Set([...spellingsOneEditFrom(word, DIRECTIONAL_INDEX)].map((s) => DIRECTIONALS.get(s)));
  for (const target of FOUR_LETTER_DIRECTIONALS)
    if (slipKeepingLetters(word, target)) found.add(DIRECTIONALS.get(target));
  return found.size === 1 ? found.values().next().value : undefined;
}

/**
 * Two words that make one directional, as written out or spaced ("NORTH WEST", "N W", "S.E."): a
 * north or south, then an east or west, where a directional may stand.
 */
export function pairedDirectional(
  first: string,
  second: string,
  position: DirectionalPosition,
): string | undefined {
  const [a, b] = [directionalWord(first, position), directionalWord(second, position)];
  return (a === 'N' || a === 'S') && (b === 'E' || b === 'W') ? `${a}${b}` : undefined;
}

/** A number as an ordinal figure, with the ending English gives it: 1ST, 2ND, 3RD, 11TH, 22ND, 76TH. */
export function ordinalFigure(n: number): string {
  const lastTwo = n % 100;
  const last = n % 10;
  const ending =
    lastTwo >= 11 && lastTwo <= 13 ? 'TH' : last === 1 ? 'ST' : last === 2 ? 'ND' : last === 3 ? 'RD' : 'TH';
  return `${n}${ending}`;
}

/**
 * Ordinal street names written out → the figures Pub. 28's examples use ("FIFTH" → "5TH",
 * "FORTIETH" → "40TH").
 */
export const ORDINALS: ReadonlyMap<string, string> = new Map([
  ...`FIRST SECOND THIRD FOURTH FIFTH SIXTH SEVENTH EIGHTH NINTH TENTH ELEVENTH TWELFTH THIRTEENTH
  FOURTEENTH FIFTEENTH SIXTEENTH SEVENTEENTH EIGHTEENTH NINETEENTH`
    .split(/\s+/)
    .map((word, i) => [word, ordinalFigure(i + 1)] as const),
  ...`TWENTIETH THIRTIETH FORTIETH FIFTIETH SIXTIETH SEVENTIETH EIGHTIETH NINETIETH`
    .split(/\s+/)
    .map((word, i) => [word, ordinalFigure((i + 2) * 10)] as const),
]);

/** The tens of a compound ordinal written out ("TWENTY FIRST", "TWENTY-FIRST": 21ST). */
const TENS: ReadonlyMap<string, number> = new Map(
  'TWENTY THIRTY FORTY FIFTY SIXTY SEVENTY EIGHTY NINETY'.split(' ').map((word, i) => [word, (i + 2) * 10]),
);

/**
 * A numbered street name in one form, the ordinal figure (Publication 28 writes numbered streets
 * as 1ST, 22ND, 76TH): "76" and "76TH" of "76 ST" and "76TH ST" are one street, as are "2D" (an
 * older USPS form), "2ND", "SECOND" and "TWENTY SECOND"/"22ND". Asked only of a name followed by
 * its street type (read-street.ts): a bare number before a type is the street's number, never the
 * house number, which the delivery line has already taken; a number after a leading type is a
 * route or a Spanish numbered street (HWY 61, CALLE 5) and a number with no type may be a grid
 * coordinate (Utah's "400 W"), both kept as written. Undefined when the name is not a number.
 */
export function numberedStreetName(name: readonly string[]): string | undefined {
  if (name.length === 2) {
    const tens = TENS.get(name[0] ?? '');
    const unit = /^([1-9])(?:ST|ND|RD|TH)$/.exec(name[1] ?? '');
    return tens !== undefined && unit ? ordinalFigure(tens + Number(unit[1])) : undefined;
  }
  const figure = name.length === 1 ? /^([1-9]\d{0,3})(?:ST|ND|RD|TH|D)?$/.exec(name[0] ?? '') : null;
  return figure ? ordinalFigure(Number(figure[1])) : undefined;
}

/**
 * A word of the street name, in one form however it was written: a suffix word inside the name is
 * spelled out as Publication 28 wants it there (SPG SPRING → SPRING, MT VERNON → MOUNT VERNON), and
 * ST is SAINT when another name word follows it (ST JEROME) but STREET when it ends the name
 * (MAIN ST EXT); STE before a name word is SAINTE.
 */
export function streetNameWord(word: string, endsName: boolean): string {
  // STE before a name word is SAINTE (STE GENEVIEVE), as ST is SAINT; alone it would be a suite.
  if (word === 'STE' && !endsName) return 'SAINTE';
  const standard = STREET_SUFFIXES.get(word);
  if (standard === undefined) return word;
  if (word === 'ST' && !endsName) return 'SAINT';
  const spelled = STREET_SUFFIX_NAMES.get(standard) ?? word;
  // KEY is also a unit designator ("KEY 5"): spelled out, the standardized line would read back as
  // a unit, so the name keeps the abbreviation (A KY 5 stays a street however often it is read).
  return UNIT_DESIGNATORS.has(spelled) ? standard : spelled;
}
