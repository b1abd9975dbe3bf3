import type { BlockingPass, Refinement } from './blocking-sql.ts';

/**
 * Blocking: which (request, taxpayer) pairs get compared at all. A union of passes, each a join on
 * a key that the true pair very likely shares even when other fields are corrupted; a pair found
 * by any pass is a candidate. Keys are SQL list expressions (a request or reference row may give
 * several keys, e.g. either of two surnames) over the alias `r` (request) or `f` (reference row).
 *
 * Which keys a pass joins on is decided from the data: a key shared by more than
 * MAX_BLOCK_TAXPAYERS taxpayers (SMITH in a large ZIP3; JOHN SMITH; a date of birth in a national
 * file) is refined by one more field — each of the pass's alternatives for that level, so that a
 * typo in one of them still leaves another — until its blocks are small enough. A request thus
 * meets at most MAX_BLOCK_TAXPAYERS taxpayers per key, at any reference size, and the common
 * key still finds its pair through the finer one instead of being skipped. A request has dozens of
 * keys, though, and as the reference grows each block fills towards the limit: so the keys a
 * request joins are chosen too, rarest first, until REQUEST_BUDGET taxpayers are spent.
 */

/**
 * The most taxpayers one key may join a request with. It bounds the work per request by
 * 16 × the request's keys, whatever the size of the reference; in practice to a few dozen
 * candidate pairs, since the passes overlap. Why 16: measured on FEBRL4, `ddesk synth` at 0.1 and
 * 1 million reference rows and six independent folders (README, Benchmarks), pair completeness was
 * the same at 16 as at 32 (and as at 200 with too-common keys dropped, where it was not higher),
 * while candidate pairs at 1 million rows were 61 per request against 101 at 32. A smaller block
 * means more refining, and each refinement is one more field that may be mistyped; the
 * alternatives per level are what keep a mistyped field from losing the pair.
 */
export const MAX_BLOCK_TAXPAYERS = 16;

/**
 * The taxpayers a request's joined keys may hold before its next (more common) key is left out,
 * rarest key first (REQUEST_BUDGET_SQL). Why 32, measured with scripts/scale-blocking.ts on
 * `ddesk synth --seed 5` at 0.1 and 1 million reference rows (docs/scale.md): candidate pairs per
 * request 14.1 and 15.1 (27.2 and 58.7 with the block limit alone, growing with the reference);
 * pair completeness 1.0000 and 0.99993 (4 of 57,586 true links lost, all requests whose address
 * had changed, answered NOT_CONFIRMED either way); 16 lost 14 and 48 lost 2 at 24.3 pairs. `ddesk
 * bench` on both folders: 0 wrongful disclosures and the same recall as without the budget.
 */
export const REQUEST_BUDGET = 32;

const key = (...parts: string[]) => parts.join(` || '|' || `);
const zip3 = (alias: string) => `left(${alias}.ad_postcode, 3)`;
const year = (alias: string) => `left(${alias}.n_dob, 4)`;
/**
 * A request's date of birth as written and, where the day could be a month, with month and day
 * swapped (1965-10-01 for 1965-01-10): US and foreign records write dates in either order.
 */
const dobAsWrittenOrSwapped = `list_distinct([r.n_dob, CASE WHEN substr(r.n_dob, 9, 2) BETWEEN '01' AND '12'
  THEN left(r.n_dob, 5) || substr(r.n_dob, 9, 2) || '-' || substr(r.n_dob, 6, 2) END])`;
const monthDay = (alias: string) => `substr(${alias}.n_dob, 6, 5)`;
/** The first five and the last four digits of the TIN, each with either surname's or the given name's sound. */
const tinPartsWith = (alias: string) =>
  `flatten(list_transform([left(${alias}.n_tin, 5), right(${alias}.n_tin, 4)], t -> [${['nm_last_phon', 'nm_last2_phon', 'nm_first_phon'].map((c) => key('t', `${alias}.${c}`)).join(', ')}]))`;
/**
 * Keys of a given name with another part: one per formal name the given name may stand for, so
 * that ALEX meets ALEJANDRO and ALEXANDER (rows stored before migration 030 fall back to the canonical form).
 */
const givenWith = (alias: string, other: string) =>
  `list_transform(string_split(coalesce(${alias}.nm_first_forms, ${alias}.nm_first_canon), ' '), g -> ${key('g', other)})`;

