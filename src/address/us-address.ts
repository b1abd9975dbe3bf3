import { foldText } from '../text/fold-text.ts';
import { COMMON_SUFFIXES, SPANISH_STREET_TYPES, STREET_SUFFIXES } from './pub28-street-suffixes.ts';
import {
  DIRECTIONALS,
  NUMBER_SIGN_WORDS,
  UNIT_DESIGNATORS,
  UNIT_REQUIRES_NUMBER,
} from './pub28-units-and-directionals.ts';
import { readStreet } from './read-street.ts';
import { ORDINALS, directionalWord } from './street-words.ts';
import { stateCode } from './us-states.ts';

/**
 * A US postal address parsed into its parts and standardized to USPS Publication 28 (suffixes,
 * directionals and unit designators in their standard abbreviations), or why it cannot be.
 *
 * `suffix` is the street type wherever it stands: after the name ("MAIN ST") or before it, as in
 * Spanish ("CALLE SOL": street SOL, suffix CALLE) and in "HWY 61". `unit` is the secondary
 * range without its designator ("APT 5", "# 5", "UNIT 05" and "SPACE 5" all give "5"; "4-B" and
 * "4 B" give "4B"; a designator that takes no range stands for itself: "REAR"), so that the same
 * apartment compares equal however it was written and two apartments never do; `line` keeps the
 * designators. Words of line 2 that are no unit (a building or farm name) are kept in `line` only.
 * `pobox` is the box number, leading zeros dropped; a rural-route box carries its route
 * ("RR 2 BOX 5"), so that only the same box on the same route compares equal.
 */
export interface StandardAddress {
  number: string | null;
  predir: string | null;
  street: string | null;
  suffix: string | null;
  postdir: string | null;
  unit: string | null;
  pobox: string | null;
  city: string | null;
  state: string | null;
  zip5: string | null;
  zip4: string | null;
  /** The standardized delivery line, e.g. "123 N MAIN ST APT 4". */
  line: string | null;
}

export interface AddressInput {
  address_line1: string;
  address_line2: string;
  city: string;
  state: string;
  zip: string;
}

/**
 * House numbers as USPS delivers to them: digits with a letter (221B), a hyphen (Queens 12-34) or a
 * fraction written on (123-1/2); and the grid numbers of Illinois and Wisconsin counties, a
 * directional letter before or inside the digits (W14066, E4473, 27W088, N1234W5678).
 */
const HOUSE_NUMBER = /^(?:\d+[A-Z]?|\d+-\d+[A-Z]?|\d+-[A-Z]|\d+[NSEW]\d+|[A-Z]\d+|[NSEW]\d+[NSEW]\d+)$/;

/** The digits of a one-axis county grid number written apart from its letter ("W 12177"). */
const GRID_NUMBER_AFTER_LETTER = /^\d{3,}$/;

const isCommonType = (word: string | undefined) =>
  COMMON_SUFFIXES.includes(STREET_SUFFIXES.get(word ?? '') ?? '');

/**
 * SAINT and SAINTE as the standardized line writes ST and STE before a name: like ST, they name no
 * street without a name after them (so a line reads alike before and after it is standardized).
 */
const SAINT_WORDS: ReadonlySet<string> = new Set(['ST', 'STE', 'SAINT', 'SAINTE']);

/**
 * Words that name a street: one that can only be a name (it has a letter and is no directional,
 * common street type, SAINT, number sign, unit designator or house number; PARK and SPRING, types
 * that are also names, count), or a directional before a common type (SOUTH ST, W ST: read-street.ts).
 */
function namesStreet(words: readonly string[]): boolean {
  return words.some(
    (word, i) =>
      (/[A-Z]/.test(word) &&
        !HOUSE_NUMBER.test(word) &&
        !DIRECTIONALS.has(word) &&
        !NUMBER_SIGN_WORDS.has(word) &&
        !UNIT_DESIGNATORS.has(word) &&
        !SAINT_WORDS.has(word) &&
        !isCommonType(word)) ||
      (DIRECTIONALS.has(word) && isCommonType(words[i + 1])),
  );
}

