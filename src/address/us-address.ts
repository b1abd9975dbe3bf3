import { foldText } from '../text/fold-text.ts';
import { SPANISH_STREET_TYPES, STREET_SUFFIXES } from './pub28-street-suffixes.ts';
import { DIRECTIONALS, UNIT_DESIGNATORS, UNIT_REQUIRES_NUMBER } from './pub28-units-and-directionals.ts';
import { stateCode } from './us-states.ts';

/**
 * A US postal address parsed into its parts and standardized to USPS Publication 28 (suffixes,
 * directionals and unit designators in their standard abbreviations), or why it cannot be.
 *
 * `suffix` is the street type wherever it stands: after the name ("MAIN ST") or before it, as in
 * Spanish ("CALLE SOL": street SOL, suffix CALLE) and in "HWY 61". `unit` is the secondary
 * range without its designator ("APT 5", "# 5" and "UNIT 5" all give "5"; a designator that
 * takes no range stands for itself: "REAR"), so that the same apartment compares equal however
 * it was written; `line` keeps the designators.
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

/** Street types that lead the name even when the name ends in a suffix word ("AVE LUNA VISTA"). */
const LEADING_TYPES: ReadonlySet<string> = new Set([
  'CALLE',
  'AVE',
  'CAMINO',
  'PASEO',
  'CARR',
  'CALLEJON',
  'VEREDA',
  'HWY',
  'RTE',
]);

/** Ordinal street names written out → the figures Pub. 28's examples use ("FIFTH" → "5TH"). */
const ORDINALS: ReadonlyMap<string, string> = new Map([
  ['FIRST', '1ST'],
  ['SECOND', '2ND'],
  ['THIRD', '3RD'],
  ['FOURTH', '4TH'],
  ['FIFTH', '5TH'],
  ['SIXTH', '6TH'],
  ['SEVENTH', '7TH'],
  ['EIGHTH', '8TH'],
  ['NINTH', '9TH'],
  ['TENTH', '10TH'],
  ['SAINT', 'ST'],
]);

const HOUSE_NUMBER = /^(?:\d+[A-Z]?|\d+-\d+[A-Z]?|[NSEW]\d+[NSEW]\d+)$/;
const FRACTION = /^\d+\/\d+$/;
const ZIP = /^(\d{5})(?:[- ]?(\d{4}))?$/;

/**
 * Upper-case words: accents folded, "#" its own word, a dash or slash kept only between a digit
 * and what follows ("123-45", "1/2"), every other character a separator.
 */
export function addressWords(value: string): string[] {
  let text = value;
  if (/[^\x20-\x7e]/.test(text)) text = text.normalize('NFD').replace(/\p{M}/gu, '');
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
    pobox: null,
    route: null,
  };
}

/** "PO BOX 12", "P O BOX 12", "POST OFFICE BOX 12", "POB 12", "BOX 12", "APARTADO 12": words eaten. */
function poBoxAt(words: readonly string[], at: number): number {
  const w = (i: number) => words[at + i] ?? '';
  if (w(0) === 'PO' && w(1) === 'BOX') return 2;
  if (w(0) === 'P' && w(1) === 'O' && w(2) === 'BOX') return 3;
  if (w(0) === 'POST' && w(1) === 'OFFICE' && w(2) === 'BOX') return 3;
  if (w(0) === 'POB' || w(0) === 'BOX' || w(0) === 'APARTADO') return 1;
  if (w(0) === 'P' && w(1) === 'O' && w(2) === 'B') return 3;
  if (w(0) === 'PO' && w(1) === 'B') return 2;
  return 0;
}