/** The refinements: fields that split a common key and that a true pair usually shares. */
const by = {
  zip3: { tag: 'z', values: (a) => [zip3(a)] },
  birthYear: { tag: 'y', values: (a) => [year(a)] },
  birthDecade: { tag: 'd', values: (a) => [`left(${a}.n_dob, 3)`] },
  givenInitial: { tag: 'g', values: (a) => [`left(${a}.nm_first, 1)`] },
  surnameInitial: { tag: 's', values: (a) => [`left(${a}.nm_last1, 1)`, `left(${a}.nm_last2, 1)`] },
  surnamePhonetic: { tag: 'p', values: (a) => [`${a}.nm_last_phon`, `${a}.nm_last2_phon`] },
  middleInitial: { tag: 'm', values: (a) => [`left(${a}.nm_middle, 1)`] },
  houseNumber: { tag: 'n', values: (a) => [`${a}.ad_number`] },
  unit: { tag: 'u', values: (a) => [`${a}.ad_unit`] },
  city: { tag: 'c', values: (a) => [`${a}.ad_city`] },
  state: { tag: 't', values: (a) => [`${a}.ad_state`] },
} satisfies Record<string, Refinement>;

/** Places and dates are refined by the initials of the name, then by age or ZIP3. */
const BY_NAME = [
  [by.givenInitial, by.surnameInitial],
  [by.birthYear, by.zip3],
];