/**
 * A house number written in two words or more, or hyphenated, that is one: [the number, words it
 * took]. A grid number spaced at its second directional ("N59W 28135"), between its two parts ("N59
 * W28135", "W140 N6": one axis, then the other), after its directional letters ("27W 088", "N 59 W
 * 28135") or hyphenated
 * ("N59-W28135"); a lettered number of a Puerto Rico urbanization, whose hyphen the word split drops
 * ("B-5 CALLE LUNA", "A 12 CALLE 3"). Read only at the start of the line with a street after it:
 * otherwise the line had no house number at all, or the letter is a directional before a numbered
 * street ("W 5 ST").
 */
function joinedHouseNumber(words: readonly string[]): [number: string, words: number] | undefined {
  const [first = '', second = '', third] = words;
  const hyphenated = /^([NSEW]\d+)-([NSEW]\d+)$/.exec(first);
  if (hyphenated && second !== '') return [`${hyphenated[1] ?? ''}${hyphenated[2] ?? ''}`, 1];
  // A directional letter spaced from a county grid number, a street named after it: "W 12177
  // CYPRESS CT" and "N 39291 W BROADWAY" are W12177 and N39291. A grid number counts units from
  // the county's base line, three digits and more; a smaller number after a directional letter
  // names the street (W 8 MILE RD), and a line whose rest names no street (N 5 ST, E 100 N, W 125
  // ST APT 4) has no house number at all. The letter written otherwise (NORTH 39291 W BROADWAY,
  // SO 19159 E PINE AVE) is read alike, as the standardized line writes it N or S; the grid's
  // other axis may follow (E 088 N59 ELM ST is E088N59).
  const axis = (letter: string | undefined) => (letter === 'N' || letter === 'S' ? 'NS' : 'EW');
  const letter = directionalWord(first, 'before-name') ?? '';
  // Both axes spaced from their letters, a street after them: "N 59 W 28135 WOODLAKE DR" is
  // N59W28135. The second axis's letter and number say grid, whatever the first number's length;
  // two letters of one axis (N 59 S 12), or no street after (W 61 N 5 ST, E 100 N 200 W), are not.
  const crossLetter = directionalWord(third ?? '', 'before-name') ?? '';
  const crossNumber = words[3] ?? '';
  if (
    /^[NSEW]$/.test(letter) &&
    /^\d+$/.test(second) &&
    /^[NSEW]$/.test(crossLetter) &&
    axis(crossLetter) !== axis(letter) &&
    /^\d+$/.test(crossNumber) &&
    namesStreet(words.slice(4))
  )
    return [`${letter}${second}${crossLetter}${crossNumber}`, 4];
  if (/^[NSEW]$/.test(letter) && GRID_NUMBER_AFTER_LETTER.test(second)) {
    const crossAxis = /^[NSEW]\d+$/.test(third ?? '') && axis(third?.[0]) !== axis(letter);
    if (crossAxis && namesStreet(words.slice(3))) return [`${letter}${second}${third ?? ''}`, 3];
    if (namesStreet(words.slice(2))) return [`${letter}${second}`, 2];
  }
  // A street type after the two words makes the second the street ("12N 150 ST": 150TH ST); a
  // Spanish one leads the street's name (A 12 CALLE 3), and ST or STE before a name is SAINT or
  // SAINTE (B 61 ST JAMES, as the standardized line writes it B61 SAINT JAMES). SAINT with no name
  // after it is read as ST there (B 5 SAINT N59 is the line B 5 ST N59 standardized).
  const saint = third !== undefined && SAINT_WORDS.has(third) && namesStreet(words.slice(3));
  if (
    third === undefined ||
    (SAINT_WORDS.has(third) && !saint) ||
    (STREET_SUFFIXES.has(third) && !SPANISH_STREET_TYPES.has(third) && !saint)
  )
    return undefined;
  if (/^[NSEW]\d+[NSEW]$/.test(first) && /^\d+$/.test(second)) return [`${first}${second}`, 2];
  // 27W 088: the part after the letter is three digits or zero-padded, never a street's number.
  if (/^\d+[NSEW]$/.test(first) && /^(?:0\d*|\d{3,})$/.test(second)) return [`${first}${second}`, 2];
  if (/^[NSEW]\d+$/.test(first) && /^[NSEW]\d+$/.test(second) && axis(first[0]) !== axis(second[0]))
    return [`${first}${second}`, 2];
  // N, S, E and W alone are directionals ("W 61 N" is West 61 North, no house number).
  if (/^[A-Z]$/.test(first) && !DIRECTIONALS.has(first) && /^\d+$/.test(second))
    return [`${first}${second}`, 2];
  return undefined;
}

