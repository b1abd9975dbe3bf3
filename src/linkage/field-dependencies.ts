import type { Store } from '../store/store.ts';
import { agreesFrom, level, topLevel, type ComparisonField } from './comparison-levels.ts';

/**
 * Where the Fellegi–Sunter independence assumption is plainly false, and what the model does
 * about it. Both EM (train-model.ts) and the scoring (score-candidates.ts) apply these, so the
 * parameters are learned under the same model that decides.
 */
/**
 * Surname and address are not independent among different people: a household shares both. So
 * when the address agrees, the surname is judged against the request's household: a spouse or
 * child carries the very surname of the person asked about, so at one address any level of
 * surname agreement is about as likely for a household member as for the person (u ≈ m · share,
 * share = how often two different people at one address share a surname, from the reference's
 * addresses of record). The surname then weighs at most −log2(share) — nearly nothing — instead
 * of counting "same surname, same home" twice and confirming a spouse who never filed as the one
 * who did. One pseudo-pair sharing no surname keeps the share defined; a reference in which no
 * address is shared (share 0) gives no correction rather than a guessed one.
 */
export const HOUSEHOLD_SQL = `
WITH homes AS (
  SELECT nm_last, nm_first_canon, ad_number, ad_street, ad_postcode FROM address_of_record
  WHERE ad_number IS NOT NULL AND ad_street IS NOT NULL AND ad_postcode IS NOT NULL
),
by_address AS (SELECT count(*) AS n FROM homes GROUP BY ad_number, ad_street, ad_postcode),
by_address_surname AS (
  SELECT count(*) AS n FROM homes WHERE nm_last IS NOT NULL GROUP BY nm_last, ad_number, ad_street, ad_postcode
),
by_address_given_name AS (
  SELECT count(*) AS n FROM homes WHERE nm_first_canon IS NOT NULL
  GROUP BY nm_first_canon, ad_number, ad_street, ad_postcode
),
address_pairs AS (SELECT coalesce(sum(n * (n - 1) / 2), 0) + 1 AS pairs FROM by_address),
suffixed AS (
  SELECT count(*) FILTER (WHERE nm_suffix IS NOT NULL) / greatest(count(*), 1) AS share FROM address_of_record
)
SELECT coalesce((SELECT sum(n * (n - 1) / 2) FROM by_address_surname), 0) / (SELECT pairs FROM address_pairs) AS surname,
  greatest(
    coalesce((SELECT sum(n * (n - 1) / 2) FROM by_address_given_name), 0) / (SELECT pairs FROM address_pairs),
    (SELECT share FROM suffixed)) AS given_name`;

/**
 * Given name and address are not independent either: a father and a son of one name live at one
 * address (JR and SR, often written without the suffix). Reasoning as for the surname, at one
 * address the given name weighs at most −log2(given-name share): the odds that a household
 * member, rather than the person, is the one whose given name the request shows. A namesake
 * son who never filed is invisible in the reference, but a generational suffix (JR, SR, II…)
 * says a namesake exists; so the share of taxpayers carrying one is a floor for the given-name
 * share (it overstates the per-pair share by about the household size less one: cautious).
 */
export const GIVEN_NAME_AGREES_FROM = agreesFrom('first_name');

/**
 * Middle name, given name and address are not independent either: a son named for his father
 * carries the father's middle name too. So where the given name already agrees at one home, an
 * agreeing middle name is what a namesake shows as well, and adds no evidence (weight at most 0);
 * a middle name that disagrees still counts against. Levels from "given and middle swapped" up
 * are agreement.
 */
export const MIDDLE_NAME_AGREES_FROM = agreesFrom('middle_name');

/**
 * Surname levels from "Jaro-Winkler ≥ 0.88" up are agreement of some kind, which a household
 * member shows as often as the person (a typo in the request hits both alike).
 */
export const SURNAME_AGREES_FROM = agreesFrom('last_name');
/** Address levels from "same street in the same place" up already agree on the place (postcode or city). */
export const CITY_IMPLIED_FROM = level('address', 'same street');
/** Address levels from "same number and street in the same place" up are one home. */
export const SAME_HOME_FROM = agreesFrom('address');

/**
 * A generational suffix on one side only (a request for JUSTIN KIM SR, a taxpayer JUSTIN KIM)
 * says that a namesake exists, and at one address that namesake is the other half of a father and
 * son: the given name then fits either of them equally, so there it weighs at most 0, whatever
 * the household share.
 */
export const SUFFIX_ON_ONE_SIDE = level('suffix', 'on one side only');
/** DOB levels from "year slipped, one side 100 or older" up agree: one birth date, slips allowed. */
export const DOB_AGREES_FROM = agreesFrom('dob');
/**
 * A date written as a placeholder for a day and month unknown (January 1st, mid-year) agrees as far
 * as it is known: the year. That rules out the namesake a generation apart as well as the whole
 * date does, so the given and middle names are not held to the household share there either.
 */