export const BLOCKING_PASSES: readonly BlockingPass[] = [
  {
    name: 'tin',
    requestKeys: '[r.n_tin]',
    referenceKeys: '[f.n_tin]',
    refinements: [[by.surnameInitial, by.givenInitial]],
  },
  {
    name: 'surname_phonetic+zip3',
    requestKeys: `[${key('r.nm_last_phon', zip3('r'))}, ${key('r.nm_last2_phon', zip3('r'))}]`,
    referenceKeys: `[${key('f.nm_last_phon', zip3('f'))}, ${key('f.nm_last2_phon', zip3('f'))}]`,
    refinements: [
      [by.givenInitial, by.birthYear],
      [by.houseNumber, by.middleInitial],
    ],
  },
  {
    // The request's keys include given name and surname swapped, so a swapped request still meets its taxpayer.
    name: 'given+surname_either_order',
    requestKeys: `list_concat(${givenWith('r', 'r.nm_last1')}, ${givenWith('r', 'r.nm_last2')}, [${key('r.nm_last1', "split_part(r.nm_first, ' ', 1)")}])`,
    referenceKeys: `list_concat(${givenWith('f', 'f.nm_last1')}, ${givenWith('f', 'f.nm_last2')})`,
    refinements: [
      [by.zip3, by.birthYear, by.city],
      [by.middleInitial, by.houseNumber],
    ],
  },
  {
    // No place at all: finds a person whose address and date of birth both changed; a common name
    // is refined by the middle initial or the state before anything that moves.
    name: 'given+surname_phonetic',
    requestKeys: `list_concat(${givenWith('r', 'r.nm_last_phon')}, ${givenWith('r', 'r.nm_last2_phon')})`,
    referenceKeys: `list_concat(${givenWith('f', 'f.nm_last_phon')}, ${givenWith('f', 'f.nm_last2_phon')})`,
    refinements: [
      [by.middleInitial, by.state, by.birthYear],
      [by.zip3, by.birthYear],
    ],
  },
  {
    name: 'given_phonetic+birth_year',
    requestKeys: `[${key('r.nm_first_phon', year('r'))}]`,
    referenceKeys: `[${key('f.nm_first_phon', year('f'))}]`,
    refinements: [
      [by.surnameInitial, by.zip3],
      [by.middleInitial, by.state],
    ],
  },
  {
    // An apartment building is one number and street: its residents are told apart by name or unit.
    name: 'house_number+street+postcode',
    requestKeys: `[${key('r.ad_number', 'r.ad_street', 'r.ad_postcode')}]`,
    referenceKeys: `[${key('f.ad_number', 'f.ad_street', 'f.ad_postcode')}]`,
    refinements: [
      [by.surnamePhonetic, by.givenInitial, by.unit],
      [by.givenInitial, by.birthYear],
    ],
  },
  {
    name: 'surname_phonetic+dob',
    requestKeys: `flatten(list_transform(${dobAsWrittenOrSwapped}, d -> [${key('r.nm_last_phon', 'd')}, ${key('r.nm_last2_phon', 'd')}]))`,
    referenceKeys: `[${key('f.nm_last_phon', 'f.n_dob')}, ${key('f.nm_last2_phon', 'f.n_dob')}]`,
    refinements: [[by.zip3, by.givenInitial], [by.state]],
  },
  {
    // A mover keeps the date of birth; a typo-ridden name keeps the postcode.
    name: 'dob+postcode',
    requestKeys: `[${key('r.n_dob', 'r.ad_postcode')}]`,
    referenceKeys: `[${key('f.n_dob', 'f.ad_postcode')}]`,
    refinements: BY_NAME,
  },
  {
    name: 'dob+city',
    requestKeys: `[${key('r.n_dob', 'r.ad_city')}]`,
    referenceKeys: `[${key('f.n_dob', 'f.ad_city')}]`,
    refinements: BY_NAME,
  },
  {
    // A mistyped postal code leaves the number and street.
    name: 'house_number+street',
    requestKeys: `[${key('r.ad_number', 'r.ad_street')}]`,
    referenceKeys: `[${key('f.ad_number', 'f.ad_street')}]`,
    refinements: [
      [by.zip3, by.city, by.surnameInitial],
      [by.givenInitial, by.surnameInitial],
    ],
  },
  {
    // The house number and postal code survive a misspelt or reformatted street name.
    name: 'house_number+postcode',
    requestKeys: `[${key('r.ad_number', 'r.ad_postcode')}]`,
    referenceKeys: `[${key('f.ad_number', 'f.ad_postcode')}]`,
    refinements: BY_NAME,
  },
  {
    // A misspelt surname and a missing date of birth leave the given name and the postal code.
    name: 'given+postcode',
    requestKeys: givenWith('r', 'r.ad_postcode'),
    referenceKeys: givenWith('f', 'f.ad_postcode'),
    refinements: [
      [by.surnameInitial, by.birthYear],
      [by.houseNumber, by.middleInitial],
    ],
  },
  {
    // A wrong or missing house number leaves the street and the postal code.
    name: 'street+postcode',
    requestKeys: `[${key('r.ad_street', 'r.ad_postcode')}]`,
    referenceKeys: `[${key('f.ad_street', 'f.ad_postcode')}]`,
    refinements: BY_NAME,
  },
  {
    // The date of birth alone, in a reference small enough; in a larger one, with either initial,
    // the house number or the ZIP3 — a person whose name and address were both rewritten keeps it.
    name: 'dob',
    requestKeys: dobAsWrittenOrSwapped,
    referenceKeys: '[f.n_dob]',
    refinements: [
      [by.givenInitial, by.surnameInitial, by.houseNumber, by.zip3],
      [by.givenInitial, by.surnameInitial, by.city],
    ],
  },
  {
    // A misspelt surname keeps its initial; swapped names keep the given name as a surname.
    name: 'given+surname_initial',
    requestKeys: `list_concat(${givenWith('r', 'left(r.nm_last1, 1)')}, ${givenWith('r', 'left(r.nm_last2, 1)')}, [${key('r.nm_last1', 'left(r.nm_first, 1)')}])`,
    referenceKeys: `list_concat(${givenWith('f', 'left(f.nm_last1, 1)')}, ${givenWith('f', 'left(f.nm_last2, 1)')})`,
    refinements: [
      [by.zip3, by.birthYear, by.city],
      [by.houseNumber, by.middleInitial, by.state],
    ],
  },
  {
    // No given name and a misspelt address: the start of the surname and the city.
    name: 'surname_prefix+city',
    requestKeys: `[${key('left(r.nm_last1, 3)', 'r.ad_city')}, ${key('left(r.nm_last2, 3)', 'r.ad_city')}]`,
    referenceKeys: `[${key('left(f.nm_last1, 3)', 'f.ad_city')}, ${key('left(f.nm_last2, 3)', 'f.ad_city')}]`,
    refinements: [
      [by.givenInitial, by.birthYear],
      [by.houseNumber, by.surnamePhonetic],
    ],
  },
  {
    // A changed surname (marriage) and a misspelt street: the given name and the city.
    name: 'given+city',
    requestKeys: givenWith('r', 'r.ad_city'),
    referenceKeys: givenWith('f', 'f.ad_city'),
    refinements: [
      [by.surnameInitial, by.birthYear],
      [by.houseNumber, by.middleInitial],
    ],
  },
  // A mistyped date of birth keeps two of its three parts: the surname with the year finds a wrong
  // month or day, with the month and day a wrong year; the given name with month and day finds a
  // married woman whose surname changed.
  {
    name: 'surname_phonetic+birth_year',
    requestKeys: `[${key('r.nm_last_phon', year('r'))}, ${key('r.nm_last2_phon', year('r'))}]`,
    referenceKeys: `[${key('f.nm_last_phon', year('f'))}, ${key('f.nm_last2_phon', year('f'))}]`,
    refinements: [
      [by.givenInitial, by.zip3],
      [by.middleInitial, by.state],
    ],
  },
  {
    name: 'surname_phonetic+birth_month_day',
    requestKeys: `[${key('r.nm_last_phon', monthDay('r'))}, ${key('r.nm_last2_phon', monthDay('r'))}]`,
    referenceKeys: `[${key('f.nm_last_phon', monthDay('f'))}, ${key('f.nm_last2_phon', monthDay('f'))}]`,
    refinements: [[by.givenInitial, by.zip3, by.birthDecade]],
  },
  {
    name: 'given+birth_month_day',
    requestKeys: givenWith('r', monthDay('r')),
    referenceKeys: givenWith('f', monthDay('f')),
    refinements: [
      [by.surnameInitial, by.zip3, by.birthDecade],
      [by.middleInitial, by.state],
    ],
  },
  {
    // A mistyped TIN keeps its first five or its last four digits; with a name it is still rare.
    name: 'tin_part+name',
    requestKeys: tinPartsWith('r'),
    referenceKeys: tinPartsWith('f'),
    refinements: [[by.givenInitial, by.birthYear]],
  },
];
