import { STREET_SUFFIXES as PUB28_STREET_SUFFIXES } from '../../address/pub28-street-suffixes.ts';
import {
  DIRECTIONALS as PUB28_DIRECTIONALS,
  UNIT_DESIGNATORS,
} from '../../address/pub28-units-and-directionals.ts';
import { nicknamesFor } from '../names/request-nicknames.ts';
import { withinOneEdit } from '../../address/street-words.ts';
import {
  DIRECTIONAL_RESPELLINGS,
  DIRECTIONALS,
  NAME_WORD_ABBREVIATIONS,
  STREET_SUFFIXES,
  type Directional,
} from '../places/streets.ts';
import { WeightedTable, type Prng } from '../prng.ts';
import type { AddressStyle } from '../render/address-rendering.ts';
import { hasAccents, type NameParts, type NameStyle } from '../render/name-rendering.ts';
import type { StreetAddress } from '../world/street-address.ts';
import type { NameGroup } from '../names/name-table.ts';
import { romanizationsOf } from '../names/romanizations.ts';
import { daysInMonth } from '../world/calendar.ts';

/**
 * What a request says about its subject before it is written out: the name parts, the date of
 * birth, the address (always the true structure: variations change how it is written, never
 * which delivery point it is) and how each is written.
 */
export interface RequestDraft {
  /** A slip has already changed the date of birth (one slip per date: two on one date are rare). */
  dobAltered?: boolean;
  /** The subject's naming tradition: East Asian names are the ones written family name first. */
  group: NameGroup;
  name: NameParts;
  nameStyle: NameStyle;
  dob: string;
  address: StreetAddress;
  addressStyle: AddressStyle;
  extraSpaces: boolean;
}

export interface VariationGuard {
  /**
   * The household holds a namesake (father and son): the date of birth is what tells them apart,
   * so it is never garbled into another plausible date (a day/month swap). It may still be
   * missing, like anyone's: that request names two people equally well, the hard case a matcher
   * must send to a reviewer rather than confirm.
   */
  keepDateOfBirth: boolean;
}

/**
 * The ways a request drifts from the taxpayer's own record while still naming the same person at
 * the same address — what TIGTA found made exact matching miss people. Weights are relative and
 * chosen: formatting drift is the most common, identity-weakening edits rarer.
 */