const DOB_PLACEHOLDERS = [
  level('dob', 'year of a placeholder date'),
  level('dob', 'year of a mid-year placeholder date'),
];

/**
 * A field's weight with the household corrections above applied: `weight` is log(m/u) in the
 * base of `log`, the lv_* arguments are the pair's level columns, `shares` the SQL expressions of
 * the surname and given-name shares. The one definition both EM (train-model.ts) and the scoring
 * (score-candidates.ts) use, so that the model is trained as it decides.
 */
export function householdWeightSql(input: {
  field: string;
  weight: string;
  log: 'ln' | 'log2';
  level: string;
  lvAddress: string;
  lvFirstName: string;
  lvSuffix: string;
  lvDob: string;
  shares: { surname: string; givenName: string };
}): string {
  const { field, weight, log, level, lvAddress, lvFirstName, lvSuffix, lvDob, shares } = input;
  // A date of birth that agrees (or a placeholder's year) rules out the namesake and the
  // co-resident sharing a given name (a father and son are a generation apart): the given and
  // middle names then weigh as they do anywhere. The surname stays capped: a twin shares both
  // birthday and surname.
  const atHome = `${lvAddress} >= ${SAME_HOME_FROM}`;
  const atHomeDobSilent = `${atHome} AND NOT (${lvDob} >= ${DOB_AGREES_FROM} OR ${lvDob} IN (${DOB_PLACEHOLDERS.join(', ')}))`;
  if (field === 'last_name')
    return `CASE WHEN ${level} >= ${SURNAME_AGREES_FROM} AND ${atHome} AND ${shares.surname} > 0
      THEN least(${weight}, -${log}(${shares.surname})) ELSE ${weight} END`;
  if (field === 'first_name')
    return `CASE WHEN ${level} >= ${GIVEN_NAME_AGREES_FROM} AND ${atHomeDobSilent} AND ${lvSuffix} = ${SUFFIX_ON_ONE_SIDE}
        THEN least(${weight}, 0)
      WHEN ${level} >= ${GIVEN_NAME_AGREES_FROM} AND ${atHomeDobSilent} AND ${shares.givenName} > 0
        THEN least(${weight}, -${log}(${shares.givenName}))
      ELSE ${weight} END`;
  if (field === 'middle_name')
    return `CASE WHEN ${level} >= ${MIDDLE_NAME_AGREES_FROM} AND ${lvFirstName} >= ${GIVEN_NAME_AGREES_FROM} AND ${atHomeDobSilent}
      THEN least(${weight}, 0) ELSE ${weight} END`;
  return weight;
}

/**
 * The co-resident bound. A candidate at the requested home may not be the person asked about but
 * someone living with them who never filed — a namesake son, a twin, a spouse — whom the reference
 * cannot show. Against that alternative the candidate's fields are judged by how co-residents
 * resemble each other (u among co-residents, u-estimation.ts) instead of how strangers do: the
 * odds that the request is about such a co-resident rather than the candidate are
 *   ρ = κ / π × Π over person fields of u_home(level) / m(level),
 * κ / π the odds that a request is about a co-resident who never filed rather than a filer. κ is
 * estimated by EM with this alternative in its E step (em.ts), so that co-residents are counted
 * neither as persons found nor as strangers; where EM cannot tell, κ is 1 − π, every non-filer
 * counted as a co-resident of some filer (model-plausibility.ts). A candidate's identity
 * probability is then at most 1 / (1 + ρ). The name and address alone (no DOB or TIN) leave ρ at
 * about κ / π times the share of co-residents sharing a given name; a given name that
 * differs where the DOB agrees (twins) weighs the given-name disagreement against how rarely
 * co-residents share a birthday; a TIN that agrees rules every co-resident out.
 */
export const CO_RESIDENT_FIELDS: readonly ComparisonField[] = [
  'first_name',
  'middle_name',
  'last_name',
  'suffix',
  'dob',
  'tin',
];

/** Below this many co-resident pairs in the reference, how co-residents resemble each other is not estimated. */
export const MIN_CO_RESIDENT_PAIRS = 100;

type Parameters = Record<string, Record<string, number>>;

/**
 * Given name and date of birth are judged jointly against co-residents, because among them the
 * two are anything but independent: a namesake is a generation apart (father and son share the
 * name, never the birthday), a twin shares the birthday, never the name. Multiplying the two
 * marginal shares would say a co-resident who shows a similar given name AND a date a day off is
 * merely unlikely twice over; the co-resident pairs of the reference say how often it happens at
 * all. The pair's cell is first-name level × JOINT_LEVEL_RADIX + DOB level.
 */