/** "RR 2", "RURAL ROUTE 2", "HC 1", "HIGHWAY CONTRACT 1" at the start: [route, words eaten]. */
function routeAt(words: readonly string[]): [string, number] | null {
  const [a, b, c] = words;
  if ((a === 'RR' || a === 'HC') && b && /^\d+$/.test(b)) return [`${a} ${b}`, 2];
  if (a === 'RURAL' && (b === 'ROUTE' || b === 'RTE') && c && /^\d+$/.test(c)) return [`RR ${c}`, 3];
  if (a === 'HIGHWAY' && b === 'CONTRACT' && c && /^\d+$/.test(c)) return [`HC ${c}`, 3];
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

/** Secondary units from `at` on; returns how many words they took (0 = not a unit there). */
function readUnits(words: readonly string[], at: number, line: DeliveryLine): number {
  let i = at;
  while (i < words.length) {
    const word = words[i] ?? '';
    const designator = word === '#' ? '#' : UNIT_DESIGNATORS.get(word);
    if (designator === undefined) break;
    if (designator === '#' || UNIT_REQUIRES_NUMBER.has(designator)) {
      const written = words[i + 1] === '#' ? words[i + 2] : words[i + 1];
      // "APT NORTH" is unit N, as "APT N" is: the same letter whichever way it is written.
      const next =
        written !== undefined && written.length > 2 ? (DIRECTIONALS.get(written) ?? written) : written;
      if (!isRange(next)) break;
      line.unitParts.push({ designator, range: next });
      i += words[i + 1] === '#' ? 3 : 2;
    } else {
      // A designator without a range only counts at the end ("100 MAIN ST REAR").
      if (i !== words.length - 1) break;
      line.unitParts.push({ designator, range: null });
      i += 1;
    }
  }
  return i - at;
}

/** Splits the street words into predirectional, name, suffix and postdirectional. */
function readStreet(words: string[], line: DeliveryLine): void {
  let name = words;
  const last = name[name.length - 1];
  if (name.length >= 2 && last !== undefined && DIRECTIONALS.has(last)) {
    line.postdir = DIRECTIONALS.get(last) ?? null;
    name = name.slice(0, -1);
  }
  const first = name[0] ?? '';
  const leading = SPANISH_STREET_TYPES.get(first) ?? STREET_SUFFIXES.get(first);
  const trailing = name.length >= 2 ? STREET_SUFFIXES.get(name[name.length - 1] ?? '') : undefined;
  if (name.length >= 2 && leading !== undefined && (LEADING_TYPES.has(leading) || trailing === undefined)) {
    line.suffix = leading;
    line.suffixLeads = true;
    name = name.slice(1);
  } else if (trailing !== undefined) {
    line.suffix = trailing;
    name = name.slice(0, -1);
    const predir = DIRECTIONALS.get(name[0] ?? '');
    if (name.length >= 2 && predir !== undefined) {
      line.predir = predir;
      name = name.slice(1);
    }
  } else {
    const predir = DIRECTIONALS.get(first);
    if (name.length >= 2 && predir !== undefined) {
      line.predir = predir;
      name = name.slice(1);
    }
  }
  if (name.length) line.street = name.join(' ');
}

/** Parses one delivery line (the address_line1 of a request or reference row). */
function readDeliveryLine(written: readonly string[]): DeliveryLine {
  const line = emptyLine();
  // "#" at the start, doubled, or after a designator ("APT #5") adds nothing to the parse.
  const words: string[] = [];
  for (const word of written) {
    const previous = words[words.length - 1];
    if (word === '#' && (previous === undefined || previous === '#' || UNIT_DESIGNATORS.has(previous)))
      continue;
    words.push(ORDINALS.get(word) ?? word);
  }
  const route = routeAt(words);
  let i = 0;
  if (route) {
    line.route = route[0];
    i = route[1];
  }
  const box = poBoxAt(words, i);
  if (box > 0 && isBoxNumber(words[i + box])) {
    line.pobox = words[i + box] ?? null;
    i += box + 1;
    return line;
  }
  if (route) return line;
  if (HOUSE_NUMBER.test(words[0] ?? '')) {
    line.number = words[0] ?? null;
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
      line.pobox = words[i + box] ?? null;
      break;
    }
    // A "#" that introduces no unit says nothing about the street.
    if (words[i] !== '#') streetWords.push(words[i] ?? '');
  }
  if (streetWords.length) readStreet(streetWords, line);
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
 * Parses and standardizes an address to Publication 28 form. Never throws; what it cannot parse
 * stays as folded words in `street`. Runs once per reference row, so it is table look-ups only.
 */
export function standardizeAddress(input: AddressInput): StandardAddress {
  const fields = splitOneLineAddress(input);
  const line = readDeliveryLine(addressWords(fields.address_line1));
  const line2 = addressWords(fields.address_line2);
  if (line2.length) {
    const box = poBoxAt(line2, 0);
    if (box > 0 && isBoxNumber(line2[box])) line.pobox ??= line2[box] ?? null;
    else if (readUnits(line2, 0, line) === 0) {
      if (line2.length === 1) line.unitParts.push({ designator: '#', range: line2[0] ?? '' });
      else if (!line.number && HOUSE_NUMBER.test(line2[0] ?? '')) {
        // Line 1 was a building or care-of name; line 2 is the delivery line.
        const delivery = readDeliveryLine(line2);
        delivery.unitParts.unshift(...line.unitParts);
        Object.assign(line, delivery);
      } else line.unitParts.push({ designator: '#', range: line2.join(' ') });
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
    pobox: line.pobox,
    city: foldText(fields.city),
    state: state === null ? null : (stateCode(state) ?? state),
    zip5: zip?.[1] ?? null,
    zip4: zip?.[2] ?? null,
    line: renderLine(line),
  };
}
