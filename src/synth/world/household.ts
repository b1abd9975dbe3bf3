import type { NameSource } from '../names/name-source.ts';
import type { NameGroup, Sex } from '../names/name-table.ts';
import { WeightedTable, type Prng } from '../prng.ts';
import { yearOf } from './calendar.ts';
import { makePerson, ownSurnames, type GenerationalSuffix, type Person } from './person.ts';
import {
  drawPlace,
  movedAddress,
  randomAddress,
  sameDeliveryPoint,
  type StreetAddress,
} from './street-address.ts';
import type { TinIssuer, TinType } from './tin.ts';

/** An address the household lived at from `fromYear` on (the first residence is in effect before the window too). */
export interface Residence {
  fromYear: number;
  address: StreetAddress;
}

export type HouseholdRole = 'head' | 'spouse' | 'child' | 'sibling' | 'parent';

export interface Taxpayer {
  id: string;
  person: Person;
  role: HouseholdRole;
  /** Tax years filed, ascending, within the window; the last one carries the address of record. */
  years: readonly number[];
  /** The taxpayer in the same household with the same given name and surname (father and son), if any. */
  namesakeId: string | null;
}

export interface Household {
  index: number;
  group: NameGroup;
  residences: readonly Residence[];
  members: readonly Taxpayer[];
}

export interface WorldContext {
  names: NameSource;
  asOf: string;
  window: { first: number; last: number };
  tins: TinIssuer;
  nextTaxpayerId: () => string;
}

/*
 * Shares below are chosen, not measured, each with the reason it has its value:
 * - GROUP_SHARES puts a third of the households in the Hispanic group: the 2025 requests concerned
 *   a population that is mostly Hispanic, and the names hardest to match (two surnames, accents,
 *   compound given names) must be well represented. (US population 2020: 19 % Hispanic, 12 % Black,
 *   6 % Asian.)
 * - HOUSEHOLD_KINDS: ACS household types among tax filers — about a third of returns are single
 *   filers living alone, couples are the plurality, adult children at home are common.
 * - EXTENDED_SHARE: dense, multigenerational homes (grandparent, parents, several adult children,
 *   namesakes across three generations). Pew Research Center (2022) counts 18 % of Americans in
 *   multigenerational homes — about a quarter of Hispanic, Black and Asian Americans, 13 % of White
 *   ones; as a share of households (such homes hold twice the average number of people) about half
 *   of that.
 * - NAMESAKE_SON_SHARE: among fathers living with an adult son, how often the son carries the
 *   father's name; set high so that the benchmark holds thousands of Jr/Sr pairs at one address,
 *   the case courts pointed at.
 * - ITIN_SHARE: ITIN filers are a few percent of all filers, concentrated in Hispanic immigrant
 *   households (IRS / TIGTA ITIN reports).
 * - MOVES: about one household in three moves within seven years (ACS: ~11 % of people move per
 *   year, most of them renters who move repeatedly).
 */
export const GROUP_SHARES = new WeightedTable<NameGroup>([
  ['hispanic', 0.36],
  ['white', 0.4],
  ['black', 0.14],
  ['asian', 0.1],
]);
type HouseholdKind =
  'single' | 'couple' | 'couple-with-adult-children' | 'parent-with-adult-child' | 'siblings' | 'extended';
const NUCLEAR_KINDS: readonly (readonly [HouseholdKind, number])[] = [
  ['single', 0.35],
  ['couple', 0.4],
  ['couple-with-adult-children', 0.15],
  ['parent-with-adult-child', 0.06],
  ['siblings', 0.04],
];
const EXTENDED_SHARE: Record<NameGroup, number> = { hispanic: 0.12, black: 0.12, asian: 0.12, white: 0.06 };
const HOUSEHOLD_KINDS = Object.fromEntries(
  (Object.keys(EXTENDED_SHARE) as NameGroup[]).map((group) => [
    group,
    new WeightedTable<HouseholdKind>([
      ...NUCLEAR_KINDS.map(([kind, share]) => [kind, share * (1 - EXTENDED_SHARE[group])] as const),
      ['extended', EXTENDED_SHARE[group]],
    ]),
  ]),
) as Record<NameGroup, WeightedTable<HouseholdKind>>;
const NAMESAKE_SON_SHARE = 0.3;
const ITIN_SHARE: Record<NameGroup, number> = { hispanic: 0.2, asian: 0.06, white: 0.01, black: 0.01 };
const MOVES = new WeightedTable<number>([
  [0, 0.66],
  [1, 0.27],
  [2, 0.07],
]);
/** Spouses who take the other's surname: most in English naming, a minority in Spanish naming. */
const SPOUSE_TAKES_SURNAME: Record<NameGroup, number> = {
  hispanic: 0.3,
  white: 0.8,
  black: 0.75,
  asian: 0.6,
};