export const JOINT_LEVEL_RADIX = 16;
export const GIVEN_NAME_AND_DOB: readonly [ComparisonField, ComparisonField] = ['first_name', 'dob'];

/** How much likelier a co-resident shows a level than the person, in bits, per field and jointly. */
export interface CoResidentBits {
  /** log2(u_home / m) per person field and level. */
  byField: Map<ComparisonField, Map<number, number>>;
  /**
   * log2(u_home(first, dob) / (m_first × m_dob)) per joint cell (JOINT_LEVEL_RADIX), where both
   * are compared; empty when not estimated (then the marginal terms apply).
   */
  givenNameAndDob: Map<number, number>;
}

/**
 * DOB levels that are a slip of the writing, not a relation between two people: a date mistyped
 * (a digit, a day, a decade — or decades, to an age of 100 or more — day and month swapped) or
 * written as a placeholder for a day and month unknown. Among co-residents, whose dates of the
 * reference are as each filed them, such a level arises only by coincidence (a sibling born on the
 * same day ten years later), which no more depends on the given names than any two dates do; and a
 * request about a co-resident who never filed is written with the same slips as one about a filer,
 * so the twin whom the exact date cannot exclude shows up at these levels as often as the slip
 * itself. Each column maps to the relations its slip is written from: the same date (a twin), or
 * for a placeholder any date of that year.
 */
const DOB_SLIPS: ReadonlyMap<number, readonly number[]> = new Map<number, readonly number[]>([
  ...[
    'year slipped, one side 100 or older',
    'year slipped',
    'one part off by one',
    'one digit off',
    'day and month swapped',
  ].map((name): [number, readonly number[]] => [level('dob', name), [topLevel('dob')]]),
  ...['year of a placeholder date', 'year of a mid-year placeholder date'].map(
    (name): [number, readonly number[]] => [level('dob', name), [topLevel('dob'), level('dob', 'same year')]],
  ),
]);

/**
 * u among co-residents of given-name level `given` and a DOB slip `dob` (DOB_SLIPS): the twin or
 * same-year relative written with that slip — u of the cell the slip is written from times m of
 * the slip, how often a request's date shows it — plus the coincidence, as the co-resident pairs
 * show it; where none shows it, at most what the two margins alone predict (an empty cell's half
 * pair is otherwise the whole estimate, which weighs a rare name level and a slip as together no
 * rarer than any empty cell).
 */
function slipCellU(
  given: number,
  dob: number,
  from: readonly number[],
  input: { m: Parameters; uHome: Parameters; joint: Record<string, number>; shown?: Record<string, number> },
): number | undefined {
  const cell = (g: number, d: number) => String(g * JOINT_LEVEL_RADIX + d);
  const own = input.joint[cell(given, dob)];
  if (own === undefined) return undefined;
  const [givenField, dobField] = GIVEN_NAME_AND_DOB;
  const margins =
    (input.uHome[givenField]?.[String(given)] ?? 0) * (input.uHome[dobField]?.[String(dob)] ?? 0);
  const coincidence =
    input.shown && !(input.shown[cell(given, dob)] ?? 0) && margins > 0 ? Math.min(own, margins) : own;
  const written =
    (input.m[dobField]?.[String(dob)] ?? 0) *
    from.reduce((sum, d) => sum + (input.joint[cell(given, d)] ?? 0), 0);
  return coincidence + written;
}

/**
 * log2(u_home / m) per person field and level, and for given name × DOB jointly. `shownGivenNameAndDob`,
 * the co-resident pairs per joint cell, tells an empty cell (its u only the prior's half pair) from
 * one the pairs show; without it every cell is taken as shown.
 */
export function coResidentBits(
  m: Parameters,
  uHome: Parameters,
  uHomeGivenNameAndDob: Record<string, number> = {},
  shownGivenNameAndDob?: Record<string, number>,
): CoResidentBits {
  const byField = new Map<ComparisonField, Map<number, number>>();
  for (const field of CO_RESIDENT_FIELDS) {
    const levels = new Map<number, number>();
    for (const [code, u] of Object.entries(uHome[field] ?? {})) {
      const mLevel = m[field]?.[code];
      if (mLevel && mLevel > 0 && u > 0) levels.set(Number(code), Math.log2(u / mLevel));
    }
    byField.set(field, levels);
  }
  const [given, dob] = GIVEN_NAME_AND_DOB;
  const givenNameAndDob = new Map<number, number>();
  for (const [cell, cellU] of Object.entries(uHomeGivenNameAndDob)) {
    const code = Number(cell);
    const [givenLevel, dobLevel] = [Math.floor(code / JOINT_LEVEL_RADIX), code % JOINT_LEVEL_RADIX];
    const mGiven = m[given]?.[String(givenLevel)];
    const mDob = m[dob]?.[String(dobLevel)];
    const from = DOB_SLIPS.get(dobLevel);
    const u = from
      ? (slipCellU(givenLevel, dobLevel, from, {
          m,
          uHome,
          joint: uHomeGivenNameAndDob,
          shown: shownGivenNameAndDob,
        }) ?? cellU)
      : cellU;
    if (mGiven && mDob && mGiven > 0 && mDob > 0 && u > 0)
      givenNameAndDob.set(code, Math.log2(u / (mGiven * mDob)));
  }
  return { byField, givenNameAndDob };
}

