import { englishFormOf } from '../names/english-given-names.ts';
import type { NameSource } from '../names/name-source.ts';
import type { Prng } from '../prng.ts';
import { STANDARD_ADDRESS_STYLE, renderAddress } from '../render/address-rendering.ts';
import { PLAIN_NAME_STYLE, nameParts, renderName } from '../render/name-rendering.ts';
import { birthDateForAge, yearOf } from '../world/calendar.ts';
import {
  GROUP_SHARES,
  adultAge,
  addressOfRecord,
  type Household,
  type Taxpayer,
} from '../world/household.ts';
import { drawMiddle, makePerson, ownSurnames, type Person } from '../world/person.ts';
import { drawPlace, randomAddress, sameDeliveryPoint, type StreetAddress } from '../world/street-address.ts';
import type { TinIssuer } from '../world/tin.ts';
import { PLACES } from '../places/places.ts';
import { DIRECTIONAL_STREET_NAMES, DIRECTIONALS, STREET_SUFFIXES } from '../places/streets.ts';
import { validProgramFields, type ProgramFieldContext } from './program-fields.ts';
import { OUTCOME_OF, type RequestKind, type TruthOutcome } from './request-kinds.ts';
import { applyVariations, type RequestDraft } from './request-variations.ts';
import { CENTURY_SLIP_SHARE, yearSlippedCenturyBack } from './date-slips.ts';
import { writeEastAsianNameForm } from './east-asian-name-forms.ts';
import { applyDefect, drawDefect, type RequestBody } from './rejection-defects.ts';

/** A request as generated, with its truth: who it came from and the outcome that follows. */
export interface GeneratedRequest {
  body: RequestBody;
  outcome: TruthOutcome;
  /** The taxpayer the request names, for CONFIRMED and NOT_CONFIRMED; '' otherwise. */
  taxpayerId: string;
  /** The kind, refined ("household-namesake", "rejected-filer:address-placeholder"). */
  scenario: string;
  variations: string[];
  /** What makes the subject hard to tell apart, whatever the request says (see subjectTraits). */
  traits: string[];
  /** The officer field is left empty on purpose (a defect); otherwise the officer pool fills it. */
  officerMissing: boolean;
}

export interface RequestContext extends ProgramFieldContext {
  names: NameSource;
  /** TINs for people who never filed: a lane of their own, so they never collide with a taxpayer's. */
  tins: TinIssuer;
  /**
   * How a form's boxes split the name (particlesInGivenName) and write a compass-named street or a
   * grid number, drawn from a stream of its own so that every other draw of the requests stays as
   * it was; absent, no request is so written.
   */
  forms?: Prng;
  /**
   * Whether a Spanish given name is asked in its English form (ENGLISH_FORM_SHARE), from a stream
   * of its own likewise; absent, none is.
   */
  englishForms?: Prng;
  /**
   * Whether and how a date of birth has its year slipped a century back (date-slips.ts), drawn
   * from a stream of its own like `forms`; absent, no date is so slipped.
   */
  dates?: Prng;
  /**
   * Whether an East Asian given name is written otherwise (east-asian-name-forms.ts: JIWOO for
   * JI-WOO, VAN AN for AN, middle VAN), from a stream of its own like `forms`; absent, none is.
   */
  eastAsianForms?: Prng;
}

/**
 * A request whose surname begins with particles (DE LA CRUZ, DEL RIO, VAN DER BERG) written by a
 * form whose first-name box took them: JUAN DE LA / CRUZ. Chosen: a quarter of them.
 */
const PARTICLES_IN_GIVEN_NAME_SHARE = 0.25;

const LEADING_PARTICLES = /^((?:de|del|la|las|los|da|das|do|dos|di|du|van|von|der|den|ter|ten) )+/i;

/**
 * A request about someone with a Spanish given name that gives its English form (JOHN for JUAN,
 * MARY for MARÍA: a record written in English, or the name the person gives in English). Chosen: a
 * tenth of them, enough to show in a benchmark of 20,000 requests; how often it happens in a real
 * file is not known.
 */
const ENGLISH_FORM_SHARE = 0.1;

/**
 * A street named by a compass point written the other way than the request would (S St for South
 * St): as often as not, as the returns write it (reference-rows.ts). Chosen.
 */
const COMPASS_NAME_RESPELLED_SHARE = 0.5;
/**
 * A one-axis county grid number written with a space after its letter (W 14066 for W14066), as
 * files keyed from a form with a separate directional box write it. Chosen: a third of them.
 */
const GRID_LETTER_SPACED_SHARE = 1 / 3;

