import { REFERENCE_COLUMNS } from '../../linkage/reference-record.ts';
import type { Prng } from '../prng.ts';
import { addressInYear, type Household, type Taxpayer } from '../world/household.ts';
import { STANDARD_ADDRESS_STYLE, renderAddress, type AddressStyle } from './address-rendering.ts';
import { csvLine } from './csv-line.ts';
import { nameParts, renderName, type NameFields, type NameParts, type NameStyle } from './name-rendering.ts';

export const REFERENCE_HEADER = csvLine(REFERENCE_COLUMNS);

/*
 * How returns write names and addresses, chosen: e-filed returns are mostly upper-case ASCII,
 * paper returns transcribed as written; people write their own address a little differently from
 * one year to the next (the share of rows that drift from the household's usual form).
 */
const UPPER_CASE_SHARE = 0.4;
const ACCENTS_KEPT_SHARE = 0.5;
const MIDDLE_INITIAL_SHARE = 0.5;
const COMPOUND_SPLIT_SHARE = 0.35;
const HYPHENATED_SURNAMES_SHARE = 0.1;
const ZIP_PLUS4_SHARE = 0.3;
const YEARLY_ADDRESS_DRIFT_SHARE = 0.15;
/** Saint, Mount, Fort abbreviated in the street name (St James): common, so half the households. */
const NAME_ABBREVIATED_SHARE = 0.5;
/**
 * A filer with two surnames who writes only the first on the return (US forms have one last-name
 * field, and many drop the maternal surname to fit it): chosen, a fifth.
 */
const FIRST_SURNAME_ONLY_SHARE = 0.2;
/**
 * A filer with a middle name or a compound given name who does not write it the same way every
 * year: the middle name left off one return, written as an initial on another, a compound given
 * name split into given and middle names on a third. Chosen: a quarter of them, each of their
 * returns drawing its own way.
 */
const NAME_DRIFT_SHARE = 0.25;
const MIDDLE_LEFT_OFF_SHARE = 0.3;
/*
 * How some filers write their name on every return, unlike their other records (an immigration
 * file, a passport) — so that requests written from those records differ from the returns. Chosen;
 * drawn from a stream of their own (`returns`), so that every other draw of the world is what it
 * was without them.
 */
/**
 * A filer with two surnames and no middle name writes the paternal surname alone in the last-name
 * field and the maternal one in the middle-name field (JUAN PABLO, middle AGUIRRE, GARCIA for JUAN
 * PABLO GARCIA AGUIRRE): the form has one last-name box and a middle-name box beside it. About one
 * in seven of them.
 */
const MATERNAL_AS_MIDDLE_SHARE = 0.15;
/**
 * A filer with a generational suffix leaves it off his returns (JUSTIN KIM on the returns, JUSTIN
 * KIM JR in the file a request is written from): the suffix is on the request only. A third of them.
 */
const SUFFIX_LEFT_OFF_SHARE = 0.3;
/**
 * A spouse who kept her own surnames writes her husband's surname on the returns (MARIA GARCIA),
 * the married name US forms and preparers ask for, while her passport and immigration file keep
 * the surnames she was born with (MARIA LOPEZ): the married surname is on the record only. A tenth
 * of the spouses who kept their surnames, where the head files.
 */
const MARRIED_SURNAME_ON_RETURNS_SHARE = 0.1;

function referenceNameStyle(rng: Prng): NameStyle {
  const upper = rng.chance(UPPER_CASE_SHARE);
  return {
    upper,
    accents: !upper && rng.chance(ACCENTS_KEPT_SHARE),
    middleInitial: rng.chance(MIDDLE_INITIAL_SHARE),
    splitCompound: rng.chance(COMPOUND_SPLIT_SHARE),
    hyphenate: rng.chance(HYPHENATED_SURNAMES_SHARE),
  };
}

/** One year's return of a filer whose name drifts (NAME_DRIFT_SHARE): the writer's style, the middle name redrawn. */
function driftedName(
  rng: Prng,
  parts: NameParts,
  style: NameStyle,
  hasMiddle = parts.middle !== '',
): NameFields {
  const middleLeftOff = hasMiddle && rng.chance(MIDDLE_LEFT_OFF_SHARE);
  return renderName(middleLeftOff ? { ...parts, middle: '' } : parts, {
    ...style,
    middleInitial: rng.chance(MIDDLE_INITIAL_SHARE),
    splitCompound: rng.chance(COMPOUND_SPLIT_SHARE),
  });
}