interface VariationRule {
  id: string;
  weight: number;
  applies(draft: RequestDraft, guard: VariationGuard): boolean;
  apply(draft: RequestDraft, rng: Prng): void;
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/**
 * One edit (substitute a neighbouring key, drop, double or transpose a letter), on the first letter
 * only where `firstLetter` allows it (a given name typed: NARIA for MARIA).
 */
export function oneEditTypo(rng: Prng, value: string, firstLetter = false): string {
  const chars = Array.from(value);
  const from = firstLetter ? 0 : 1;
  const positions = chars.map((c, i) => (i >= from && /\p{L}/u.test(c) ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return value;
  const at = rng.pick(positions);
  const char = chars[at] ?? '';
  switch (rng.int(0, 3)) {
    case 0: {
      const lower = char.toLowerCase();
      const options = KEYBOARD_NEIGHBOURS[lower] ?? 'e';
      const replacement = options[rng.int(0, options.length - 1)] ?? 'e';
      chars[at] = char === lower ? replacement : replacement.toUpperCase();
      break;
    }
    case 1:
      chars.splice(at, 1);
      break;
    case 2:
      chars.splice(at, 0, char);
      break;
    default: {
      const next = chars[at + 1];
      if (next && /\p{L}/u.test(next)) {
        chars[at] = next;
        chars[at + 1] = char;
      } else chars.splice(at, 1);
    }
  }
  return chars.join('');
}

/**
 * Every way one key struck next to the intended one changes `value` (its first letter too when
 * `fromFirst`), keeping each letter's case.
 */
function keySlips(value: string, fromFirst: boolean): string[] {
  const slips: string[] = [];
  for (let at = fromFirst ? 0 : 1; at < value.length; at++) {
    const char = value[at] ?? '';
    const lower = char.toLowerCase();
    for (const replacement of KEYBOARD_NEIGHBOURS[lower] ?? '')
      slips.push(
        `${value.slice(0, at)}${char === lower ? replacement : replacement.toUpperCase()}${value.slice(at + 1)}`,
      );
  }
  return slips;
}

/**
 * The ways a spelled-out word slips as typists slip while keeping its letters: two neighbours
 * swapped, a key struck twice, or (in a word of five letters or more) a letter dropped — never the
 * first letter (Norht, Soth, Esat, Wesst).
 */
function letterSlips(value: string): string[] {
  const slips = new Set<string>();
  for (let at = 1; at < value.length; at++) {
    if (at + 1 < value.length)
      slips.add(`${value.slice(0, at)}${value[at + 1] ?? ''}${value[at] ?? ''}${value.slice(at + 2)}`);
    slips.add(`${value.slice(0, at)}${value[at] ?? ''}${value.slice(at)}`);
    if (value.length >= 5) slips.add(`${value.slice(0, at)}${value.slice(at + 1)}`);
  }
  slips.delete(value);
  return [...slips];
}

/**
 * A directional's slips that still say which directional was meant: not one edit from another
 * (SOUTHEST is SOUTHEAST or SOUTHWEST with a letter lost; the writer's request names neither).
 */
export const directionalSlips = (directional: Directional) =>
  letterSlips(directional.full).filter(
    (slip) =>
      !DIRECTIONALS.some(
        (other) =>
          other.abbr !== directional.abbr && withinOneEdit(other.full.toUpperCase(), slip.toUpperCase()),
      ),
  );

/**
 * Every word a key slip in a street type must not land on: another street type (Publication 28
 * lists TRK for TRACK, COR for CORNER, PK for PARK), a directional or a unit designator — a writer
 * who wrote one of those wrote another address, not a slip.
 */
const SUFFIX_WORDS: ReadonlySet<string> = new Set([
  ...STREET_SUFFIXES.flatMap((suffix) => [suffix.abbr.toUpperCase(), suffix.full.toUpperCase()]),
  ...PUB28_STREET_SUFFIXES.keys(),
  ...PUB28_DIRECTIONALS.keys(),
  ...UNIT_DESIGNATORS.keys(),
]);
const suffixKeySlips = (abbr: string) =>
  keySlips(abbr, false).filter((slip) => !SUFFIX_WORDS.has(slip.toUpperCase()));

/** A city written without its vowels, each word's first letter kept (Hstn, Sn Antn, St. Chrls). */
const withoutVowels = (city: string) => city.replace(/\B[aeiouy]/gi, '');

const longEnough = (value: string) => Array.from(value).length >= 5;
const shortSurname = (value: string) =>
  !value.includes(' ') && Array.from(value).length >= 3 && Array.from(value).length <= 4;

/** The synth's requests are written in 2025 (synth-folder.ts DEFAULT_AS_OF): a year slipped past this one writes a minor. */
const LATEST_ADULT_BIRTH_YEAR = 2006;

/** The nicknames of a given name that keep four letters or more (a typo leaves them recognisable). */
const longNicknamesFor = (given: string) => nicknamesFor(given).filter((n) => Array.from(n).length >= 4);

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * Street-type abbreviations seen in address files that Publication 28 does not list, per type:
 * TR for Terrace and for Trail alike, BLV and BVD for Boulevard, AV for Avenue, CRT for Court.
 */
const INFORMAL_SUFFIXES: ReadonlyMap<string, readonly string[]> = new Map([
  ['Ter', ['Tr', 'Terr']],
  ['Trl', ['Tr']],
  ['Blvd', ['Blv', 'Bvd']],
  ['Ave', ['Av']],
  ['Ct', ['Crt']],
  ['Pkwy', ['Pky', 'Pkway']],
  ['Cir', ['Circ', 'Crcl']],
  ['Dr', ['Drv']],
]);

/**
 * A word of a street name that is also a street type, written as Publication 28 abbreviates the
 * type (Spg for Spring, Vly for Valley, Ctr for Center, Hl for Hill), as writers abbreviate it on
 * forms ("680 SPG STREE"); Publication 28 spells such a word out in the name. Saint, Mount and
 * Fort have a variation of their own (street-name-respelled); a word the table spells as itself
 * (Park, Way) has no abbreviation to write.
 */
const nameWordAbbreviation = (word: string): string | undefined => {
  const standard = PUB28_STREET_SUFFIXES.get(word.toUpperCase());
  if (standard === undefined || standard === word.toUpperCase() || NAME_WORD_ABBREVIATIONS.has(word))
    return undefined;
  return `${standard[0] ?? ''}${standard.slice(1).toLowerCase()}`;
};

const RULES: readonly VariationRule[] = [
  {
    id: 'typo-surname',
    weight: 6,
    applies: (d) => d.name.surnames.some((s) => longEnough(s) && !s.includes(' ')),
    apply: (d, rng) => {
      const candidates = d.name.surnames
        .map((s, i) => (longEnough(s) && !s.includes(' ') ? i : -1))
        .filter((i) => i >= 0);
      const i = rng.pick(candidates);
      d.name.surnames[i] = oneEditTypo(rng, d.name.surnames[i] ?? '');
    },
  },
  {
    // One slip in a short surname (LUMA for LUNA, RUIS for RUIZ), which typo-surname leaves alone.
    id: 'typo-short-surname',
    weight: 2,
    applies: (d) => d.name.surnames.some(shortSurname),
    apply: (d, rng) => {
      const i = rng.pick(d.name.surnames.map((s, at) => (shortSurname(s) ? at : -1)).filter((at) => at >= 0));
      d.name.surnames[i] = oneEditTypo(rng, d.name.surnames[i] ?? '');
    },
  },
  {
    // A surname of several words written as one (DELACRUZ for DE LA CRUZ, DEJESUS).
    id: 'surname-words-joined',
    weight: 1,
    applies: (d) => d.name.surnames.some((s) => s.includes(' ')),
    apply: (d) => {
      d.name.surnames = d.name.surnames.map((s) => {
        const joined = s.replaceAll(' ', '').toLowerCase();
        return s.includes(' ') ? joined.charAt(0).toUpperCase() + joined.slice(1) : s;
      });
    },
  },
  {
    // Any letter, the first too (NARIA for MARIA): a given name is typed as a word is.
    id: 'typo-given',
    weight: 5,
    applies: (d) => longEnough(d.name.given),
    apply: (d, rng) => {
      d.name.given = oneEditTypo(rng, d.name.given, true);
    },
  },
  {
    id: 'second-surname-dropped',
    weight: 8,
    applies: (d) => d.name.surnames.length === 2,
    apply: (d) => {
      d.name.surnames = d.name.surnames.slice(0, 1);
    },
  },
  {
    // The paternal surname dropped, the maternal kept: one of two surnames, but not the first.
    id: 'first-surname-dropped',
    weight: 2,
    applies: (d) => d.name.surnames.length === 2,
    apply: (d) => {
      d.name.surnames = d.name.surnames.slice(1);
    },
  },
  {
    // A form with two surname fields, both filled with the one surname (GARCIA GARCIA).
    id: 'surname-repeated',
    weight: 1,
    applies: (d) => d.name.surnames.length === 1 && !(d.name.surnames[0] ?? ' ').includes(' '),
    apply: (d) => {
      d.name.surnames = [d.name.surnames[0] ?? '', d.name.surnames[0] ?? ''];
    },
  },
  {
    id: 'given-initial',
    weight: 2,
    applies: (d) => Array.from(d.name.given).length > 1,
    apply: (d) => {
      d.name.given = Array.from(d.name.given)[0] ?? d.name.given;
    },
  },
  {
    id: 'surnames-swapped',
    weight: 3,
    applies: (d) => d.name.surnames.length === 2,
    apply: (d) => {
      d.name.surnames.reverse();
    },
  },
  {
    id: 'surnames-hyphenated',
    weight: 2,
    applies: (d) => d.name.surnames.length === 2 && !d.nameStyle.hyphenate,
    apply: (d) => {
      d.nameStyle.hyphenate = true;
    },
  },
  {
    id: 'nickname',
    weight: 5,
    applies: (d) => !d.name.given.includes(' ') && nicknamesFor(d.name.given).length > 0,
    apply: (d, rng) => {
      d.name.given = rng.pick(nicknamesFor(d.name.given));
    },
  },
  {
    // A nickname mistyped (JIMY, BOBY): the slips of typo-given, on a nickname long enough to
    // stay recognisable.
    id: 'nickname-typo',
    weight: 2,
    applies: (d) => !d.name.given.includes(' ') && longNicknamesFor(d.name.given).length > 0,
    apply: (d, rng) => {
      d.name.given = oneEditTypo(rng, rng.pick(longNicknamesFor(d.name.given)));
    },
  },
  {
    id: 'given-middle-swapped',
    weight: 2,
    applies: (d) => d.name.middle !== '' && !d.name.given.includes(' '),
    apply: (d) => {
      [d.name.given, d.name.middle] = [d.name.middle, d.name.given];
    },
  },
  {
    // The middle name written into the given-name field, the middle left empty (LUZ MARIA for
    // Luz, middle Maria), as forms with one name box make people write it.
    id: 'middle-merged-into-given',
    weight: 2,
    applies: (d) => d.name.middle.length > 1 && !d.name.given.includes(' '),
    apply: (d) => {
      [d.name.given, d.name.middle] = [`${d.name.given} ${d.name.middle}`, ''];
    },
  },
  {
    // A compound given name cut to its first part (JOSE for JOSE LUIS), as a form with a short
    // first-name box, or a clerk, writes it.
    id: 'compound-given-first-only',
    weight: 2,
    applies: (d) => d.name.given.includes(' '),
    apply: (d) => {
      d.name.given = d.name.given.split(' ')[0] ?? d.name.given;
    },
  },
  {
    // The maternal surname written in the middle-name field, the paternal alone as the surname
    // (JUAN, middle LOPEZ, GARCIA for JUAN GARCIA LOPEZ).
    id: 'maternal-surname-as-middle',
    weight: 2,
    applies: (d) => d.name.surnames.length === 2 && d.name.middle === '',
    apply: (d) => {
      const [paternal = '', maternal = ''] = d.name.surnames;
      d.name.middle = maternal;
      d.name.surnames = [paternal];
    },
  },
  {
    // Given name and surname exchanged between the two fields, by any writer (GARCIA, JUAN).
    id: 'given-surname-swapped',
    weight: 1,
    applies: (d) =>
      d.group !== 'asian' &&
      d.name.surnames.length === 1 &&
      !d.name.given.includes(' ') &&
      d.name.suffix === '',
    apply: (d) => {
      const surname = d.name.surnames[0] ?? '';
      d.name.surnames = [d.name.given];
      d.name.given = surname;
    },
  },
  {
    id: 'compound-given-split',
    weight: 4,
    applies: (d) => d.name.given.includes(' ') && d.name.middle === '',
    apply: (d) => {
      d.nameStyle.splitCompound = true;
    },
  },
  {
    id: 'middle-missing',
    weight: 6,
    applies: (d) => d.name.middle !== '',
    apply: (d) => {
      d.name.middle = '';
    },
  },
  {
    id: 'middle-initial',
    weight: 4,
    applies: (d) => d.name.middle.length > 1,
    apply: (d) => {
      d.nameStyle.middleInitial = true;
    },
  },
  {
    id: 'accents-dropped',
    weight: 6,
    applies: (d) => d.nameStyle.accents && [d.name.given, d.name.middle, ...d.name.surnames].some(hasAccents),
    apply: (d) => {
      d.nameStyle.accents = false;
    },
  },
  {
    id: 'suffix-dropped',
    weight: 3,
    applies: (d) => d.name.suffix !== '',
    apply: (d) => {
      d.name.suffix = '';
    },
  },
  {
    id: 'suffix-punctuated',
    weight: 2,
    applies: (d) => d.name.suffix === 'Jr' || d.name.suffix === 'Sr',
    apply: (d, rng) => {
      d.name.suffix = rng.chance(0.5) ? `${d.name.suffix}.` : `, ${d.name.suffix}.`;
    },
  },
  {
    id: 'name-upper-case',
    weight: 5,
    applies: (d) => !d.nameStyle.upper,
    apply: (d) => {
      d.nameStyle.upper = true;
    },
  },
  {
    id: 'dob-day-month-swapped',
    weight: 3,
    applies: (d, g) => {
      const [, month = '', day = ''] = d.dob.split('-');
      return !g.keepDateOfBirth && !d.dobAltered && d.dob !== '' && Number(day) <= 12 && day !== month;
    },
    apply: (d) => {
      d.dobAltered = true;
      const [year, month, day] = d.dob.split('-');
      d.dob = `${year}-${day}-${month}`;
    },
  },
  {
    // A day off by one (a slip of the pen or of a form's date picker); still a valid date. Not
    // under the guard: a namesake father and son are decades apart, one day changes nothing.
    id: 'dob-day-off-by-one',
    weight: 2,
    applies: (d) => d.dob !== '' && !d.dobAltered,
    apply: (d, rng) => {
      d.dobAltered = true;
      const [year = 0, month = 1, day = 1] = d.dob.split('-').map(Number);
      const last = daysInMonth(year, month);
      const next = day === 1 ? 2 : day === last ? day - 1 : day + (rng.chance(0.5) ? 1 : -1);
      d.dob = isoDate(year, month, next);
    },
  },
  {
    id: 'dob-year-off-by-one',
    weight: 2,
    applies: (d) => d.dob !== '' && !d.dobAltered,
    apply: (d, rng) => {
      d.dobAltered = true;
      const [year = 0, month = 1, day = 1] = d.dob.split('-').map(Number);
      const next = year + (rng.chance(0.5) ? 1 : -1);
      d.dob = isoDate(next, month, Math.min(day, daysInMonth(next, month)));
    },
  },
  {
    // A birth date whose day and month the requesting file does not know, written January 1st of
    // the year. Under the guard never: a namesake's year is his own.
    id: 'dob-placeholder-jan1',
    weight: 1,
    applies: (d, g) => d.dob !== '' && !d.dobAltered && !g.keepDateOfBirth && !d.dob.endsWith('-01-01'),
    apply: (d) => {
      d.dobAltered = true;
      d.dob = `${d.dob.slice(0, 4)}-01-01`;
    },
  },
  {
    // The year's decade slipped by one (1985 for 1975; 1995 for 2005, across the century, three
    // digits changed), month and day kept: the slip that makes a person look a generation from
    // their record. Never a minor's year, nor one after the requests are written. Under the guard
    // never: a namesake's own date is the one that matters.
    id: 'dob-decade-slip',
    weight: 1,
    applies: (d, g) => d.dob !== '' && !d.dobAltered && !g.keepDateOfBirth,
    apply: (d, rng) => {
      const [year = 0, month = 1, day = 1] = d.dob.split('-').map(Number);
      const options = [year - 10, year + 10].filter((slipped) => slipped <= LATEST_ADULT_BIRTH_YEAR);
      if (options.length === 0) return;
      d.dobAltered = true;
      const slipped = rng.pick(options);
      d.dob = isoDate(slipped, month, Math.min(day, daysInMonth(slipped, month)));
    },
  },
  {
    // A birth date whose day and month are unknown written as the middle of its year (July 1st,
    // or June 15th), as other files do where the first of January is not their convention.
    id: 'dob-placeholder-mid-year',
    weight: 1,
    applies: (d, g) => d.dob !== '' && !d.dobAltered && !g.keepDateOfBirth && !/-(07-01|06-15)$/.test(d.dob),
    apply: (d, rng) => {
      d.dobAltered = true;
      d.dob = `${d.dob.slice(0, 4)}-${rng.chance(0.5) ? '07-01' : '06-15'}`;
    },
  },
  {
    // One digit of the date mistyped into another valid date. Under the guard never: a decade's
    // digit turns a son's birth year into his father's.
    id: 'dob-digit-typo',
    weight: 1,
    applies: (d, g) => d.dob !== '' && !d.dobAltered && !g.keepDateOfBirth,
    apply: (d, rng) => {
      d.dobAltered = true;
      for (let tries = 0; tries < 20; tries++) {
        const digits = Array.from(d.dob);
        const positions = digits.map((c, i) => (/\d/.test(c) && i > 1 ? i : -1)).filter((i) => i >= 0);
        const at = rng.pick(positions);
        digits[at] = String((Number(digits[at]) + rng.int(1, 9)) % 10);
        const written = digits.join('');
        const [year = 0, month = 0, day = 0] = written.split('-').map(Number);
        // Never a later year: the date stays in the past, and an adult's stays an adult's.
        if (
          year <= Number(d.dob.slice(0, 4)) &&
          month >= 1 &&
          month <= 12 &&
          day >= 1 &&
          day <= daysInMonth(year, month)
        ) {
          d.dob = written;
          return;
        }
      }
    },
  },
  {
    // East Asian names written family name first, into the given-name field (KIM JIHOON for
    // Jihoon Kim).
    id: 'name-order-swapped',
    weight: 4,
    applies: (d) => d.group === 'asian' && d.name.surnames.length === 1 && d.name.middle === '',
    apply: (d) => {
      const family = d.name.surnames[0] ?? '';
      d.name.surnames = [d.name.given];
      d.name.given = family;
    },
  },
  {
    // Another romanization of the same family name (LEE, YI, RHEE; PARK, PAK; CHOI, CHOE).
    id: 'surname-romanized-otherwise',
    weight: 4,
    applies: (d) =>
      d.group === 'asian' &&
      d.name.surnames.length === 1 &&
      romanizationsOf(d.name.surnames[0] ?? '').length > 0,
    apply: (d, rng) => {
      d.name.surnames = [rng.pick(romanizationsOf(d.name.surnames[0] ?? ''))];
    },
  },
  {
    // A two-syllable given name with its syllables hyphenated, spaced or run together (JI-HOON,
    // JI HOON, JIHOON).
    id: 'given-syllables-respaced',
    weight: 3,
    applies: (d) => d.group === 'asian' && /^[A-Z][a-z]+[- ][A-Za-z]+$/.test(d.name.given),
    apply: (d, rng) => {
      const [first = '', second = ''] = d.name.given.split(/[- ]/);
      const forms = [`${first}-${second}`, `${first} ${second}`, `${first}${second.toLowerCase()}`].filter(
        (form) => form !== d.name.given,
      );
      d.name.given = rng.pick(forms);
    },
  },
  {
    id: 'street-suffix-spelled-out',
    weight: 5,
    applies: (d) => d.address.suffix !== null && d.address.suffix.abbr !== d.address.suffix.full,
    apply: (d, rng) => {
      d.addressStyle.suffix = rng.chance(0.7) ? 'full' : 'abbr-dot';
    },
  },
  {
    // One slip of the keyboard in the spelled-out suffix (Stree, Avneue, Wayy), never its first letter.
    id: 'street-suffix-misspelt',
    weight: 3,
    applies: (d) => d.address.suffix !== null,
    apply: (d, rng) => {
      d.addressStyle.suffixText = oneEditTypo(rng, d.address.suffix?.full ?? '');
    },
  },
  {
    // A numbered street written without its ordinal ending ("123 76 St" for 76th St), as officers
    // copying from a form often do.
    id: 'street-ordinal-bare',
    weight: 3,
    applies: (d) => /^\d+(st|nd|rd|th)$/i.test(d.address.streetName) && d.address.suffix !== null,
    apply: (d) => {
      d.addressStyle.streetNameText = d.address.streetName.replace(/\D+$/, '');
    },
  },
  {
    // One slip of the keyboard in a one-word street name (Mapel, Oakk, Cedr), never its first letter.
    id: 'street-name-typo',
    weight: 2,
    applies: (d) => /^[A-Za-z]{4,}$/.test(d.address.streetName) && d.addressStyle.streetNameText === null,
    apply: (d, rng) => {
      d.addressStyle.streetNameText = oneEditTypo(rng, d.address.streetName);
    },
  },
  {
    // One key struck next to the intended one anywhere in a one-word street name, the first letter
    // and three-letter names too (Ekm, Naple, Oal).
    id: 'street-name-key-slip',
    weight: 2,
    applies: (d) => /^[A-Za-z]{3,}$/.test(d.address.streetName) && d.addressStyle.streetNameText === null,
    apply: (d, rng) => {
      d.addressStyle.streetNameText = rng.pick(keySlips(d.address.streetName, true));
    },
  },
  {
    // A word of the street name that is also a street type written as its abbreviation (680 Spg
    // St for Spring St, Spring Vly Rd, Ctr St), the street's own type written after it.
    id: 'street-name-word-abbreviated',
    weight: 2,
    applies: (d) =>
      d.address.suffix !== null &&
      d.addressStyle.streetNameText === null &&
      d.address.streetName.split(' ').some((word) => nameWordAbbreviation(word) !== undefined),
    apply: (d) => {
      d.addressStyle.streetNameText = d.address.streetName
        .split(' ')
        .map((word) => (d.addressStyle.nameAbbreviated ? (NAME_WORD_ABBREVIATIONS.get(word) ?? word) : word))
        .map((word) => nameWordAbbreviation(word) ?? word)
        .join(' ');
    },
  },
  {
    // One key off in a street type's abbreviation (Wqy, Wsy, Avw, Dt), never its first letter, and
    // never another type's spelling.
    id: 'street-suffix-key-slip',
    weight: 2,
    applies: (d) => d.address.suffix !== null && suffixKeySlips(d.address.suffix.abbr).length > 0,
    apply: (d, rng) => {
      d.addressStyle.suffixText = rng.pick(suffixKeySlips(d.address.suffix?.abbr ?? ''));
    },
  },
  {
    // A spelled-out directional slipped once (Norht, Soth, Esat, Wesst).
    id: 'directional-misspelt',
    weight: 2,
    applies: (d) => {
      const directional = d.address.predir ?? d.address.postdir;
      return directional !== null && directionalSlips(directional).length > 0;
    },
    apply: (d, rng) => {
      const directional = d.address.predir ?? d.address.postdir;
      if (directional) d.addressStyle.directionalText = rng.pick(directionalSlips(directional));
    },
  },
  {
    // A county grid number written spaced or hyphenated at its parts (N59 W28135, N59-W28135, 27W 088).
    id: 'house-number-respaced',
    weight: 4,
    applies: (d) =>
      /^(?:[NSEW]\d+[NSEW]\d+|\d+[NSEW]\d+)$/.test(d.address.number) && d.addressStyle.numberText === null,
    apply: (d, rng) => {
      const [, first = '', second = ''] = /^(\D?\d+\D)(\d+)$/.exec(d.address.number) ?? [];
      const [, gridFirst = '', gridSecond = ''] = /^([NSEW]\d+)([NSEW]\d+)$/.exec(d.address.number) ?? [];
      d.addressStyle.numberText =
        gridFirst !== ''
          ? rng.pick([`${gridFirst} ${gridSecond}`, `${gridFirst}-${gridSecond}`, `${first} ${second}`])
          : `${first} ${second}`;
    },
  },
  {
    // A post-office box written another way than the return writes it (USPS reads all of them as PO BOX).
    id: 'pobox-form',
    weight: 4,
    applies: (d) => d.address.poBox !== null,
    apply: (d, rng) => {
      d.addressStyle.poBoxForm = rng.pick([
        'P.O. Box',
        'POB',
        'Box',
        'Post Office Box',
        'P O Box',
        'PO Bx',
        'PO Box #',
      ]);
    },
  },
  {
    // A number sign before the house number, as Spanish and Portuguese writing puts it ("Nº 1193").
    id: 'house-number-sign',
    weight: 1,
    applies: (d) => d.addressStyle.numberSign === null && /^\d+$/.test(d.address.number),
    apply: (d, rng) => {
      d.addressStyle.numberSign = rng.pick(['No.', 'Nº', 'Núm.', '#']);
    },
  },
  {
    // Abbreviations people write that Publication 28 does not list (TR for Terrace or Trail, BLV).
    id: 'street-suffix-informal',
    weight: 2,
    applies: (d) => d.address.suffix !== null && INFORMAL_SUFFIXES.has(d.address.suffix.abbr),
    apply: (d, rng) => {
      d.addressStyle.suffixText = rng.pick(INFORMAL_SUFFIXES.get(d.address.suffix?.abbr ?? '') ?? ['St']);
    },
  },
  {
    // The ZIP code left out (city and state kept), with Saint written one way or the other in the
    // city (St. Charles, Saint Charles, St Charles).
    id: 'zip-missing',
    weight: 2,
    applies: (d) => !d.addressStyle.zipMissing && d.addressStyle.cityText !== '',
    apply: (d) => {
      d.addressStyle.zipMissing = true;
    },
  },
  {
    // The city left out where the ZIP code places the address (a ZIP code alone is no address
    // only without a street: the street and ZIP are enough).
    id: 'city-missing',
    weight: 2,
    applies: (d) => !d.addressStyle.zipMissing && d.addressStyle.cityText === null,
    apply: (d) => {
      d.addressStyle.cityText = '';
    },
  },
  {
    // The city written without its vowels, as in a hurried hand or a short field (Hstn for Houston).
    id: 'city-vowels-dropped',
    weight: 2,
    applies: (d) => d.addressStyle.cityText === null && withoutVowels(d.address.city) !== d.address.city,
    apply: (d) => {
      d.addressStyle.cityText = withoutVowels(d.address.city);
    },
  },
  {
    id: 'city-saint-respelled',
    weight: 3,
    applies: (d) => /^(St\.|Saint) /.test(d.address.city),
    apply: (d, rng) => {
      const rest = d.address.city.replace(/^(St\.|Saint) /, '');
      d.addressStyle.cityText = rng.pick(
        [`Saint ${rest}`, `St ${rest}`, `St. ${rest}`].filter((c) => c !== d.address.city),
      );
    },
  },
  {
    id: 'directional-respelled',
    weight: 2,
    applies: (d) => d.address.predir !== null || d.address.postdir !== null,
    apply: (d, rng) => {
      const directional = d.address.predir ?? d.address.postdir;
      if (directional) d.addressStyle.directionalText = rng.pick(DIRECTIONAL_RESPELLINGS[directional.abbr]);
    },
  },
  {
    id: 'street-name-respelled',
    weight: 3,
    applies: (d) => d.address.streetName.split(' ').some((word) => NAME_WORD_ABBREVIATIONS.has(word)),
    apply: (d) => {
      d.addressStyle.nameAbbreviated = !d.addressStyle.nameAbbreviated;
    },
  },
  {
    id: 'directional-spelled-out',
    weight: 3,
    applies: (d) => d.address.predir !== null || d.address.postdir !== null,
    apply: (d) => {
      d.addressStyle.directional = 'full';
    },
  },
  {
    id: 'unit-designator-respelled',
    weight: 4,
    applies: (d) => d.address.unit !== null && d.address.unit.kind.forms.length > 1,
    apply: (d, rng) => {
      d.addressStyle.unitForm = rng.int(1, (d.address.unit?.kind.forms.length ?? 2) - 1);
    },
  },
  {
    id: 'unit-in-line1',
    weight: 4,
    applies: (d) => d.address.unit !== null,
    apply: (d) => {
      d.addressStyle.unitInLine1 = true;
    },
  },
  {
    id: 'address-upper-case',
    weight: 5,
    applies: (d) => !d.addressStyle.upper,
    apply: (d) => {
      d.addressStyle.upper = true;
    },
  },
  {
    id: 'extra-spaces',
    weight: 3,
    applies: (d) => !d.extraSpaces,
    apply: (d) => {
      d.extraSpaces = true;
    },
  },
  {
    id: 'zip-plus4',
    weight: 5,
    applies: (d) => !d.addressStyle.zipPlus4 && !d.addressStyle.zipMissing,
    apply: (d) => {
      d.addressStyle.zipPlus4 = true;
    },
  },
  {
    // ZIP+4 written as nine digits, without its hyphen (787011234).
    id: 'zip9-no-dash',
    weight: 2,
    applies: (d) => !d.addressStyle.zipPlus4 && !d.addressStyle.zipMissing,
    apply: (d) => {
      d.addressStyle.zipPlus4 = true;
      d.addressStyle.zipNoDash = true;
    },
  },
];

export const VARIATION_IDS: readonly string[] = RULES.map((rule) => rule.id);

/**
 * How many variations a request carries: 0, 1 or 2 — as much drift as a careful reader would
 * still call the same person at the same address. Shares chosen.
 */
const VARIATION_COUNTS = new WeightedTable<number>([
  [0, 0.35],
  [1, 0.4],
  [2, 0.25],
]);

/** Applies 0–2 distinct applicable variations to the draft; returns their ids. */
export function applyVariations(rng: Prng, draft: RequestDraft, guard: VariationGuard): string[] {
  const applied: string[] = [];
  const count = VARIATION_COUNTS.draw(rng);
  for (let n = 0; n < count; n++) {
    const candidates = RULES.filter((rule) => !applied.includes(rule.id) && rule.applies(draft, guard));
    if (candidates.length === 0) break;
    const rule = new WeightedTable(candidates.map((r) => [r, r.weight] as const)).draw(rng);
    rule.apply(draft, rng);
    applied.push(rule.id);
  }
  return applied;
}