const GRID_LETTER = /^(\s*[NSEW])(\d+ )/;

/** The line with its one-axis grid number spaced after the letter (W 14066 ELM ST), or undefined where it starts with none. */
export function gridLetterSpaced(line: string): string | undefined {
  return GRID_LETTER.test(line) ? line.replace(GRID_LETTER, '$1 $2') : undefined;
}

/** Moves the surname's leading particles to the end of the given name, where the form put them. */
export function particlesInGivenName(name: { first_name: string; last_name: string }): boolean {
  const particles = LEADING_PARTICLES.exec(name.last_name)?.[0];
  if (!particles || particles.length >= name.last_name.length || name.first_name === '') return false;
  name.first_name = `${name.first_name} ${particles.trim()}`;
  name.last_name = name.last_name.slice(particles.length);
  return true;
}

/**
 * How often a request carries the subject's TIN: the 2025 file "sometimes" had an SSN; a third
 * is chosen so that TIN-only shortcuts are visible in the benchmark without deciding it.
 */
const TIN_GIVEN_SHARE = 0.3;
/**
 * How often a request carries the subject's date of birth, independently of the TIN: ICE's own
 * case files hold one for nearly everyone, but the 2025 file as described carried names, "sometimes
 * an SSN", an order date and an address — chosen in between, four in five. About one request in
 * seven then carries neither, which the shipped program rejects at screening (the truth keeps what
 * the world says: such a request about a filer at home is still a true confirmation missed).
 */
const DOB_GIVEN_SHARE = 0.8;
const TIN_DASHED_SHARE = 0.5;

interface Subject {
  person: Person;
  address: StreetAddress;
  keepDateOfBirth: boolean;
  /** The filer household the subject lives in (their own, or the one they live in without filing). */
  household?: Household;
}

/** A household this many strong is dense: a grandparent, parents, several adult children. */
const DENSE_HOUSEHOLD_MEMBERS = 5;

/**
 * The hard cases a subject belongs to, for breakdowns (truth.csv `traits`): a doubled surname, a
 * dense household or one holding namesakes, a house number that is not plain digits.
 */
function subjectTraits(subject: Subject): string[] {
  const traits: string[] = [];
  const [paternal, maternal] = subject.person.surnames;
  if (maternal !== undefined && paternal === maternal) traits.push('doubled-surname');
  const members = subject.household?.members ?? [];
  if (members.length >= DENSE_HOUSEHOLD_MEMBERS) traits.push('dense-household');
  if (members.some((member) => member.namesakeId !== null)) traits.push('namesake-household');
  const births = members.map((member) => member.person.dob);
  if (new Set(births).size < births.length) traits.push('twin-household');
  const number = subject.address.number;
  if (number.includes('/')) traits.push('fractional-house-number');
  else if (number.includes('-')) traits.push('hyphenated-house-number');
  else if (/[A-Z]/.test(number)) traits.push('grid-house-number');
  if (subject.address.poBox !== null) traits.push('pobox-address');
  return traits;
}

function formatTin(rng: Prng, tin: string): string {
  return rng.chance(TIN_DASHED_SHARE) ? `${tin.slice(0, 3)}-${tin.slice(3, 5)}-${tin.slice(5)}` : tin;
}

function spaced(rng: Prng, value: string): string {
  if (!value) return value;
  const doubled = value.replace(/ /g, () => (rng.chance(0.5) ? '  ' : ' '));
  return rng.chance(0.5) ? ` ${doubled} ` : `${doubled}  `;
}