/**
 * A house number in one form: a letter hyphenated to it closed up ("123-A" is 123A, as a unit's
 * "4-B" is 4B) and leading zeros dropped ("0123" is 123).
 */
const standardHouseNumber = (number: string) =>
  number.replace(/^(\d+)-([A-Z])$/, '$1$2').replace(/^0+(?=\d)/, '');
/**
 * Number signs written before a house number: "No." in English, "Núm."/"Número"/"Nro." in Spanish,
 * "N.ro" in Italian. N alone is a directional there (N 5TH ST) and is not one of them.
 */
const HOUSE_NUMBER_SIGNS: readonly (readonly string[])[] = [
  ['NUM', 'RO'],
  ['N', 'RO'],
  ['NO'],
  ['NUM'],
  ['NUMBER'],
  ['NUMERO'],
  ['NRO'],
  ['NUMRO'],
];
/** A box word run together with its number. */
const BOX_WITH_NUMBER = /^(BOX|BX|POBOX|POBX|POB)(\d+)$/;
/** A fraction hyphenated to the number ("123-1/2") is the number and its fraction. */
const HYPHENATED_FRACTION = /^(\d+)-(\d+\/\d+)$/;
const FRACTION = /^\d+\/\d+$/;
const ZIP = /^(\d{5})(?:[- ]?(\d{4}))?$/;

/**
 * Upper-case words: accents folded, "#" its own word, a dash or slash kept only between a digit
 * and what follows ("123-45", "1/2"), every other character a separator.
 */