function driftedStyle(rng: Prng, base: AddressStyle): AddressStyle {
  return {
    ...base,
    suffix: rng.pick(['abbr', 'full', 'abbr-dot'] as const),
    directional: rng.pick(['abbr', 'full'] as const),
    nameAbbreviated: rng.chance(NAME_ABBREVIATED_SHARE),
    unitForm: rng.int(0, 4),
    unitInLine1: rng.chance(0.3),
  };
}

/**
 * The name as the filer writes it on every return (MATERNAL_AS_MIDDLE_SHARE, SUFFIX_LEFT_OFF_SHARE,
 * MARRIED_SURNAME_ON_RETURNS_SHARE); `headSurname` is the head's first surname, where the head files.
 */
export function nameOnReturns(
  returns: Prng,
  taxpayer: Taxpayer,
  parts: NameParts,
  headSurname: string | undefined,
): NameParts {
  let written = parts;
  const [paternal, maternal] = parts.surnames;
  if (
    paternal !== undefined &&
    maternal !== undefined &&
    parts.middle === '' &&
    returns.chance(MATERNAL_AS_MIDDLE_SHARE)
  )
    written = { ...written, middle: maternal, surnames: [paternal] };
  if (parts.suffix !== '' && returns.chance(SUFFIX_LEFT_OFF_SHARE)) written = { ...written, suffix: '' };
  if (
    taxpayer.role === 'spouse' &&
    headSurname !== undefined &&
    !taxpayer.person.surnames.includes(headSurname) &&
    returns.chance(MARRIED_SURNAME_ON_RETURNS_SHARE)
  )
    written = { ...written, surnames: [headSurname] };
  return written;
}

/**
 * The reference rows of one household: one per taxpayer per tax year filed, as CSV lines. `rng`
 * draws the world's choices; `returns`, where given, the later ones that leave those draws as they
 * were (nameOnReturns).
 */
export function referenceLines(
  rng: Prng,
  household: Household,
  returns?: Prng,
): { text: string; rows: number } {
  let text = '';
  let rows = 0;
  const usual: AddressStyle = {
    ...STANDARD_ADDRESS_STYLE,
    upper: rng.chance(UPPER_CASE_SHARE),
    zipPlus4: rng.chance(ZIP_PLUS4_SHARE),
    nameAbbreviated: rng.chance(NAME_ABBREVIATED_SHARE),
  };
  const headSurname = household.members.find((m) => m.role === 'head')?.person.surnames[0];
  for (const taxpayer of household.members) {
    const drawn = nameParts(taxpayer.person);
    if (drawn.surnames.length === 2 && rng.chance(FIRST_SURNAME_ONLY_SHARE)) drawn.surnames.splice(1);
    const parts = returns ? nameOnReturns(returns, taxpayer, drawn, headSurname) : drawn;
    const nameStyle = referenceNameStyle(rng);
    const name = renderName(parts, nameStyle);
    // The world's draws read the name as drawn, not as the returns write it, so that they stay as
    // they were without nameOnReturns.
    const drifts = (drawn.middle !== '' || drawn.given.includes(' ')) && rng.chance(NAME_DRIFT_SHARE);
    for (const year of taxpayer.years) {
      const style = rng.chance(YEARLY_ADDRESS_DRIFT_SHARE) ? driftedStyle(rng, usual) : usual;
      const written = drifts ? driftedName(rng, parts, nameStyle, drawn.middle !== '') : name;
      text += referenceLine(taxpayer, year, written, renderAddress(addressInYear(household, year), style));
      rows++;
    }
  }
  return { text, rows };
}

function referenceLine(
  taxpayer: Taxpayer,
  year: number,
  name: NameFields,
  address: ReturnType<typeof renderAddress>,
): string {
  return csvLine([
    taxpayer.id,
    String(year),
    name.first_name,
    name.middle_name,
    name.last_name,
    taxpayer.person.dob,
    address.address_line1,
    address.address_line2,
    address.city,
    address.state,
    address.zip,
    taxpayer.person.tin,
    taxpayer.person.tinType,
  ]);
}