/*
 * Filing pattern within the window, tuned so that a taxpayer files about 3.3 of the 7 years (the
 * benchmark sizes: 300,000 taxpayers ≈ 1 million reference rows).
 */
const FILES_FROM_WINDOW_START = 0.2;
const FILES_UP_TO_LAST_YEAR = 0.6;
const SKIPPED_YEAR_SHARE = 0.15;

export function adultAge(rng: Prng, min: number, max: number): number {
  // Skewed towards younger adults, as the adult population is (median adult age is about 47).
  return min + Math.floor((max - min + 1) * rng.next() ** 1.5);
}

function filingYears(rng: Prng, dob: string, window: { first: number; last: number }): number[] {
  const eligible = Math.max(window.first, yearOf(dob) + 18);
  const last = window.last;
  if (eligible > last) return [last];
  const start = rng.chance(FILES_FROM_WINDOW_START) ? eligible : rng.int(eligible, last);
  const end = rng.chance(FILES_UP_TO_LAST_YEAR) ? last : rng.int(start, last);
  const years: number[] = [];
  for (let year = start; year <= end; year++)
    if (year === start || year === end || !rng.chance(SKIPPED_YEAR_SHARE)) years.push(year);
  return years;
}

function tinFor(rng: Prng, ctx: WorldContext, group: NameGroup): { tin: string; tinType: TinType } {
  const tinType: TinType = rng.chance(ITIN_SHARE[group]) ? 'ITIN' : 'SSN';
  return { tin: ctx.tins.issue(tinType), tinType };
}

function otherSex(sex: Sex): Sex {
  return sex === 'M' ? 'F' : 'M';
}

interface MemberPlan {
  role: HouseholdRole;
  sex: Sex;
  age: number;
  surnames: readonly string[];
  /** The surnames the person was born with, where marriage changed them (what children inherit). */
  birthSurnames?: readonly string[];
  given?: string;
  middle?: string;
  /** A son named after the head (Jr), or the head's father after whom the head is named (Sr). */
  namesake?: 'son-of-head' | 'father-of-head';
  /** The plan (index) of this child's twin: same date of birth, another given name. */
  twinOf?: number;
}

/**
 * The chance that an adult child after the first is the previous child's twin: about 3 % of US
 * births are twins (CDC National Vital Statistics, 2019: 32.1 per 1,000). The one co-resident a
 * date of birth cannot tell apart, so the reference must hold some for the co-resident bound to
 * learn how often it happens.
 */
const TWIN_SHARE = 0.03;

/**
 * A sister twin named with her brother's name in its feminine form (DANIEL, DANIELA; MARIO, MARIA):
 * chosen share of such pairs. One date of birth, one home, a name one letter apart — the twin a
 * matcher must not take for a typo of the other.
 */
const TWIN_NAMED_ALIKE_SHARE = 0.25;

/** The feminine form of a given name: O made A, or A added after a consonant; none otherwise. */
export function feminineFormOf(given: string): string | undefined {
  if (/^[A-Za-z]{3,}o$/.test(given)) return `${given.slice(0, -1)}a`;
  if (/^[A-Za-z]{2,}[^aeiouyAEIOUY]$/.test(given)) return `${given}a`;
  return undefined;
}

/** Spanish naming: father's first surname + mother's first surname; otherwise the head's surname. */
function childSurnames(rng: Prng, group: NameGroup, plans: readonly MemberPlan[]): readonly string[] {
  const couple = plans.filter((p) => p.role === 'head' || p.role === 'spouse');
  const father = couple.find((p) => p.sex === 'M');
  const mother = couple.find((p) => p.sex === 'F');
  const head = plans[0]?.surnames ?? [];
  const paternal = (father?.birthSurnames ?? father?.surnames)?.[0];
  const maternal = (mother?.birthSurnames ?? mother?.surnames)?.[0];
  if (group === 'hispanic' && paternal && maternal && rng.chance(0.7)) return [paternal, maternal];
  return head.slice(0, group === 'hispanic' ? 2 : 1);
}