/** Writes a subject out as request fields: variations, then rendering, then the program fields. */
function writeRequest(
  rng: Prng,
  ctx: RequestContext,
  subject: Subject,
): { body: RequestBody; variations: string[]; traits: string[] } {
  const draft: RequestDraft = {
    group: subject.person.group,
    name: nameParts(subject.person),
    nameStyle: { ...PLAIN_NAME_STYLE },
    dob: subject.person.dob,
    address: subject.address,
    addressStyle: { ...STANDARD_ADDRESS_STYLE },
    extraSpaces: false,
  };
  const dobGiven = rng.chance(DOB_GIVEN_SHARE);
  if (!dobGiven) draft.dob = '';
  const variations = [
    ...(dobGiven ? [] : ['dob-missing']),
    ...applyVariations(rng, draft, { keepDateOfBirth: subject.keepDateOfBirth }),
  ];
  // From its own stream, on the given name as the variations left it (a nickname, an initial or a
  // typo is no name to translate); rendering draws nothing from `rng`, which stays as it was.
  const english = englishFormOf(draft.name.given);
  if (english && ctx.englishForms?.chance(ENGLISH_FORM_SHARE)) {
    draft.name.given = english;
    variations.push('given-name-english-form');
  }
  // From its own stream, on the name as the variations left it (writeEastAsianNameForm leaves a
  // name they changed alone).
  if (ctx.eastAsianForms && subject.person.group === 'asian') {
    const form = writeEastAsianNameForm(ctx.eastAsianForms, draft.name, subject.person);
    if (form) variations.push(form);
  }
  // One slip per date, and never the date that tells a namesake from his father (the guard).
  if (ctx.dates && draft.dob !== '' && !draft.dobAltered && !subject.keepDateOfBirth) {
    const slipped = ctx.dates.chance(CENTURY_SLIP_SHARE)
      ? yearSlippedCenturyBack(ctx.dates, draft.dob, ctx.asOf)
      : undefined;
    if (slipped !== undefined) {
      draft.dob = slipped;
      draft.dobAltered = true;
      variations.push('dob-year-slipped-century-back');
    }
  }
  const name = renderName(draft.name, draft.nameStyle);
  // Drawn from `ctx.forms`, and before the spacing below, whose draws count the spaces (a letter
  // for a word adds none): the requests stream stays as it was.
  const compassRespelled =
    ctx.forms !== undefined &&
    DIRECTIONAL_STREET_NAMES.has(draft.address.streetName) &&
    ctx.forms.chance(COMPASS_NAME_RESPELLED_SHARE);
  if (compassRespelled) variations.push('street-name-compass-respelled');
  const address = renderAddress(
    draft.address,
    compassRespelled
      ? { ...draft.addressStyle, nameAbbreviated: !draft.addressStyle.nameAbbreviated }
      : draft.addressStyle,
  );
  if (draft.extraSpaces) {
    name.last_name = spaced(rng, name.last_name);
    address.address_line1 = spaced(rng, address.address_line1);
  }
  const spacedGrid = /^[NSEW]\d+$/.test(draft.address.number)
    ? gridLetterSpaced(address.address_line1)
    : undefined;
  if (ctx.forms && spacedGrid !== undefined && ctx.forms.chance(GRID_LETTER_SPACED_SHARE)) {
    address.address_line1 = spacedGrid;
    variations.push('house-number-letter-spaced');
  }
  // After every draw of `rng`, which reads the name as written so far: the requests stream stays as it was.
  if (
    ctx.forms &&
    LEADING_PARTICLES.test(name.last_name) &&
    ctx.forms.chance(PARTICLES_IN_GIVEN_NAME_SHARE) &&
    particlesInGivenName(name)
  )
    variations.push('surname-particles-in-given-name');
  const tinGiven = rng.chance(TIN_GIVEN_SHARE);
  if (tinGiven) variations.push('tin-given');
  const program = validProgramFields(rng, ctx, {
    surname: subject.person.surnames[0] ?? '',
    city: subject.address.city,
  });
  return {
    body: {
      ...name,
      dob: draft.dob,
      ...address,
      tin: tinGiven ? formatTin(rng, subject.person.tin) : '',
      ...program,
    },
    variations,
    traits: subjectTraits(subject),
  };
}

function finish(
  kind: RequestKind,
  scenario: string,
  taxpayerId: string,
  written: { body: RequestBody; variations: string[]; traits: string[] },
): GeneratedRequest {
  const outcome = OUTCOME_OF[kind];
  return {
    body: written.body,
    outcome,
    taxpayerId: outcome === 'CONFIRMED' || outcome === 'NOT_CONFIRMED' ? taxpayerId : '',
    scenario,
    variations: written.variations,
    traits: written.traits,
    officerMissing: false,
  };
}

/** A filer asked about at their address of record: CONFIRMED however the request spells it. */
export function confirmedRequest(
  rng: Prng,
  ctx: RequestContext,
  household: Household,
  taxpayer: Taxpayer,
): GeneratedRequest {
  const subject = {
    person: taxpayer.person,
    address: addressOfRecord(household, taxpayer),
    keepDateOfBirth: taxpayer.namesakeId !== null,
    household,
  };
  return finish(
    'confirmed',
    taxpayer.namesakeId ? 'confirmed-namesake-household' : 'confirmed',
    taxpayer.id,
    writeRequest(rng, ctx, subject),
  );
}

/** A filer asked about at an address the household left before the latest return: NOT_CONFIRMED. */
export function movedRequest(
  rng: Prng,
  ctx: RequestContext,
  taxpayer: Taxpayer,
  oldAddress: StreetAddress,
): GeneratedRequest {
  const subject = {
    person: taxpayer.person,
    address: oldAddress,
    keepDateOfBirth: taxpayer.namesakeId !== null,
  };
  return finish('moved-old-address', 'moved-old-address', taxpayer.id, writeRequest(rng, ctx, subject));
}