/**
 * SQL: log2 of how much likelier a co-resident than the candidate `c` shows the pair's person
 * fields, Σ log2(u_home / m) (given name and DOB jointly where estimated); NULL where the candidate
 * is not at the requested home (no co-resident alternative there). `bits` from coResidentBits.
 */
export function coResidentLog2Sql(c: string, bits: CoResidentBits): string {
  return `CASE WHEN ${c}.lv_address >= ${SAME_HOME_FROM} THEN ${coResidentTermsSql(c, bits)} END`;
}

/**
 * SQL: the odds that the request is about someone living with candidate `c` who never filed rather
 * than about `c`, ρ = 2^priorBits × Π u_home / m (priorBits = log2(κ / π)); NULL away from the
 * requested home.
 */
export function coResidentOddsSql(c: string, bits: CoResidentBits, priorBits: number): string {
  return `CASE WHEN ${c}.lv_address >= ${SAME_HOME_FROM}
    THEN pow(2, least(1000, ${String(priorBits)}::DOUBLE + ${coResidentTermsSql(c, bits)})) END`;
}

/** Σ log2(u_home / m) over the person fields of candidate `c`, wherever it lives. */
function coResidentTermsSql(c: string, bits: CoResidentBits): string {
  const term = (field: ComparisonField) => {
    const levels = bits.byField.get(field);
    return levels?.size
      ? `CASE ${c}.lv_${field} ${[...levels].map(([code, b]) => `WHEN ${code} THEN ${String(b)}::DOUBLE`).join(' ')} ELSE 0 END`
      : '0';
  };
  const [given, dob] = GIVEN_NAME_AND_DOB;
  const marginal = `${term(given)} + ${term(dob)}`;
  const givenAndDob = bits.givenNameAndDob.size
    ? `CASE WHEN ${c}.lv_${given} > 0 AND ${c}.lv_${dob} > 0
        THEN CASE ${c}.lv_${given} * ${JOINT_LEVEL_RADIX} + ${c}.lv_${dob} ${[...bits.givenNameAndDob].map(([code, b]) => `WHEN ${code} THEN ${String(b)}::DOUBLE`).join(' ')} ELSE ${marginal} END
        ELSE ${marginal} END`
    : marginal;
  // A TIN that agrees rules co-residents out only where the given name agrees too: files carry a
  // relative's TIN (MARIA's request with MARIO's TIN, both of one home), which no pair of filers
  // in the reference shows, so against a given name that merely resembles the TIN says nothing.
  const terms = [...bits.byField.keys()]
    .filter((field) => field !== given && field !== dob)
    .map((field) =>
      field === 'tin'
        ? `CASE WHEN ${c}.lv_${given} >= ${GIVEN_NAME_AGREES_FROM} THEN ${term(field)} ELSE 0 END`
        : term(field),
    );
  return `((${givenAndDob}) + ${terms.join(' + ') || '0'})`;
}

/**
 * SQL: the most the identity probability of candidate `c` may be under the co-resident bound
 * (1 where the candidate is not at the requested home): 1 / (1 + ρ), ρ = κ / π × Π u_home / m, κ
 * the share of requests about a co-resident who never filed (at most 1 − π, its default: every
 * non-filer counted as someone's co-resident).
 */
export function coResidentBoundSql(
  c: string,
  bits: CoResidentBits,
  personFound: number,
  coResidentShare = 1 - personFound,
): string {
  if (!(personFound > 0) || personFound >= 1 || !(coResidentShare > 0)) return '1';
  const priorBits = Math.log2(coResidentShare / personFound);
  return `CASE WHEN ${c}.lv_address >= ${SAME_HOME_FROM}
    THEN 1 / (1 + pow(2, least(1000, ${String(priorBits)}::DOUBLE + ${coResidentTermsSql(c, bits)}))) ELSE 1 END`;
}

/** How often two different people at one address share a surname, and a given name (0 = no correction). */
export interface HouseholdShares {
  surname: number;
  givenName: number;
}

export async function householdShares(store: Store): Promise<HouseholdShares> {
  const [row] = await store.all<{ surname: number | null; given_name: number | null }>(HOUSEHOLD_SQL);
  return { surname: row?.surname ?? 0, givenName: row?.given_name ?? 0 };
}
