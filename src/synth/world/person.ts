import type { NameSource } from '../names/name-source.ts';
import type { NameGroup, Sex } from '../names/name-table.ts';
import type { Prng } from '../prng.ts';
import { birthDateForAge } from './calendar.ts';
import type { TinType } from './tin.ts';

export type GenerationalSuffix = '' | 'Jr' | 'Sr' | 'II' | 'III';

/** A person as they are, before any record writes their name one way or another. */
export interface Person {
  /** May be compound ("María José", "Juan Carlos"). */
  given: string;
  /** One middle name or ''. */
  middle: string;
  /** One or two surnames in order (paternal, maternal); a surname may carry a particle ("de la Cruz"). */
  surnames: readonly string[];
  suffix: GenerationalSuffix;
  sex: Sex;
  group: NameGroup;
  dob: string;
  tin: string;
  tinType: TinType;
}

/**
 * Shares that shape names, from the Census 2010 surname file (Hispanic bearers) and the SSA data:
 * two surnames are common but not universal among Hispanic adults in US records (a rough reading
 * of pseudopeople's simulated population, where about two thirds of Latino surnames have two words);
 * middle names are the rule in English naming and rarer in Spanish naming, where compound given
 * names do that job.
 */
const TWO_SURNAME_SHARE = 0.65;
const MIDDLE_NAME_SHARE: Record<NameGroup, number> = { hispanic: 0.3, white: 0.8, black: 0.75, asian: 0.45 };

export interface PersonDraft {
  group: NameGroup;
  sex: Sex;
  age: number;
  /** Surnames decided by the household (inherited); drawn fresh when absent. */
  surnames?: readonly string[];
  given?: string;
  middle?: string;
  suffix?: GenerationalSuffix;
  /** The date of birth, where the household fixes it (a twin's is the other twin's). */
  dob?: string;
}

/**
 * A person's own surnames. The maternal surname is drawn like any other, so it is the paternal one
 * as often as two parents share a surname (GARCIA GARCIA: about the sum of the squared surname
 * shares, well under 1 %, more among the commonest names).
 */
export function ownSurnames(rng: Prng, names: NameSource, group: NameGroup): string[] {
  const paternal = names.surname(rng, group);
  if (group !== 'hispanic' || !rng.chance(TWO_SURNAME_SHARE)) return [paternal];
  return [paternal, names.surname(rng, group)];
}

export function drawMiddle(rng: Prng, names: NameSource, group: NameGroup, sex: Sex, given: string): string {
  if (given.includes(' ') || !rng.chance(MIDDLE_NAME_SHARE[group])) return '';
  const middle = names.middleName(rng, group, sex);
  return middle === given ? '' : middle;
}

export function makePerson(
  rng: Prng,
  names: NameSource,
  asOf: string,
  draft: PersonDraft,
  tin: { tin: string; tinType: TinType },
): Person {
  const given = draft.given ?? names.givenName(rng, draft.group, draft.sex);
  return {
    given,
    middle: draft.middle ?? drawMiddle(rng, names, draft.group, draft.sex, given),
    surnames: draft.surnames ?? ownSurnames(rng, names, draft.group),
    suffix: draft.suffix ?? '',
    sex: draft.sex,
    group: draft.group,
    dob: draft.dob ?? birthDateForAge(rng, asOf, draft.age),
    tin: tin.tin,
    tinType: tin.tinType,
  };
}