/**
 * How often, where the address of record's street has a directional, the unrelated address is the
 * same number on the same street with another directional (2290 S ORCHARD ST for 2290 N ORCHARD
 * ST): two streets of one city, often numbered alike, that a matcher ignoring directionals takes
 * for one home — a wrongful disclosure. Chosen.
 */
const OTHER_DIRECTIONAL_SHARE = 0.3;
/** Likewise the same number and street name with another type (ORCHARD AVE for ORCHARD ST). Chosen. */
const OTHER_STREET_TYPE_SHARE = 0.15;

/** The same number and street with another directional, or null when the street has none. */
function otherDirectional(rng: Prng, address: StreetAddress): StreetAddress | null {
  const own = address.predir ?? address.postdir;
  if (own === null) return null;
  const other = rng.pick(DIRECTIONALS.filter((d) => d.abbr !== own.abbr));
  return address.predir ? { ...address, predir: other } : { ...address, postdir: other };
}

/** The same number and street name with another street type (ORCHARD AVE for ORCHARD ST), or null without one. */
function otherStreetType(rng: Prng, address: StreetAddress): StreetAddress | null {
  const own = address.suffix;
  if (own === null) return null;
  return { ...address, suffix: rng.pick(STREET_SUFFIXES.filter((t) => t.abbr !== own.abbr)) };
}

/** A filer asked about at an address they never filed from: NOT_CONFIRMED. */
export function unrelatedAddressRequest(
  rng: Prng,
  ctx: RequestContext,
  household: Household,
  taxpayer: Taxpayer,
): GeneratedRequest {
  const record = addressOfRecord(household, taxpayer);
  const byDirectional = rng.chance(OTHER_DIRECTIONAL_SHARE) ? otherDirectional(rng, record) : null;
  const mirrored =
    byDirectional ?? (rng.chance(OTHER_STREET_TYPE_SHARE) ? otherStreetType(rng, record) : null);
  if (mirrored && !household.residences.some((r) => sameDeliveryPoint(r.address, mirrored))) {
    const subject = {
      person: taxpayer.person,
      address: mirrored,
      keepDateOfBirth: taxpayer.namesakeId !== null,
      household,
    };
    return finish(
      'unrelated-address',
      byDirectional ? 'unrelated-address-other-directional' : 'unrelated-address-other-street-type',
      taxpayer.id,
      writeRequest(rng, ctx, subject),
    );
  }
  let address = randomAddress(rng, drawPlace(rng, household.group), household.group);
  // Never any address the household lived at, not even one sharing a house number: unrelated means unrelated.
  while (
    household.residences.some(
      (r) => sameDeliveryPoint(r.address, address) || r.address.number === address.number,
    )
  )
    address = randomAddress(rng, drawPlace(rng, household.group), household.group);
  const subject = {
    person: taxpayer.person,
    address,
    keepDateOfBirth: taxpayer.namesakeId !== null,
    household,
  };
  return finish('unrelated-address', 'unrelated-address', taxpayer.id, writeRequest(rng, ctx, subject));
}

function freshTin(
  rng: Prng,
  ctx: RequestContext,
  person: { group: Person['group'] },
): Pick<Person, 'tin' | 'tinType'> {
  const tinType = person.group === 'hispanic' && rng.chance(0.2) ? 'ITIN' : 'SSN';
  return { tin: ctx.tins.issue(tinType), tinType };
}

/**
 * Of the relatives who live with a filer without filing (not a namesake), how many are the filer's
 * twin: far more than the 3 % of births that are twins, chosen so that a 20,000-request folder
 * holds a few dozen of the one co-resident a date of birth cannot tell apart.
 */
const TWIN_SHARE = 0.1;

/**
 * Someone who lives with a filer but never filed — the shared-home danger: the father (Sr) whose
 * son (Jr) filed, or the other way round, or a sibling. NO_RECORD; the address is the filer's.
 */