function adultChildren(rng: Prng, plans: MemberPlan[], group: NameGroup, count: number): void {
  const headAge = plans[0]?.age ?? 40;
  const surnames = childSurnames(rng, group, plans);
  const fatherIsHead = plans[0]?.sex === 'M';
  for (let i = 0; i < count; i++) {
    const previous = plans[plans.length - 1];
    const twin = i > 0 && previous?.role === 'child' && rng.chance(TWIN_SHARE);
    const age = twin ? previous.age : headAge - rng.int(20, 35);
    if (age < 18) continue;
    const sex: Sex = rng.chance(0.5) ? 'M' : 'F';
    const namesake = i === 0 && sex === 'M' && fatherIsHead && rng.chance(NAMESAKE_SON_SHARE);
    plans.push({
      role: 'child',
      sex,
      age,
      surnames,
      ...(namesake ? { namesake: 'son-of-head' } : {}),
      ...(twin ? { twinOf: plans.length - 1 } : {}),
    });
  }
}

/** Household members: who they are and the surnames they carry under each naming tradition. */
function planMembers(rng: Prng, ctx: WorldContext, group: NameGroup): MemberPlan[] {
  const kind = HOUSEHOLD_KINDS[group].draw(rng);
  const headSurnames = ownSurnames(rng, ctx.names, group);
  const withChildren =
    kind === 'couple-with-adult-children' || kind === 'parent-with-adult-child' || kind === 'extended';
  const headAge =
    kind === 'extended'
      ? adultAge(rng, 42, 68)
      : withChildren
        ? adultAge(rng, 40, 82)
        : adultAge(rng, 19, 82);
  const coupled = kind === 'couple' || kind === 'couple-with-adult-children' || kind === 'extended';
  const headSex: Sex = coupled ? (rng.chance(0.85) ? 'M' : 'F') : rng.chance(0.5) ? 'M' : 'F';
  const plans: MemberPlan[] = [{ role: 'head', sex: headSex, age: headAge, surnames: headSurnames }];
  if (coupled) {
    const own = ownSurnames(rng, ctx.names, group);
    const taken = rng.chance(SPOUSE_TAKES_SURNAME[group]);
    const spouseAge = Math.max(19, Math.min(90, headAge + rng.int(-6, 6)));
    const spouseSex = rng.chance(0.96) ? otherSex(headSex) : headSex;
    plans.push({
      role: 'spouse',
      sex: spouseSex,
      age: spouseAge,
      surnames: taken ? headSurnames.slice(0, 1) : own,
      birthSurnames: own,
    });
  }
  if (kind === 'extended') {
    // The head's widowed parent: the father carries the head's paternal surname, and the head is
    // often named after him (the head is then Jr, the father Sr, and a namesake son the third).
    const sex: Sex = rng.chance(0.4) ? 'M' : 'F';
    const age = Math.min(95, headAge + rng.int(20, 30));
    const father = sex === 'M';
    const surnames = father
      ? [headSurnames[0] ?? '', ...(group === 'hispanic' ? [ctx.names.surname(rng, group)] : [])]
      : ownSurnames(rng, ctx.names, group);
    const namesake = father && headSex === 'M' && rng.chance(NAMESAKE_SON_SHARE);
    plans.push({ role: 'parent', sex, age, surnames, ...(namesake ? { namesake: 'father-of-head' } : {}) });
  }
  if (withChildren) {
    const children = kind === 'extended' ? rng.int(2, 4) : rng.chance(0.6) ? 1 : rng.chance(0.75) ? 2 : 3;
    adultChildren(rng, plans, group, children);
  }
  if (kind === 'siblings') {
    const age = Math.max(19, headAge + rng.int(-8, 8));
    plans.push({ role: 'sibling', sex: rng.chance(0.5) ? 'M' : 'F', age, surnames: headSurnames });
  }
  return plans;
}