export function addressWords(value: string): string[] {
  let text = value;
  if (/[^\x20-\x7e]/.test(text))
    // "Nº" and "N°" (the numero sign of Spanish and Portuguese writing) are a number sign, as "#" is.
    text = text.replace(/N[º°]/gi, ' # ').normalize('NFD').replace(/\p{M}/gu, '');
  text = text
    .toUpperCase()
    .replace(/[^A-Z0-9#/-]+/g, ' ')
    .replace(/#/g, ' # ')
    .replace(/(?<!\d)[-/]+|[-/]+(?![0-9A-Z])/g, ' ');
  return text.split(' ').filter(Boolean);
}

interface DeliveryLine {
  number: string | null;
  predir: string | null;
  street: string | null;
  suffix: string | null;
  suffixLeads: boolean;
  postdir: string | null;
  unitParts: { designator: string; range: string | null }[];
  /** Line-2 words that are no secondary unit (a building or property name). */
  extra: string | null;
  pobox: string | null;
  /** "RR 2" / "HC 1": a rural or highway-contract route, whose box is the pobox. */
  route: string | null;
}

function emptyLine(): DeliveryLine {
  return {
    number: null,
    predir: null,
    street: null,
    suffix: null,
    suffixLeads: false,
    postdir: null,
    unitParts: [],
    extra: null,
    pobox: null,
    route: null,
  };
}

/**
 * The word for a box: BOX, or BX, its common abbreviation (the Postal Service reads "PO BX 12" as
 * PO BOX 12; BX is no street word).
 */
const BOX_WORDS: ReadonlySet<string> = new Set(['BOX', 'BX']);

/**
 * "PO BOX 12", "P O BOX 12", "POST OFFICE BOX 12", "POB 12", "BOX 12", "APARTADO 12", each also
 * with BX, and run together ("POBOX 12"): words eaten.
 */
function poBoxAt(words: readonly string[], at: number): number {
  const eaten = boxWordsAt(words, at);
  // A number sign between the box and its number ("PO BOX # 12", "BOX NO 12") says nothing.
  return eaten > 0 && NUMBER_SIGN_WORDS.has(words[at + eaten] ?? '') ? eaten + 1 : eaten;
}

/**
 * The words that say "box" at `at`: PO BOX and its spellings; DRAWER and CALLER, the Postal
 * Service's other names for a box at the post office (PO DRAWER 12); and the Spanish APARTADO,
 * APDO, APARTADO POSTAL and CAJA POSTAL.
 */
function boxWordsAt(words: readonly string[], at: number): number {
  const w = (i: number) => words[at + i] ?? '';
  if ((w(0) === 'APARTADO' || w(0) === 'CAJA') && w(1) === 'POSTAL') return 2;
  if (w(0) === 'PO' && (BOX_WORDS.has(w(1)) || w(1) === 'DRAWER')) return 2;
  if (w(0) === 'P' && w(1) === 'O' && BOX_WORDS.has(w(2))) return 3;
  if (w(0) === 'POST' && w(1) === 'OFFICE' && BOX_WORDS.has(w(2))) return 3;
  if (
    w(0) === 'POB' ||
    w(0) === 'POBOX' ||
    w(0) === 'POBX' ||
    BOX_WORDS.has(w(0)) ||
    w(0) === 'DRAWER' ||
    w(0) === 'CALLER' ||
    w(0) === 'APARTADO' ||
    w(0) === 'APDO'
  )
    return 1;
  if (w(0) === 'P' && w(1) === 'O' && w(2) === 'B') return 3;
  if (w(0) === 'PO' && w(1) === 'B') return 2;
  return 0;
}

/**
 * "RR 2", "RURAL ROUTE 2", "R.R. 2", "RR #2", "RR#2", "HC 1", "HIGHWAY CONTRACT 1" at the start:
 * [route, words eaten]. The route's kind as one word or two (R R, H C, RURAL ROUTE/RTE, HIGHWAY
 * CONTRACT), then an optional number sign (#, NO), then the route number.
 */
function routeAt(words: readonly string[]): [string, number] | null {
  const w = (i: number) => words[i] ?? '';
  const kinds: [string, string[]][] = [
    ['RR', ['RR']],
    ['RR', ['R', 'R']],
    ['RR', ['RURAL', 'ROUTE']],
    ['RR', ['RURAL', 'RTE']],
    ['HC', ['HC']],
    ['HC', ['H', 'C']],
    ['HC', ['HIGHWAY', 'CONTRACT']],
  ];
  for (const [kind, spelled] of kinds) {
    if (!spelled.every((word, i) => w(i) === word)) continue;
    let at = spelled.length;
    if (w(at) === '#' || w(at) === 'NO') at += 1;
    return /^\d+$/.test(w(at)) ? [`${kind} ${w(at)}`, at + 1] : null;
  }
  return null;
}

/** A PO box or rural-route box number has a digit ("BOX N" is a street called Box N). */
function isBoxNumber(word: string | undefined): word is string {
  return word !== undefined && /\d/.test(word);
}

/** A word that can be a secondary range: it has a digit, or is a single letter. */
function isRange(word: string | undefined): word is string {
  return word !== undefined && (/\d/.test(word) || /^[A-Z]$/.test(word));
}

/**
 * A secondary range in one form: leading zeros dropped ("018" is 18; "0" stays) and a hyphen
 * between a number and a letter closed up ("4-B" is 4B), as the same apartment is written.
 */
export function standardRange(range: string): string {
  return range.replace(/^(\d+)-([A-Z])$|^([A-Z])-(\d+)$/, '$1$2$3$4').replace(/^0+(?=\d)/, '');
}

/** A box number without its leading zeros ("PO BOX 0123" is box 123). */
const standardBox = (box: string) => box.replace(/^0+(?=\d)/, '');

/** Secondary units from `at` on; returns how many words they took (0 = not a unit there). */
function readUnits(words: readonly string[], at: number, line: DeliveryLine): number {
  let i = at;
  while (i < words.length) {
    const word = words[i] ?? '';
    const designator = NUMBER_SIGN_WORDS.has(word) ? '#' : UNIT_DESIGNATORS.get(word);
    if (designator === undefined) break;
    if (designator === '#' || UNIT_REQUIRES_NUMBER.has(designator)) {
      const signed = designator !== '#' && NUMBER_SIGN_WORDS.has(words[i + 1] ?? '');
      const written = signed ? words[i + 2] : words[i + 1];
      // "APT NORTH" is unit N, as "APT N" is: the same letter whichever way it is written.
      const next =
        written !== undefined && written.length > 2
          ? (directionalWord(written, 'after-name') ?? written)
          : written;
      if (!isRange(next)) break;
      i += signed ? 3 : 2;
      // "APT 4 B" ending the line is apartment 4B.
      const letter = words[i];
      const joined =
        /^\d+$/.test(next) && i === words.length - 1 && letter !== undefined && /^[A-Z]$/.test(letter);
      line.unitParts.push({ designator, range: standardRange(joined ? `${next}${letter}` : next) });
      if (joined) i += 1;
    } else {
      // A designator without a range only counts at the end ("100 MAIN ST REAR").
      if (i !== words.length - 1) break;
      line.unitParts.push({ designator, range: null });
      i += 1;
    }
  }
  return i - at;
}

/** Parses one delivery line (the address_line1 of a request or reference row). */
function readDeliveryLine(written: readonly string[]): DeliveryLine {
  const line = emptyLine();
  // "#" at the start, doubled or right after the house number ("61 # 1/2"), and "#" or NO after
  // a designator ("APT #5", "APT NO 5"), add nothing to the parse.
  const words: string[] = [];
  for (const word of written) {
    const previous = words[words.length - 1];
    if (
      word === '#' &&
      (previous === undefined || previous === '#' || (words.length === 1 && HOUSE_NUMBER.test(previous)))
    )
      continue;
    if (previous !== undefined && UNIT_DESIGNATORS.has(previous) && NUMBER_SIGN_WORDS.has(word)) continue;
    // A box written onto its number ("BOX12", "POBOX12", "PO BX12") is the box and the number.
    const box = BOX_WITH_NUMBER.exec(word);
    if (box) words.push(box[1] ?? '', box[2] ?? '');
    else words.push(ORDINALS.get(word) ?? word);
  }
  const route = routeAt(words);
  let i = 0;
  if (route) {
    line.route = route[0];
    i = route[1];
  }
  const box = poBoxAt(words, i);
  if (box > 0 && isBoxNumber(words[i + box])) {
    line.pobox = standardBox(words[i + box] ?? '');
    return line;
  }
  if (route) return line;
  // "NO 1193 MAIN ST", "NUM 1193…", "NUMERO 1193…", "NUM.RO 1193…": a number sign before the house
  // number says nothing (as "#" there does), when a street follows the number.
  // A lone type or directional after the number is no street ("NO 5 ST" is North 5th Street).
  const sign = HOUSE_NUMBER_SIGNS.find((spelled) => spelled.every((word, j) => words[j] === word));
  const after = words.slice((sign?.length ?? 0) + 1);
  const streetFollows =
    after.length > 1 ||
    (after.length === 1 && !STREET_SUFFIXES.has(after[0] ?? '') && !DIRECTIONALS.has(after[0] ?? ''));
  if (sign !== undefined && HOUSE_NUMBER.test(words[sign.length] ?? '') && streetFollows)
    words.splice(0, sign.length);
  const fraction = HYPHENATED_FRACTION.exec(words[0] ?? '');
  if (fraction) words.splice(0, 1, fraction[1] ?? '', fraction[2] ?? '');
  const joinable = !HOUSE_NUMBER.test(words[0] ?? '') || /^[A-Z]|^\d+[NSEW]$/.test(words[0] ?? '');
  const joined = joinable ? joinedHouseNumber(words) : undefined;
  if (joined !== undefined && HOUSE_NUMBER.test(joined[0])) words.splice(0, joined[1], joined[0]);
  if (HOUSE_NUMBER.test(words[0] ?? '')) {
    line.number = standardHouseNumber(words[0] ?? '');
    i = 1;
    if (FRACTION.test(words[1] ?? '')) {
      line.number = `${line.number} ${words[1]}`;
      i = 2;
    }
  }
  // The street runs to the first secondary unit that is not its first word.
  const streetWords: string[] = [];
  for (; i < words.length; i++) {
    if (streetWords.length > 0 && readUnits(words, i, line) > 0) break;
    const box = streetWords.length > 0 ? poBoxAt(words, i) : 0;
    if (box > 0 && isBoxNumber(words[i + box])) {
      line.pobox = standardBox(words[i + box] ?? '');
      break;
    }
    // A "#" that introduces no unit says nothing about the street.
    if (words[i] !== '#') streetWords.push(words[i] ?? '');
  }
  if (streetWords.length) Object.assign(line, readStreet(streetWords));
  return line;
}

function renderLine(line: DeliveryLine): string | null {
  const parts: string[] = [];
  if (line.route) parts.push(line.route);
  if (line.number) parts.push(line.number);
  if (line.predir) parts.push(line.predir);
  if (line.suffix && line.suffixLeads) parts.push(line.suffix);
  if (line.street) parts.push(line.street);
  if (line.suffix && !line.suffixLeads) parts.push(line.suffix);
  if (line.postdir) parts.push(line.postdir);
  for (const unit of line.unitParts)
    parts.push(unit.range ? `${unit.designator} ${unit.range}` : unit.designator);
  if (line.pobox) parts.push(line.route ? `BOX ${line.pobox}` : `PO BOX ${line.pobox}`);
  if (line.extra) parts.push(line.extra);
  return parts.length ? parts.join(' ') : null;
}

/** Line 1 sometimes carries the whole address: "123 MAIN ST, APT 4, AUSTIN, TX 78701". */
function splitOneLineAddress(input: AddressInput): AddressInput {
  if (input.city.trim() || input.state.trim() || input.zip.trim() || !input.address_line1.includes(','))
    return input;
  const [delivery = '', ...rest] = input.address_line1.split(',');
  let line1 = delivery;
  const placeWords: string[] = [];
  for (const part of rest) {
    const words = addressWords(part);
    const first = words[0] ?? '';
    if (placeWords.length === 0 && (first === '#' || UNIT_DESIGNATORS.has(first))) line1 += ` ${part}`;
    else placeWords.push(...words);
  }
  let zip = '';
  if (ZIP.test(placeWords[placeWords.length - 1] ?? '')) zip = placeWords.pop() ?? '';
  let state = '';
  for (let take = Math.min(3, placeWords.length - 1); take >= 1; take--) {
    const candidate = placeWords.slice(-take).join(' ');
    if (stateCode(candidate)) {
      state = candidate;
      placeWords.splice(-take);
      break;
    }
  }
  return { ...input, address_line1: line1, city: placeWords.join(' '), state, zip };
}

/**
 * City words written short or in full: the USPS City State file lists SAINT PAUL with ST PAUL as
 * an acceptable spelling, and the same for SAINTE, MOUNT and FORT. One form (the full word)
 * makes ST. PAUL, ST PAUL and SAINT PAUL one city, which matters most when the ZIP code is missing
 * and the city is all that places the address.
 */
const CITY_WORDS: ReadonlyMap<string, string> = new Map([
  ['ST', 'SAINT'],
  ['STE', 'SAINTE'],
  ['MT', 'MOUNT'],
  ['FT', 'FORT'],
]);

/** The city folded to upper-case words, its ST/MT/FT written in full (null when empty). */
export function standardCity(city: string): string | null {
  const folded = foldText(city);
  if (folded === null) return null;
  return folded
    .split(' ')
    .map((word) => CITY_WORDS.get(word) ?? word)
    .join(' ');
}

/**
 * Parses and standardizes an address to Publication 28 form. Never throws; what it cannot parse
 * stays as folded words in `street`. Runs once per reference row, so it is table look-ups only.
 */
export function standardizeAddress(input: AddressInput): StandardAddress {
  const fields = splitOneLineAddress(input);
  const line = readDeliveryLine(addressWords(fields.address_line1));
  const line2 = addressWords(fields.address_line2);
  if (line2.length) {
    const box = poBoxAt(line2, 0);
    if (box > 0 && isBoxNumber(line2[box])) line.pobox ??= standardBox(line2[box] ?? '');
    else if (readUnits(line2, 0, line) === 0) {
      // A lone range ("5", "4B", "C") is the unit; a lone word or words that are none ("PINEHILL")
      // name a building or property: kept in the line, never compared as an apartment.
      if (line2.length === 1 && isRange(line2[0]))
        line.unitParts.push({ designator: '#', range: standardRange(line2[0]) });
      else if (!line.number && HOUSE_NUMBER.test(line2[0] ?? '')) {
        // Line 1 was a building or care-of name; line 2 is the delivery line.
        const delivery = readDeliveryLine(line2);
        delivery.unitParts.unshift(...line.unitParts);
        Object.assign(line, delivery);
      } else line.extra = line2.join(' ');
    }
  }
  const zip = ZIP.exec(fields.zip.trim());
  const state = foldText(fields.state);
  const unit = line.unitParts.map((part) => part.range ?? part.designator).join(' ');
  return {
    number: line.number,
    predir: line.predir,
    street: line.street ?? line.route,
    suffix: line.suffix,
    postdir: line.postdir,
    unit: unit || null,
    pobox: line.pobox && line.route ? `${line.route} BOX ${line.pobox}` : line.pobox,
    city: standardCity(fields.city),
    state: state === null ? null : (stateCode(state) ?? state),
    zip5: zip?.[1] ?? null,
    zip4: zip?.[2] ?? null,
    line: renderLine(line),
  };
}