export function householdNonFilerRequest(
  rng: Prng,
  ctx: RequestContext,
  household: Household,
  taxpayer: Taxpayer,
): GeneratedRequest {
  const filer = taxpayer.person;
  const address = addressOfRecord(household, taxpayer);
  const filerAge = yearOf(ctx.asOf) - yearOf(filer.dob);
  let person: Person;
  let scenario: string;
  const canBeSon = filerAge >= 40;
  const canBeFather = filerAge <= 65;
  if (filer.sex === 'M' && taxpayer.namesakeId === null && (canBeSon || canBeFather) && rng.chance(0.6)) {
    const son = canBeSon && (!canBeFather || rng.chance(0.5));
    const age = son ? filerAge - rng.int(20, Math.min(32, filerAge - 18)) : filerAge + rng.int(20, 30);
    const tin = freshTin(rng, ctx, filer);
    person = {
      ...filer,
      suffix: rng.chance(0.5) ? (son ? 'Jr' : 'Sr') : '',
      dob: birthDateForAge(rng, ctx.asOf, age),
      ...tin,
    };
    scenario = son ? 'household-namesake-son' : 'household-namesake-father';
  } else {
    const taken = new Set(household.members.map((m) => m.person.given));
    const sex = rng.chance(0.5) ? 'M' : 'F';
    let given = ctx.names.givenName(rng, filer.group, sex);
    for (let tries = 0; taken.has(given) && tries < 20; tries++)
      given = ctx.names.givenName(rng, filer.group, sex);
    const age = Math.max(18, Math.min(95, filerAge + (rng.chance(0.5) ? 1 : -1) * rng.int(2, 12)));
    // A twin: the filer's surname, home and date of birth, only the given name to tell them apart.
    const twin = rng.chance(TWIN_SHARE);
    person = {
      ...filer,
      given,
      middle: drawMiddle(rng, ctx.names, filer.group, sex, given),
      suffix: '',
      sex,
      dob: twin ? filer.dob : birthDateForAge(rng, ctx.asOf, age),
      ...freshTin(rng, ctx, filer),
    };
    scenario = twin ? 'household-twin' : 'household-relative';
  }
  const subject = { person, address, keepDateOfBirth: scenario !== 'household-relative', household };
  return finish('household-non-filer', scenario, '', writeRequest(rng, ctx, subject));
}

/** A non-filer with the filer's name in the filer's city, born in another year: NO_RECORD. */
export function sameNameSameCityRequest(
  rng: Prng,
  ctx: RequestContext,
  household: Household,
  taxpayer: Taxpayer,
): GeneratedRequest {
  const filer = taxpayer.person;
  const record = addressOfRecord(household, taxpayer);
  const place =
    PLACES.find((p) => p.city === record.city && p.state === record.state) ?? drawPlace(rng, household.group);
  let address = randomAddress(rng, place, household.group);
  while (address.number === record.number && address.streetName === record.streetName)
    address = randomAddress(rng, place, household.group);
  const filerAge = yearOf(ctx.asOf) - yearOf(filer.dob);
  let age = adultAge(rng, 19, 85);
  while (Math.abs(age - filerAge) < 3) age = adultAge(rng, 19, 85);
  const person: Person = {
    ...filer,
    middle:
      filer.middle && rng.chance(0.5) ? '' : drawMiddle(rng, ctx.names, filer.group, filer.sex, filer.given),
    suffix: '',
    dob: birthDateForAge(rng, ctx.asOf, age),
    ...freshTin(rng, ctx, filer),
  };
  if (person.middle === filer.middle) person.middle = '';
  const subject = { person, address, keepDateOfBirth: true };
  return finish('same-name-same-city', 'same-name-same-city', '', writeRequest(rng, ctx, subject));
}

/** Someone who never filed, anywhere: NO_RECORD. */
export function neverFiledRequest(rng: Prng, ctx: RequestContext): GeneratedRequest {
  const group = GROUP_SHARES.draw(rng);
  const sex = rng.chance(0.5) ? 'M' : 'F';
  const person = makePerson(
    rng,
    ctx.names,
    ctx.asOf,
    { group, sex, age: adultAge(rng, 19, 85), surnames: ownSurnames(rng, ctx.names, group) },
    freshTin(rng, ctx, { group }),
  );
  const address = randomAddress(rng, drawPlace(rng, group), group);
  return finish(
    'never-filed',
    'never-filed',
    '',
    writeRequest(rng, ctx, { person, address, keepDateOfBirth: false }),
  );
}

/** A request the statute or the program does not allow, whoever it names: REJECTED, one defect. */
export function rejectedRequest(
  rng: Prng,
  ctx: RequestContext,
  base: GeneratedRequest,
  kind: 'rejected-filer' | 'rejected-never-filed',
): GeneratedRequest {
  const defect = drawDefect(rng);
  const body = { ...base.body };
  const { officerMissing } = applyDefect(rng, body, defect, ctx);
  return {
    body,
    outcome: OUTCOME_OF[kind],
    taxpayerId: '',
    scenario: `${kind}:${defect}`,
    variations: base.variations,
    traits: base.traits,
    officerMissing,
  };
}