/** One household of taxpayers: who they are, where they lived, which years each filed. */
export function generateHousehold(rng: Prng, ctx: WorldContext, index: number): Household {
  const group = GROUP_SHARES.draw(rng);
  const plans = planMembers(rng, ctx, group);

  const residences: Residence[] = [
    { fromYear: ctx.window.first, address: randomAddress(rng, drawPlace(rng, group), group) },
  ];
  const moves = MOVES.draw(rng);
  const moveYears = new Set<number>();
  for (let i = 0; i < moves; i++) moveYears.add(rng.int(ctx.window.first + 1, ctx.window.last));
  for (const year of [...moveYears].sort((a, b) => a - b)) {
    const previous = residences[residences.length - 1]?.address;
    if (previous) residences.push({ fromYear: year, address: movedAddress(rng, previous, group) });
  }

  const members: Taxpayer[] = [];
  for (const plan of plans) {
    // A namesake is named after the head, who is planned first.
    const namedAfter = plan.namesake !== undefined ? members[0] : undefined;
    const twin = plan.twinOf !== undefined ? members[plan.twinOf] : undefined;
    let twinGiven: string | undefined;
    if (twin && twin.person.sex === 'M' && plan.sex === 'F' && rng.chance(TWIN_NAMED_ALIKE_SHARE))
      twinGiven = feminineFormOf(twin.person.given);
    for (
      let tries = 0;
      twin && tries < 20 && (twinGiven === undefined || twinGiven === twin.person.given);
      tries++
    )
      twinGiven = ctx.names.givenName(rng, group, plan.sex);
    const person = makePerson(
      rng,
      ctx.names,
      ctx.asOf,
      {
        group,
        sex: plan.sex,
        age: plan.age,
        surnames:
          namedAfter && plan.namesake === 'son-of-head' && group !== 'hispanic'
            ? namedAfter.person.surnames
            : plan.surnames,
        ...(namedAfter
          ? {
              given: namedAfter.person.given,
              middle: namedAfter.person.middle,
              suffix: namesakeSuffix(rng, plan, namedAfter.person.suffix),
            }
          : {}),
        ...(twin ? { dob: twin.person.dob, ...(twinGiven ? { given: twinGiven } : {}) } : {}),
      },
      tinFor(rng, ctx, group),
    );
    const taxpayer: Taxpayer = {
      id: ctx.nextTaxpayerId(),
      person,
      role: plan.role,
      years: filingYears(rng, person.dob, ctx.window),
      namesakeId: namedAfter?.id ?? null,
    };
    if (namedAfter) {
      // A father writes "Sr" on his return only sometimes; the son's suffix is what tells them apart.
      const suffix: GenerationalSuffix =
        plan.namesake === 'father-of-head'
          ? rng.chance(0.85)
            ? 'Jr'
            : 'II'
          : namedAfter.person.suffix || (rng.chance(0.5) ? 'Sr' : '');
      members[0] = { ...namedAfter, namesakeId: taxpayer.id, person: { ...namedAfter.person, suffix } };
    }
    members.push(taxpayer);
  }
  return { index, group, residences, members };
}

/** The suffix of a namesake: the head's son is Jr (or II), III if the head is a Jr; the head's father Sr, sometimes. */
function namesakeSuffix(rng: Prng, plan: MemberPlan, headSuffix: GenerationalSuffix): GenerationalSuffix {
  if (plan.namesake === 'father-of-head') return rng.chance(0.5) ? 'Sr' : '';
  if (headSuffix === 'Jr' || headSuffix === 'II') return 'III';
  return rng.chance(0.85) ? 'Jr' : 'II';
}

/** The address the household lived at in a given tax year. */
export function addressInYear(household: Household, year: number): StreetAddress {
  let current = household.residences[0]?.address;
  for (const residence of household.residences) if (residence.fromYear <= year) current = residence.address;
  if (!current) throw new Error('a household has at least one residence');
  return current;
}

/** The taxpayer's address of record: the address on the return for the latest tax year filed. */
export function addressOfRecord(household: Household, taxpayer: Taxpayer): StreetAddress {
  return addressInYear(household, latestYear(taxpayer));
}

export function latestYear(taxpayer: Taxpayer): number {
  const year = taxpayer.years[taxpayer.years.length - 1];
  if (year === undefined) throw new Error(`taxpayer ${taxpayer.id} filed no year`);
  return year;
}

/** Addresses the household lived at before the taxpayer's address of record (a request there is out of date). */
export function earlierAddresses(household: Household, taxpayer: Taxpayer): StreetAddress[] {
  const latest = latestYear(taxpayer);
  const current = household.residences.filter((r) => r.fromYear <= latest).length - 1;
  const record = addressOfRecord(household, taxpayer);
  return household.residences
    .slice(0, Math.max(0, current))
    .map((r) => r.address)
    .filter((address) => !sameDeliveryPoint(address, record));
}
