import { COMMON_TYPE_SPELLINGS } from '../address/street-words.ts';
import { SURNAME_PARTICLES } from './normalize/person-name.ts';
import { nicknamesByFormalName } from './normalize/nicknames.ts';
import {
  comparison,
  levelCaseSql,
  levelLookups,
  type Comparison,
  type ComparisonLevel,
  type FrequencyTableName,
} from './comparison-level.ts';

/**
 * The desk's comparisons: per field, its levels in code order (comparison-level.ts). What each level
 * is worth is not set here: u comes from random pairs and term frequencies (u-estimation.ts), m from
 * EM and TIN anchors (train-model.ts).
 *
 * Jaro–Winkler bands 0.92 / 0.88 are Splink's NameComparison defaults (Splink 4,
 * comparison_library.NameComparison); the cut points only set the resolution, since every band
 * gets its own learned weight.
 */
export const COMPARISON_FIELDS = [
  'first_name',
  'middle_name',
  'last_name',
  'suffix',
  'dob',
  'tin',
  'address',
  'city',
] as const;
export type ComparisonField = (typeof COMPARISON_FIELDS)[number];

const JW_HIGH = 0.92;
const JW_LOW = 0.88;

const jw = (a: string, b: string) => `jaro_winkler_similarity(${a}, ${b})`;

/**
 * Damerau–Levenshtein distance within one edit (`<= 1`) or exactly one (`= 1`), with the Levenshtein
 * distance read first: DuckDB's damerau_levenshtein costs several times levenshtein, and as a
 * transposition is two Levenshtein edits (Levenshtein ≤ 2 × Damerau–Levenshtein ≤ 2 × Levenshtein),
 * two strings within one edit are at most two Levenshtein edits apart, and only at exactly two can a
 * transposition make them one. The same answer for every pair (NULL where either side is NULL), as
 * comparison-levels.test.ts checks against damerau_levenshtein itself.
 */
export const damerauWithinOne = (a: string, b: string, exactly: '<= 1' | '= 1' = '<= 1') =>
  `(CASE WHEN levenshtein(${a}, ${b}) = 2 THEN damerau_levenshtein(${a}, ${b}) = 1 ELSE levenshtein(${a}, ${b}) ${exactly} END)`;

/**
 * `cheap AND costly`, with `costly` evaluated only where `cheap` is not false. DuckDB evaluates
 * both operands of an AND for every row wherever the AND is not itself a CASE's WHEN (under a NOT,
 * inside a function or another CASE's value); a CASE evaluates a branch only for the rows it
 * applies to. The same value in three-valued logic: `costly` where `cheap` is true, false where it
 * is false, and the AND itself where it is NULL.
 */
const andAlso = (cheap: string, costly: string) =>
  `(CASE WHEN ${cheap} THEN ${costly} WHEN NOT (${cheap}) THEN false ELSE (NULL AND (${costly})) END)`;

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Name fields as one text, space-separated, a missing field adding nothing: `nameText('r.nm_first', 'r.nm_middle')`. */
const nameText = (...fields: string[]) =>
  fields.length === 1 ? (fields[0] ?? 'NULL') : `concat_ws(' ', ${fields.join(', ')})`;
/** A name text with its spaces left out. */
const runTogether = (text: string) => `replace(${text}, ' ', '')`;
/** Some word of the texts is a single letter: an initial run onto a name (ANN E, JOHN A) is no syllable of it. */
const hasInitial = (a: string, b: string) => `regexp_matches(${a} || ' ' || ${b}, '(^| )[A-Z]( |$)')`;
/**
 * Two name texts (nameText) are the same letters with the spaces left out, in the order written
 * (JIWOO and JI WOO: the syllables of a Korean or Chinese given name run together; the normalizer
 * already reads JI-WOO as JI WOO). No word an initial: ANN E (ANN, her middle initial) is not ANNE,
 * her sister.
 */
const sameLettersInOrder = (a: string, b: string) =>
  `(${runTogether(a)} = ${runTogether(b)} AND NOT ${hasInitial(a, b)})`;
/**
 * Two name texts are the same words in another order, spaced or run together (VAN AN and AN VAN,
 * THI LAN and LAN THI: a Vietnamese middle name written before the given name, as the name is said,
 * or after it). The words must be as written: a letter that differs makes another name (JI WOO and
 * JI HO, siblings). As many letters first: a test of two lengths rules out most pairs before the
 * words are split and sorted.
 */
const sameWordsOtherOrder = (a: string, b: string) =>
  `(length(${runTogether(a)}) = length(${runTogether(b)})
    AND (list_sort(string_split(${a}, ' ')) = list_sort(string_split(${b}, ' '))
      OR (${runTogether(a)} = array_to_string(list_reverse(string_split(${b}, ' ')), '') AND NOT ${hasInitial(a, b)})))`;
/** sameLettersInOrder or sameWordsOtherOrder: one name written otherwise. */
const sameNameWords = (a: string, b: string) =>
  `(${sameLettersInOrder(a, b)} OR ${sameWordsOtherOrder(a, b)})`;

/** Each formal given name's nicknames (nicknames.ts), as a SQL map from the formal name to a list. */
const NICKNAMES_OF_FORMAL_SQL = `MAP {${[...nicknamesByFormalName()]
  .map(([formal, names]) => `${sqlText(formal)}: [${names.map(sqlText).join(', ')}]`)
  .join(', ')}}`;
/** The nicknames of `x`'s formal given name (an empty list for a name the table does not know). */
export const nicknamesOf = (x: string) =>
  `coalesce(${NICKNAMES_OF_FORMAL_SQL}[${x}.nm_first_canon], []::VARCHAR[])`;

/** A token is the first given name of `given` (a typo allowed), or its initial, or `given` is the token's initial. */
const nameOrInitialOf = (token: string, given: string) =>
  `(${jw(token, `split_part(${given}, ' ', 1)`)} >= ${JW_LOW} OR (length(${token}) = 1 AND ${token} = left(${given}, 1))
    OR (length(${given}) = 1 AND ${given} = left(${token}, 1)))`;

/** Jaro–Winkler level of a name field (no term frequency: a typo's frequency is unknown). */
const jaroWinklerLevel = (
  name: string,
  a: string,
  b: string,
  threshold: number,
  kind: ComparisonLevel['kind'],
) =>
  ({ name, label: `Jaro-Winkler ≥ ${threshold}`, kind, condition: `${jw(a, b)} >= ${threshold}` }) as const;

/** Both sides spell the value alike; the agreement weighs by how many taxpayers carry the value. */
const exactLevel = (column: string, frequencyTable: FrequencyTableName): ComparisonLevel => ({
  name: 'exact',
  label: 'exact',
  kind: 'agrees',
  condition: `r.${column} = f.${column}`,
  termFrequency: (count) => count(frequencyTable, `[r.${column}]`),
});

/** Each formal name joined to each of its nicknames (WILLIAM:BILL), as a SQL list. */
const FORMAL_AND_NICKNAME_SQL = `[${[...nicknamesByFormalName()]
  .flatMap(([formal, names]) => names.map((name) => sqlText(`${formal}:${name}`)))
  .join(', ')}]`;
/**
 * The name written family name first where one side also writes its middle name with the given
 * name, as one name (sameNameWords): `a`'s given name is `b`'s surname and middle name (THI LAN,
 * TRAN against TRAN, middle THI, surname LAN), or `a`'s given and middle names are `b`'s surname
 * (JI, middle WOO, KIM against KIM, surname JIWOO). A surname of one word that is a surname particle
 * is dropped by the normalizer (VAN AN in the surname field is AN), which the first-word test reads.
 * NULL, not false, where neither side has a middle name: read only as a level's condition, never
 * negated, so that DuckDB tests it only on the pairs the length test lets through (inside
 * coalesce() it was computed for every pair, doubling the comparison's time).
 */
const GIVEN_WORDS_IN_SURNAME_FIELD = (a: string, b: string) =>
  `((length(${b}.nm_middle) > 1 AND ${sameNameWords(nameText(`${a}.nm_first`), nameText(`${b}.nm_last`, `${b}.nm_middle`))})
    OR (length(${a}.nm_middle) > 1 AND ${sameNameWords(nameText(`${a}.nm_first`, `${a}.nm_middle`), nameText(`${b}.nm_last`))}))`;
/**
 * `a`'s given name is `b`'s surname, or either of its two (LOPEZ, JUAN for JUAN GARCIA LOPEZ: the
 * name swapped and the paternal surname dropped, as the other levels read a surname dropped), a
 * typo allowed.
 */
const givenIsSurnameOf = (a: string, b: string) =>
  `(${jw(`${a}.nm_first`, `${b}.nm_last`)} >= ${JW_LOW}
    OR coalesce(split_part(${a}.nm_first, ' ', 1) IN (${b}.nm_last1, ${b}.nm_last2), false)
    OR ${GIVEN_WORDS_IN_SURNAME_FIELD(a, b)})`;
/** `b`'s surname field holds a nickname of `a`'s given name (KENNY in LEE, KENNY against KENNETH LEE). */
const nicknameIsSurnameOf = (a: string, b: string) =>
  `coalesce(list_contains(${FORMAL_AND_NICKNAME_SQL}, ${a}.nm_first_canon || ':' || ${b}.nm_last), false)`;
/**
 * The name written in the other order (family name first, as East Asian names are: KIM JIHOON for
 * JIHOON KIM): each side's given name is the other's surname, both ways — the given name moved to
 * the surname field may be a nickname of it (LEE, KENNY for KENNETH LEE). The nickname list is
 * read only where the other way already holds.
 */
const NAME_ORDER_SWAPPED = `((${givenIsSurnameOf('r', 'f')} AND (${givenIsSurnameOf('f', 'r')} OR ${nicknameIsSurnameOf('f', 'r')}))
  OR (${givenIsSurnameOf('f', 'r')} AND ${nicknameIsSurnameOf('r', 'f')}))`;
/**
 * One way only: one side's given name is the other's surname, the rest differs. A name moved to
 * the wrong field with the other lost — and also exactly what any co-resident sharing the surname
 * shows when a request gives the family name as the given name (HO PRIYA against XIAO HO). A level
 * of its own, below the full swap, so that what it is worth, and how often co-residents show it,
 * is learned apart.
 */
const NAME_IN_OTHER_FIELD = `(${givenIsSurnameOf('r', 'f')} OR ${givenIsSurnameOf('f', 'r')})`;

/**
 * `x`'s middle-name field holds one of `other`'s surnames: the maternal surname written as a middle
 * name (JUAN, middle LOPEZ, GARCIA for JUAN GARCIA LOPEZ), not a second given name.
 */
const MIDDLE_IS_SURNAME_OF = (x: string, other: string) =>
  `coalesce(${x}.nm_middle IN (${other}.nm_last1, ${other}.nm_last2), false)`;

/**
 * `merged` writes as its given name, with no middle name, what `split` writes as given and middle
 * name, in the same order: spaced, a typo allowed (LUZ MARIA, LUZ, middle MARIA), or run together
 * (JIWOO for JI, middle WOO).
 */
const givenAndMiddleAsOne = (merged: string, split: string) =>
  `(${merged}.nm_middle IS NULL AND length(${split}.nm_middle) > 1
    AND ((contains(${merged}.nm_first, ' ') AND ${jw(`${merged}.nm_first`, `${split}.nm_first || ' ' || ${split}.nm_middle`)} >= ${JW_HIGH})
      OR ${sameLettersInOrder(nameText(`${merged}.nm_first`), nameText(`${split}.nm_first`, `${split}.nm_middle`))}))`;
/**
 * `merged` writes as its given name, with no middle name, the words `split` writes as given and
 * middle name, in the other order (sameWordsOtherOrder: VAN AN for AN, middle VAN; THI LAN for LAN,
 * middle THI).
 */
const givenAndMiddleAsOneOtherOrder = (merged: string, split: string) =>
  `(${merged}.nm_middle IS NULL AND length(${split}.nm_middle) > 1
    AND ${sameWordsOtherOrder(nameText(`${merged}.nm_first`), nameText(`${split}.nm_first`, `${split}.nm_middle`))})`;

/** The given name after its first word (LUIS of JOSE LUIS), or null for a one-word given name. */
const secondGivenOf = (x: string) =>
  `nullif(trim(substr(${x}.nm_first, length(split_part(${x}.nm_first, ' ', 1)) + 1)), '')`;
/**
 * `x` writes one given name and `y` a compound one whose first part is `x`'s (a nickname allowed:
 * JOSE, PEPE against JOSE LUIS), the rest of it nowhere in `x`'s middle name.
 */
const FIRST_PART_ONLY = (x: string, y: string) =>
  andAlso(
    `NOT contains(${x}.nm_first, ' ') AND contains(${y}.nm_first, ' ') AND ${x}.nm_first_canon = ${y}.nm_first_canon`,
    `NOT coalesce(${looselySame(`${x}.nm_middle`, secondGivenOf(y))}, false)`,
  );

/** Given-name particles (DEL CARMEN, DE LOS ANGELES, DE JESUS): a name's main word follows them. */
const GIVEN_PARTICLES_RE = `^((${['DE', 'DEL', 'LA', 'LAS', 'LOS'].join('|')}) )+`;
/**
 * `letter`, one letter, is `name`'s initial, or the initial of its main word (C for DEL CARMEN): never
 * a letter inside it (E for JSE, José mistyped) nor another one-letter name (J and E are two initials).
 */
const initialOf = (letter: string, name: string) =>
  `(${letter} = left(${name}, 1) OR ${letter} = left(regexp_replace(${name}, '${GIVEN_PARTICLES_RE}', ''), 1))`;
/**
 * Two parts of names are loosely the same: a typo apart (Jaro–Winkler ≥ 0.88, or one letter off:
 * MUN for MIN), one inside the other (LUPE in GUADALUPE, MA in MARIA). A one-letter side is an
 * initial and agrees only as the other's (initialOf): a letter is one edit from any other letter,
 * and inside most names.
 */
const looselySame = (a: string, b: string) => {
  // Each side written once into the SQL (they are expressions, often long ones), read by the lambda.
  const [x, y] = ['loose_pair[1]', 'loose_pair[2]'];
  return `list_transform([[${a}, ${b}]], loose_pair -> CASE WHEN length(${x}) = 1 THEN ${initialOf(x, y)}
    WHEN length(${y}) = 1 THEN ${initialOf(y, x)}
    WHEN ${jw(x, y)} >= ${JW_LOW} OR contains(${x}, ${y}) OR contains(${y}, ${x}) THEN true
    ELSE ${damerauWithinOne(x, y)} END)[1]`;
};
/**
 * Both sides give a second given name (in a compound given name, or one side in its middle name)
 * and they differ in a part (JOSE ANGEL against JOSE LUIS, or against JOSE, middle LUIS; MARIA
 * TERESA against ANA MARIA): two names, though they share a word — brothers, sisters, twins
 * are so named. A part misspelt, shortened or reduced to its initial is no conflict. Levels that
 * compare the first word, a shared part or the whole string loosely do not apply across it.
 */
/**
 * A side's second given name: after the first word of its given name, or — where the other side
 * writes a compound given name and no middle name — its middle name's first word: LUZ MARIA against
 * LUZ, middle ELENA, are two names as much as LUZ MARIA against LUZ ELENA (sisters, twins),
 * whichever field each wrote the second name in.
 */
const secondOrMiddleOf = (x: string, other: string) =>
  `coalesce(${secondGivenOf(x)}, CASE WHEN ${secondGivenOf(other)} IS NOT NULL AND ${other}.nm_middle IS NULL
    AND NOT ${MIDDLE_IS_SURNAME_OF(x, other)} THEN nullif(split_part(${x}.nm_middle, ' ', 1), '') END)`;
const [SECOND_R, SECOND_F] = [secondOrMiddleOf('r', 'f'), secondOrMiddleOf('f', 'r')];
const FIRST_WORD_R = "split_part(r.nm_first, ' ', 1)";
const FIRST_WORD_F = "split_part(f.nm_first, ' ', 1)";
/** The two parts agree as written (the first a nickname allowed: BILL HENRY, WILLIAM HENRY), or crossed (MARIA ANA against ANA, middle MARIA). */
const FIRST_WORDS_SAME = `(${looselySame(FIRST_WORD_R, FIRST_WORD_F)} OR r.nm_first_canon = f.nm_first_canon
  OR list_has_any(string_split(r.nm_first_forms, ' '), string_split(f.nm_first_forms, ' ')))`;
const SECOND_GIVEN_DIFFERS = andAlso(
  `${SECOND_R} IS NOT NULL AND ${SECOND_F} IS NOT NULL`,
  `NOT (${FIRST_WORDS_SAME} AND ${looselySame(SECOND_R, SECOND_F)})
  AND NOT (${looselySame(FIRST_WORD_R, SECOND_F)} AND ${looselySame(SECOND_R, FIRST_WORD_F)})`,
);
const unlessSecondGivenDiffers = (condition: string) => `((${condition}) AND NOT ${SECOND_GIVEN_DIFFERS})`;

/** The first part of a compound given name, alone on one side (the level of that name below). */
const FIRST_PART_OF_COMPOUND = unlessSecondGivenDiffers(
  `${FIRST_PART_ONLY('r', 'f')} OR ${FIRST_PART_ONLY('f', 'r')}`,
);
const NOT_FIRST_PART = ` AND NOT ${FIRST_PART_OF_COMPOUND}`;

/**
 * One name's masculine and feminine forms (boy-and-girl twins are so named: one date of birth, one
 * home, one surname, a name one letter apart — two people, which the typo levels would take for one):
 * O and A swapped at the end, either way (MARIO, MARIA; FRANCISCA, FRANCISCO), or the request adding
 * A after the record's final consonant (DANIELA asked, DANIEL on the record; JUANA, JUAN). The record
 * adding it (LAURA on the record, LAUR asked) is read as the typo it far more often is — a final
 * letter dropped — so a brother asked about where his twin sister filed is not caught here. Whole
 * given names: ANNIK A (a space slipped in) against ANNIKA is a typo.
 */
const oSwappedForA = (a: string, b: string) =>
  `(length(${a}) >= 3 AND right(${a}, 1) = 'O' AND ${b} = substr(${a}, 1, length(${a}) - 1) || 'A')`;
const OTHER_SEX_FORMS = `(${oSwappedForA('r.nm_first', 'f.nm_first')} OR ${oSwappedForA('f.nm_first', 'r.nm_first')}
  OR (length(f.nm_first) >= 3 AND r.nm_first = f.nm_first || 'A' AND NOT regexp_matches(f.nm_first, '[AEIOUY ]$')))`;

/** Letters whose keys touch on a QWERTY keyboard (beside each other in a row, or diagonally between rows). */
const KEYBOARD_ROWS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
export const KEYS_TOUCHING: readonly string[] = KEYBOARD_ROWS.flatMap((row, r) =>
  [...row].flatMap((key, i) => {
    const below = KEYBOARD_ROWS[r + 1] ?? '';
    const touching = [row[i + 1], below[i - 1], below[i]].filter((k): k is string => k !== undefined);
    return touching.flatMap((other) => [key + other, other + key]);
  }),
);
/** The request's given name is one that some taxpayer carries (the reference's names). */
const REQUEST_GIVEN_NAME_CARRIED = `coalesce(r.nm_first IN (SELECT DISTINCT nm_first FROM reference_names WHERE nm_first IS NOT NULL), false)`;

/**
 * The request's given name is the record's with its first letter replaced by another (GARY for
 * MARY) whose key does not touch the right one: another name far more often than a slip, carried
 * by a taxpayer or not.
 */
const FIRST_LETTER_REPLACED_APART = `(length(r.nm_first) = length(f.nm_first) AND substr(r.nm_first, 2) = substr(f.nm_first, 2)
  AND left(r.nm_first, 1) <> left(f.nm_first, 1)
  AND NOT list_contains([${KEYS_TOUCHING.map((k) => `'${k}'`).join(', ')}], left(r.nm_first, 1) || left(f.nm_first, 1)))`;

/**
 * The request's one-word given name is one slip (a letter substituted, dropped, added or two
 * swapped; the first letter kept) from a nickname of three letters or more of the record's formal
 * name: WIL or BOBB for WILLIAM and ROBERT (WILL, BOB), FRNK for FRANCISCO (FRANK), DBBIE for
 * DEBORAH (DEBBIE). Which nicknames a formal name has is the table's; whether the slip is someone's
 * own name is the reference's (UNCARRIED_TYPO reads it: only a name no taxpayer carries is taken
 * for a slip).
 */
const SLIP_OF_A_NICKNAME = `(NOT contains(r.nm_first, ' ') AND length(r.nm_first) >= 3
  AND len(list_filter(${nicknamesOf('f')},
    n -> length(n) >= 3 AND left(n, 1) = left(r.nm_first, 1) AND ${damerauWithinOne('n', 'r.nm_first', '= 1')})) > 0)`;

/**
 * The request's given name is a typist's slip of the record's — one letter substituted, dropped,
 * doubled or two swapped, the first letter too (NARIA, ARIA or AMRIA for MARIA; LEXANDER for
 * ALEXANDER), or Jaro–Winkler ≥ 0.88 — and is itself no given name any taxpayer carries. A name
 * that taxpayers carry (DIANNA against DIANA, NICK against MICK) may be someone else's own: a
 * sibling's or a twin's, who carries it as surely as the request writes it; those pairs stay at
 * the typo levels below. So is a slip of one of the record's nicknames (WIL for WILLIAM: WILL;
 * SLIP_OF_A_NICKNAME). A name nobody carries is no one's name but the typist's, and no filer
 * pair of the reference can show it, so how often co-residents do is the empty cell's (a twin
 * named with a name no taxpayer carries, one letter from the other twin's, is what remains).
 * Jaro–Winkler only between names of as many words: a compound given name against a single one
 * is the first-part level's; one edit may be a space slipped in (ANNIK A). A first letter replaced by one whose key does not touch it (GARY for MARY)
 * is another name, carried or not. The request side only: a name on the reference is carried by
 * definition.
 */
// Whether the name is carried first: the conditions after it then read only the few pairs whose
// request writes a name nobody carries.
const UNCARRIED_TYPO = `(NOT ${REQUEST_GIVEN_NAME_CARRIED} AND NOT ${OTHER_SEX_FORMS}
  AND (${unlessSecondGivenDiffers(`(contains(r.nm_first, ' ') = contains(f.nm_first, ' ')
      AND ${jw('r.nm_first', 'f.nm_first')} >= ${JW_LOW})
    OR (least(length(r.nm_first), length(f.nm_first)) >= 3 AND ${damerauWithinOne('r.nm_first', 'f.nm_first', '= 1')}
      AND NOT ${FIRST_LETTER_REPLACED_APART})`)} OR ${SLIP_OF_A_NICKNAME}))`;

/**
 * A Jaro–Winkler band of the given name. The lower band also takes one letter substituted,
 * dropped, doubled or swapped in a name of three letters or more (GRORGE for GEORGE): Jaro–Winkler
 * scores such a slip below 0.88 in short names, where the typist's one edit is as likely. Not in
 * the first letter, which a typist rarely misses and which mostly makes another name: GARY and
 * MARY, twins, of whom the never-filed GARY was confirmed as MARY.
 */
const givenNameJaroWinklerLevel = (threshold: number, kind: ComparisonLevel['kind']) => {
  const level = jaroWinklerLevel(`Jaro-Winkler ≥ ${threshold}`, 'r.nm_first', 'f.nm_first', threshold, kind);
  const oneEdit =
    threshold === JW_LOW
      ? ` OR (least(length(r.nm_first), length(f.nm_first)) >= 3 AND left(r.nm_first, 1) = left(f.nm_first, 1)
          AND ${damerauWithinOne('r.nm_first', 'f.nm_first', '= 1')})`
      : '';
  return {
    ...level,
    label: threshold === JW_LOW ? `${level.label} or one letter off` : level.label,
    condition: `${unlessSecondGivenDiffers(`${level.condition}${oneEdit}`)} AND NOT ${OTHER_SEX_FORMS}`,
  };
};

const FIRST_NAME = comparison('first_name', 'r.nm_first IS NULL OR f.nm_first IS NULL', 'different', [
  {
    name: 'initial agrees',
    label: 'initial agrees',
    kind: 'partial',
    condition: `(length(r.nm_first) = 1 OR length(f.nm_first) = 1) AND left(r.nm_first, 1) = left(f.nm_first, 1)`,
    termFrequency: (count) => count('given_initial', '[left(r.nm_first, 1)]'),
  },
  {
    // Given and middle swapped where one side has only the middle initial (GRACE vs KAREN G).
    name: "the other's middle initial",
    label: "the other's middle initial (given and middle swapped: GRACE and KAREN G)",
    kind: 'partial',
    condition: `(length(f.nm_middle) = 1 AND left(r.nm_first, 1) = f.nm_middle)
      OR (length(r.nm_middle) = 1 AND left(f.nm_first, 1) = r.nm_middle)`,
    termFrequency: (count) =>
      `${count('middle_initial_alone', '[left(r.nm_first, 1)]')}
       + CASE WHEN length(r.nm_middle) = 1 THEN ${count('given_initial', '[r.nm_middle]')} ELSE 0 END`,
  },
  {
    name: "given name is the other's surname",
    label: "given name is the other's surname, one way only",
    kind: 'partial',
    condition: NAME_IN_OTHER_FIELD,
  },
  {
    name: 'given name and surname swapped',
    label: 'given name and surname swapped',
    kind: 'partial',
    condition: NAME_ORDER_SWAPPED,
  },
  {
    // The request gives one name, a later part of the record's compound given name (MARIA for ANA
    // MARIA, LUIS for JOSE LUIS): the person going by it, or a twin or sibling named with that
    // part (MARIA, sister of the filer LUZ MARIA) — as with the first part alone, no automatic
    // confirmation rests on it without more (decide-requests.ts). A level of its own, so that what
    // it is worth, and how often co-residents show it, is learned apart from a true swap.
    name: 'a later part of a compound given name',
    label:
      'the request gives one name, a later part of the record’s compound given name (MARIA for ANA MARIA)',
    kind: 'partial',
    condition: unlessSecondGivenDiffers(
      `NOT contains(r.nm_first, ' ') AND list_contains(string_split(f.nm_first, ' ')[2:], r.nm_first_canon)`,
    ),
  },
  {
    // The request goes by the record's middle name (JERRY for DAVID JERRY, JERRY D), or gives
    // the record's given name as its middle with the record's middle as its given. A request
    // whose middle is the record's given name while its own given name is nowhere on the record
    // (MINH AN against AN; ANA MARIA against MARIA, where no middle A or ANA is on the record), or
    // whose compound given name shares only one part with the record's
    // middle (MARIA TERESA against ANA MARIA), names someone else: a sibling or twin.
    name: 'given and middle name swapped',
    label: 'given and middle name swapped',
    kind: 'partial',
    condition:
      unlessSecondGivenDiffers(`((r.nm_first = split_part(f.nm_middle, ' ', 1) OR r.nm_first_canon = split_part(f.nm_middle, ' ', 1))
          AND (r.nm_middle IS NULL OR ${nameOrInitialOf("split_part(r.nm_middle, ' ', 1)", 'f.nm_first')})
          AND (${secondGivenOf('r')} IS NULL OR ${looselySame(secondGivenOf('r'), "split_part(f.nm_first, ' ', 1)")}))
      OR ((f.nm_first = split_part(r.nm_middle, ' ', 1) OR f.nm_first_canon = split_part(r.nm_middle, ' ', 1))
          AND f.nm_middle IS NOT NULL AND ${nameOrInitialOf("split_part(f.nm_middle, ' ', 1)", 'r.nm_first')}
          AND (${secondGivenOf('f')} IS NULL OR ${looselySame(secondGivenOf('f'), "split_part(r.nm_first, ' ', 1)")}))
      OR (list_contains(string_split(r.nm_first, ' ')[2:], f.nm_first_canon)
          AND f.nm_middle IS NOT NULL AND ${nameOrInitialOf("split_part(f.nm_middle, ' ', 1)", 'r.nm_first')})`),
    termFrequency: (count) =>
      `${count('middle_first_token', "[split_part(r.nm_first, ' ', 1), r.nm_first_canon]")}
       + ${count('given_first_token', "[split_part(r.nm_middle, ' ', 1)]")}`,
  },
  givenNameJaroWinklerLevel(JW_LOW, 'partial'),
  {
    name: 'sounds the same',
    label: 'sounds the same (Double Metaphone)',
    kind: 'partial',
    condition: `${unlessSecondGivenDiffers('r.nm_first_phon = f.nm_first_phon')} AND NOT ${OTHER_SEX_FORMS}`,
    termFrequency: (count) => count('given_phonetic', '[r.nm_first_phon]'),
  },
  givenNameJaroWinklerLevel(JW_HIGH, 'agrees'),
  {
    name: 'a typo of it, a name nobody carries',
    label:
      'a typist’s slip of it or of one of its nicknames, the name asked carried by no taxpayer (GRORGE, NARIA; WIL, FRNK)',
    kind: 'agrees',
    condition: UNCARRIED_TYPO,
  },
  {
    // One side gives one given name, the other a compound one that starts with it and whose rest
    // is nowhere on the first side (MARIA against MARIA DEL CARMEN; JOSE, middle MARTINEZ, the
    // maternal surname, against JOSE ANTONIO): the same person going by the first part, or a twin
    // or sibling named with that part alone or with another second part. A level of its own, so
    // that what it is worth and how often co-residents show it is learned apart from a nickname's
    // "same formal name", which does not take it. An automatic confirmation needs more than this
    // (decide-requests.ts). Below the levels at which both names agree: a taxpayer's rows are
    // compared one by one and the best level kept, so JOHN MICHAEL asked about the JOHN, middle
    // MICHAEL, of one return and the JOHN, no middle name, of another agrees as given and middle
    // names written as one — the second name is on the record — and only a taxpayer none of whose
    // rows shows the second name stays here.
    name: 'first part of a compound given name',
    label: 'one side gives only the first part of the other side’s compound given name',
    kind: 'agrees',
    condition: FIRST_PART_OF_COMPOUND,
    termFrequency: (count) => count('given_name', '[r.nm_first_canon]'),
  },
  {
    // One side writes the given and middle names together as its given name and no middle, in the
    // other order (VAN AN or THI LAN against AN, middle VAN, and LAN, middle THI, as a Vietnamese
    // name is said with its middle name first): both names are there, as for the given and middle
    // names written as one in order (the level above) — not the one name alone that the given and
    // middle name swapped may be. A level of its own: siblings are named with one pair of names in
    // both orders (MARIA GUADALUPE and GUADALUPE, middle MARIA) more often than in one order, so
    // what it is worth, and how often co-residents show it, is learned apart.
    name: 'given and middle names as one, other order',
    label:
      'given and middle names written as one given name in the other order (VAN AN and AN M. VAN; THI LAN and LAN M. THI)',
    kind: 'agrees',
    condition:
      unlessSecondGivenDiffers(
        `${givenAndMiddleAsOneOtherOrder('r', 'f')} OR ${givenAndMiddleAsOneOtherOrder('f', 'r')}`,
      ) + NOT_FIRST_PART,
  },
  {
    // One side writes the given and middle names together as its given name and no middle (LUZ
    // MARIA against LUZ, middle MARIA): both names agree, a typo allowed; or run together (JIWOO
    // against JI, middle WOO), the letters as written.
    name: 'given and middle names as one',
    label:
      'given and middle names written as one given name, spaced or run together (LUZ MARIA and LUZ M. MARIA; JIWOO and JI M. WOO)',
    kind: 'agrees',
    // Not where the second names differ: CASIMIR, middle TEODORO, against CASIMIR LEONOR scores
    // above 0.92 on the shared first name alone, and names the filer's twin.
    condition:
      unlessSecondGivenDiffers(`${givenAndMiddleAsOne('r', 'f')} OR ${givenAndMiddleAsOne('f', 'r')}`) +
      NOT_FIRST_PART,
  },
  {
    name: 'may stand for the same formal name',
    label: 'may stand for the same formal name (ALEX and ALEJANDRO)',
    kind: 'agrees',
    condition:
      unlessSecondGivenDiffers(
        `list_has_any(string_split(r.nm_first_forms, ' '), string_split(f.nm_first_forms, ' '))`,
      ) + NOT_FIRST_PART,
    termFrequency: (count) => count('given_form', "string_split(r.nm_first_forms, ' ')"),
  },
  {
    // The same given name written with its parts run together or apart (JIWOO, JI WOO, JI-WOO:
    // the syllables of a Korean or Chinese given name; MARYANN, MARY ANN) is the same written name,
    // as a nickname is the same formal name: a sibling's name is another name, never the same
    // letters spaced otherwise. Not 'exact', which says both sides spell it alike; weighed, like
    // exact, by the taxpayers carrying the formal name.
    name: 'same formal name',
    label:
      'same formal name (nickname or compound name), or the same name run together or spaced (JIWOO, JI WOO)',
    kind: 'agrees',
    // The letters alike need no second-name test: one side's middle name is no second given name
    // against a compound the other runs together (JIYEON, middle CHERYL, against JI YEON).
    condition: `(${unlessSecondGivenDiffers('r.nm_first_canon = f.nm_first_canon')}
      OR ${sameLettersInOrder(nameText('r.nm_first'), nameText('f.nm_first'))})${NOT_FIRST_PART}`,
    termFrequency: (count) => count('given_name', '[r.nm_first_canon]'),
  },
  {
    name: 'exact',
    label: 'exact',
    kind: 'agrees',
    condition: 'r.nm_first = f.nm_first',
    // By the formal name: a count at least that of the exact spelling, so never a larger weight.
    termFrequency: (count) => count('given_name', '[r.nm_first_canon]'),
  },
]);

/**
 * `split` writes `compound`'s compound given name split into given and middle names (JUAN, middle
 * PABLO, against JUAN PABLO; PEPE, middle LUIS, against JOSE LUIS): its middle name is the rest of
 * that given name, which the given-name comparison has already read, not a middle name of its own.
 * Nothing is left on the split side to compare with a middle name the compound side also writes
 * (JUAN PABLO, middle AGUIRRE — a maternal surname, or a third name): the middle names are
 * missing, not different. A taxpayer's rows are compared one by one and the best level kept, so
 * without this a return written JUAN, middle PABLO made the middle names differ, outranking the
 * missing middle of the returns written JUAN PABLO. The second part must be written in full and
 * the same: an initial (JUAN, middle P) could stand for another second name, a brother's.
 */
const WRITES_COMPOUND_SPLIT = (split: string, compound: string) =>
  `(NOT contains(${split}.nm_first, ' ') AND length(${split}.nm_middle) > 1
    AND ${split}.nm_first_canon = ${compound}.nm_first_canon AND ${split}.nm_middle = ${secondGivenOf(compound)})`;

const MIDDLE_NAME = comparison(
  'middle_name',
  `r.nm_middle IS NULL OR f.nm_middle IS NULL OR ${WRITES_COMPOUND_SPLIT('r', 'f')} OR ${WRITES_COMPOUND_SPLIT('f', 'r')}`,
  'different',
  [
    {
      // The maternal surname written in the middle-name field, where the other side names a middle
      // name or writes the surname in its place: no middle name to compare, and no conflict. What it
      // is worth, and how often a relative shows it, is learned.
      name: 'a surname in the middle-name field',
      label: "a middle name that is one of the other's surnames (maternal surname as middle name)",
      kind: 'partial',
      condition: `${MIDDLE_IS_SURNAME_OF('r', 'f')} OR ${MIDDLE_IS_SURNAME_OF('f', 'r')}`,
    },
    {
      // Each side's middle name is the other's given name, in full or as an initial.
      name: 'given and middle name swapped',
      label: 'given and middle name swapped (DAVID JERRY and JERRY D)',
      kind: 'agrees',
      condition: `${nameOrInitialOf("split_part(r.nm_middle, ' ', 1)", 'f.nm_first')}
      AND ${nameOrInitialOf("split_part(f.nm_middle, ' ', 1)", 'r.nm_first')}`,
    },
    {
      name: 'initial agrees',
      label: 'initial agrees',
      kind: 'agrees',
      condition: `(length(r.nm_middle) = 1 OR length(f.nm_middle) = 1) AND left(r.nm_middle, 1) = left(f.nm_middle, 1)`,
    },
    jaroWinklerLevel(`Jaro-Winkler ≥ ${JW_LOW}`, 'r.nm_middle', 'f.nm_middle', JW_LOW, 'agrees'),
    exactLevel('nm_middle', 'middle_name'),
  ],
);

/** A side's surname with its spaces removed. */
const JOINED = (x: string) => `replace(${x}.nm_last, ' ', '')`;
/**
 * `x` writes as one word the particles that `y`'s normalized surname has dropped, run onto it
 * (DELACRUZ against DE LA CRUZ, which normalizes to CRUZ; DELEON against DE LEON): `x`'s surname
 * is particles followed by `y`'s.
 */
const PARTICLES_JOINED_TO = (x: string, y: string) =>
  `(length(${JOINED(y)}) >= 3 AND length(${JOINED(x)}) > length(${JOINED(y)}) AND ends_with(${JOINED(x)}, ${JOINED(y)})
    AND regexp_full_match(left(${JOINED(x)}, length(${JOINED(x)}) - length(${JOINED(y)})), '(${[...SURNAME_PARTICLES].join('|')})+'))`;

/** Two surnames a typo apart: Jaro–Winkler ≥ 0.88, or one letter off after the same first letter. */
const surnameTypo = (a: string, b: string) =>
  `(${jw(a, b)} >= ${JW_LOW} OR (least(length(${a}), length(${b})) >= 3 AND left(${a}, 1) = left(${b}, 1)
    AND ${damerauWithinOne(a, b, '= 1')}))`;
/**
 * One of one side's surnames is one of the other's, a typo apart (PINESA GOMEZ against PINEDA, whose
 * return carries the first surname alone; GONZAEZ RAMIREZ against GONZALEZ): the levels that share
 * or drop one of two surnames compare the words exactly, and the whole strings differ too much.
 */
const SURNAME_WORD_TYPO = `(${[
  ['r.nm_last1', 'f.nm_last1'],
  ['r.nm_last1', 'f.nm_last2'],
  ['r.nm_last2', 'f.nm_last1'],
  ['r.nm_last2', 'f.nm_last2'],
]
  .map(([a, b]) => `coalesce(${surnameTypo(a ?? '', b ?? '')}, false)`)
  .join(' OR ')})`;

/**
 * Two surnames in either order, or one of them dropped, still name the same person. Every level at
 * which a surname is shared weighs it by how many taxpayers share it that way: a request for
 * CORTEZ against CORTEZ ROMERO is judged by how many taxpayers carry CORTEZ as one of two surnames.
 */
const LAST_NAME = comparison('last_name', 'r.nm_last IS NULL OR f.nm_last IS NULL', 'different', [
  {
    name: "surname is the other's given name",
    label: "surname is the other's given name, one way only",
    kind: 'partial',
    condition: NAME_IN_OTHER_FIELD,
  },
  {
    name: 'surname and given name swapped',
    label: 'surname and given name swapped',
    kind: 'partial',
    condition: NAME_ORDER_SWAPPED,
  },
  {
    // As for given names: Jaro–Winkler scores one slip in a short surname (LUNA and LUMA, RUIZ and
    // RUIS) below 0.88, where the typist's one edit is as likely as in a long one.
    ...jaroWinklerLevel(`Jaro-Winkler ≥ ${JW_LOW}`, 'r.nm_last', 'f.nm_last', JW_LOW, 'agrees'),
    label: `Jaro-Winkler ≥ ${JW_LOW} or one letter off`,
    condition: `${surnameTypo('r.nm_last', 'f.nm_last')} OR ${SURNAME_WORD_TYPO}`,
  },
  {
    name: 'sounds the same',
    label: 'sounds the same (Double Metaphone)',
    kind: 'agrees',
    condition: `r.nm_last_phon IN (f.nm_last_phon, f.nm_last2_phon) OR r.nm_last2_phon IN (f.nm_last_phon, f.nm_last2_phon)`,
    termFrequency: (count) => count('surname_phonetic', '[r.nm_last_phon, r.nm_last2_phon]'),
  },
  {
    name: 'one of two surnames shared',
    label: 'one of two surnames shared, the other differs',
    kind: 'agrees',
    condition: 'r.nm_last1 IN (f.nm_last1, f.nm_last2) OR r.nm_last2 IN (f.nm_last1, f.nm_last2)',
    termFrequency: (count) => count('surname_in_two', '[r.nm_last1, r.nm_last2]'),
  },
  jaroWinklerLevel(`Jaro-Winkler ≥ ${JW_HIGH}`, 'r.nm_last', 'f.nm_last', JW_HIGH, 'agrees'),
  {
    name: 'one of two surnames dropped',
    label: 'one of two surnames dropped',
    kind: 'agrees',
    condition: `(r.nm_last2 IS NULL AND f.nm_last2 IS NOT NULL AND r.nm_last1 IN (f.nm_last1, f.nm_last2))
      OR (f.nm_last2 IS NULL AND r.nm_last2 IS NOT NULL AND f.nm_last1 IN (r.nm_last1, r.nm_last2))`,
    // A one-surname request: the taxpayers carrying it as one of two; a two-surname request: the
    // taxpayers carrying either of them alone.
    termFrequency: (count) => `CASE WHEN r.nm_last2 IS NULL THEN ${count('surname_in_two', '[r.nm_last1]')}
      ELSE ${count('surname', '[r.nm_last1, r.nm_last2]')} END`,
  },
  {
    name: 'written as one word',
    label: 'the same surname written as one word (DELACRUZ, DE LA CRUZ; MC DONALD, MCDONALD)',
    kind: 'agrees',
    condition: `${JOINED('r')} = ${JOINED('f')} OR ${PARTICLES_JOINED_TO('r', 'f')} OR ${PARTICLES_JOINED_TO('f', 'r')}`,
  },
  {
    name: 'two surnames in the other order',
    label: 'two surnames in the other order',
    kind: 'agrees',
    condition: 'r.nm_last2 IS NOT NULL AND r.nm_last1 = f.nm_last2 AND r.nm_last2 = f.nm_last1',
    termFrequency: (count) => count('surname', "[r.nm_last2 || ' ' || r.nm_last1]"),
  },
  exactLevel('nm_last', 'surname'),
]);

/**
 * JR against SR is strong evidence of two people (father and son at one address). A suffix on one
 * side only is a level of its own: it says a namesake exists (field-dependencies.ts).
 */
const SUFFIX = comparison(
  'suffix',
  'r.nm_suffix IS NULL AND f.nm_suffix IS NULL',
  'different (e.g. JR and SR)',
  [
    {
      name: 'on one side only',
      label: 'on one side only (JUSTIN KIM SR and JUSTIN KIM)',
      kind: 'partial',
      condition: 'r.nm_suffix IS NULL OR f.nm_suffix IS NULL',
    },
    { name: 'same', label: 'same', kind: 'agrees', condition: 'r.nm_suffix = f.nm_suffix' },
  ],
);

/**
 * Hamming distance where the lengths agree (normalized dates and TINs always do), else a number
 * above 2: hamming() itself refuses strings of different lengths. Far cheaper than an edit
 * distance, it rules out almost every pair before one is computed.
 */
const hammingOf = (a: string, b: string) =>
  `(CASE WHEN length(${a}) = length(${b}) THEN hamming(${a}, ${b}) ELSE 99 END)`;

/** One character different, or two adjacent ones swapped (Damerau–Levenshtein 1, lengths equal). */
const oneEditApart = (a: string, b: string) =>
  `(${hammingOf(a, b)} = 1 OR (${hammingOf(a, b)} = 2 AND damerau_levenshtein(${a}, ${b}) = 1))`;

/** Year, month or day of a normalized date (YYYY-MM-DD) as an integer. */
const datePart = (date: string, part: 'year' | 'month' | 'day') =>
  part === 'year'
    ? `CAST(left(${date}, 4) AS INTEGER)`
    : `CAST(substr(${date}, ${part === 'month' ? 6 : 9}, 2) AS INTEGER)`;

/**
 * One of year, month and day off by one, the other two equal: the slips of a form or a pen (the
 * 20th for the 19th, 1980 for 1979), which a one-digit comparison misses whenever a carry changes
 * two digits. Or the day before or after across the end of a month or a year (1980-03-31 for
 * 1980-04-01, 1979-12-31 for 1980-01-01): a date kept as a timestamp and read in another time zone
 * lands there, as a count of days off by one does. A co-resident rarely shows it (siblings a year
 * apart on the same day, or twins either side of midnight); how rarely, and how often the person
 * does, is learned (u from random pairs and co-residents, m by EM) like every level.
 */
const ONE_PART_OFF_BY_ONE = `((left(r.n_dob, 7) = left(f.n_dob, 7) AND abs(${datePart('r.n_dob', 'day')} - ${datePart('f.n_dob', 'day')}) = 1)
  OR abs(date_diff('day', CAST(r.n_dob AS DATE), CAST(f.n_dob AS DATE))) = 1
  OR (left(r.n_dob, 4) = left(f.n_dob, 4) AND right(r.n_dob, 2) = right(f.n_dob, 2)
    AND abs(${datePart('r.n_dob', 'month')} - ${datePart('f.n_dob', 'month')}) = 1)
  OR (right(r.n_dob, 5) = right(f.n_dob, 5) AND abs(${datePart('r.n_dob', 'year')} - ${datePart('f.n_dob', 'year')}) = 1))`;

/**
 * Dates of birth that differ are split by how far apart the years are: a generation (a father and
 * his namesake son) or a few years (siblings, a spouse, a slip of two digits). Both contradict, and
 * both veto an automatic confirmation; what each is worth is learned apart, so that a generation
 * apart — which a true match almost never shows — weighs as the contradiction it is, and a namesake
 * who never filed is answered NO_RECORD rather than sent to a reviewer. Ten years: half the
 * shortest gap between a parent and a child. A year slipped into another decade with the month and
 * day exact is not among them: it is a level of its own ('year slipped'), and so is a year slipped
 * decades off to an age of 100 or more ('year slipped, one side 100 or older').
 */
const YEARS_APART_SPLIT = 10;

/**
 * The age at which a date of birth reads as a slip of the writing rather than as a relative's
 * date: 100 or more in the tax year of the return compared against. The U.S. Census Bureau's
 * special report "Centenarians: 2020" (2020 Census, issued 2025) counted 80,139 people aged 100 or
 * older, 2.42 per 10,000 residents (0.024%). The return's tax year is the clock, never the day the
 * comparison runs, so a batch matched again is decided the same way; a row without a tax year
 * reads no age (the dates then compare as they are: the cautious side).
 */
const CENTENARIAN_AGE = 100;

/** The date `dob` makes its bearer 100 or more in the tax year of the reference row `f`. */
const centenarianAtReturn = (dob: string) => `(f.tax_year - ${datePart(dob, 'year')} >= ${CENTENARIAN_AGE})`;

/** The same month and day, the year one digit or a swap of two away, more than ten years apart. */
const SAME_DAY_DECADES_APART = `(right(r.n_dob, 5) = right(f.n_dob, 5) AND ${oneEditApart('left(r.n_dob, 4)', 'left(f.n_dob, 4)')}
  AND abs(${datePart('r.n_dob', 'year')} - ${datePart('f.n_dob', 'year')}) > ${YEARS_APART_SPLIT})`;

/** Month and day written for a birth date known only by its year, at the middle of that year. */
const MID_YEAR_PLACEHOLDERS = "'07-01', '06-15'";

const DOB = comparison(
  'dob',
  'r.n_dob IS NULL OR f.n_dob IS NULL',
  `${YEARS_APART_SPLIT} years apart or more`,
  [
    {
      name: 'within ten years',
      label: `different, fewer than ${YEARS_APART_SPLIT} years apart`,
      kind: 'contradicts',
      condition: `abs(${datePart('r.n_dob', 'year')} - ${datePart('f.n_dob', 'year')}) < ${YEARS_APART_SPLIT}`,
    },
    {
      // The same month and day, the year one digit or a swap of two away but more than ten years
      // off (1976-07-05 against 1946-07-05): a decade digit mistyped by more than one, or a son
      // born on his father's birthday a generation later — and a namesake son asked about where
      // his father filed is a likelier request than such a slip. A contradiction, held for a
      // reviewer; not "a generation apart", which answers NO_RECORD on its own. Where either date
      // makes its bearer 100 or older, the father is not there to be asked about: the level
      // 'year slipped, one side 100 or older'.
      name: 'same day, decades apart',
      label: 'month and day exact, the year one digit off or two digits swapped, more than ten years apart',
      kind: 'contradicts',
      condition: SAME_DAY_DECADES_APART,
    },
    {
      name: 'same year',
      label: 'same year',
      kind: 'partial',
      condition: 'left(r.n_dob, 4) = left(f.n_dob, 4)',
    },
    {
      // January 1st is what files write for a birth date whose day and month are unknown (as
      // immigration records do): against it only the year can agree, which strangers born that
      // year show far less often than "same year" alone. Partial: the year does not rule out a
      // co-resident born the same year.
      name: 'year of a placeholder date',
      label: 'same year, one side January 1st (day and month unknown)',
      kind: 'partial',
      condition: `left(r.n_dob, 4) = left(f.n_dob, 4) AND (right(r.n_dob, 5) = '01-01' OR right(f.n_dob, 5) = '01-01')`,
    },
    {
      // The middle of the year is the other convention for a day and month unknown (July 1st, the
      // year's midpoint that demographers impute; June 15th): as with January 1st only the year
      // can agree, learned apart because files that use one seldom use the other.
      name: 'year of a mid-year placeholder date',
      label: 'same year, one side July 1st or June 15th (day and month unknown)',
      kind: 'partial',
      condition: `left(r.n_dob, 4) = left(f.n_dob, 4) AND (right(r.n_dob, 5) IN (${MID_YEAR_PLACEHOLDERS}) OR right(f.n_dob, 5) IN (${MID_YEAR_PLACEHOLDERS}))`,
    },
    {
      // The same day decades apart where one date makes its bearer 100 or older in the return's
      // tax year (1910-05-26 for 1990-05-26, 1909 for 1990: a decade digit or two digits swapped,
      // a century back): the other reading, a father and his son born on his birthday, needs a
      // father of 100 or more, asked about or still filing. Such an age is 2.4 in 10,000 residents
      // (CENTENARIAN_AGE), so the pair is one date written with a slip, as in 'year slipped';
      // learned apart from it, since a slip across decades is the rarer one. Two dates of ages
      // people have (1963 against 1936) stay 'same day, decades apart', held for a reviewer.
      name: 'year slipped, one side 100 or older',
      label:
        'month and day exact, the year one digit off or two digits swapped, more than ten years apart, one date 100 years or more before the tax year',
      kind: 'agrees',
      condition: `${SAME_DAY_DECADES_APART} AND (${centenarianAtReturn('r.n_dob')} OR ${centenarianAtReturn('f.n_dob')})`,
    },
    {
      // The year mistyped in one digit, or two of its digits swapped, into the next or previous
      // decade (1985 for 1975, 1989 for 1998), or put ten years off across a century (1995 for
      // 2005, where the decade's slip changes three digits), the month and day exact: a keying or
      // reckoning slip keeps the rest of the date. A relative a decade apart shares the month and
      // the day about once in 365, so this is a slip's shape, not a relative's; its worth is
      // learned like every level's (u from random pairs and co-residents, m by EM). More than ten
      // years off is a parent's and child's gap: the level 'same day, decades apart' (or, where
      // one date is 100 years or more before the tax year, the level below).
      name: 'year slipped',
      label:
        'month and day exact, the year one digit off, two adjacent digits swapped or ten years off (the next decade)',
      kind: 'agrees',
      condition: `right(r.n_dob, 5) = right(f.n_dob, 5)
        AND abs(${datePart('r.n_dob', 'year')} - ${datePart('f.n_dob', 'year')}) <= ${YEARS_APART_SPLIT}
        AND (${oneEditApart('left(r.n_dob, 4)', 'left(f.n_dob, 4)')}
          OR abs(${datePart('r.n_dob', 'year')} - ${datePart('f.n_dob', 'year')}) = ${YEARS_APART_SPLIT})`,
    },
    {
      name: 'one part off by one',
      label: 'year, month or day off by one, the rest equal, or the day before or after',
      kind: 'agrees',
      condition: ONE_PART_OFF_BY_ONE,
    },
    {
      // Within one decade; a year slipped into another decade is the level below.
      name: 'one digit off',
      label: 'one digit off or two adjacent digits swapped, same decade',
      kind: 'agrees',
      condition: `left(r.n_dob, 3) = left(f.n_dob, 3) AND ${oneEditApart("replace(r.n_dob, '-', '')", "replace(f.n_dob, '-', '')")}`,
    },
    {
      name: 'day and month swapped',
      label: 'day and month swapped',
      kind: 'agrees',
      condition: `left(r.n_dob, 4) = left(f.n_dob, 4) AND substr(r.n_dob, 6, 2) = substr(f.n_dob, 9, 2)
      AND substr(r.n_dob, 9, 2) = substr(f.n_dob, 6, 2)`,
    },
    { name: 'exact', label: 'exact', kind: 'agrees', condition: 'r.n_dob = f.n_dob' },
  ],
);

const TIN = comparison('tin', 'r.n_tin IS NULL OR f.n_tin IS NULL', 'different', [
  {
    name: 'one digit off',
    label: 'one digit off',
    kind: 'agrees',
    condition: `${hammingOf('r.n_tin', 'f.n_tin')} = 1`,
  },
  {
    name: 'two adjacent digits swapped',
    label: 'two adjacent digits swapped',
    kind: 'agrees',
    condition: `${hammingOf('r.n_tin', 'f.n_tin')} = 2 AND damerau_levenshtein(r.n_tin, f.n_tin) = 1`,
  },
  { name: 'exact', label: 'exact', kind: 'agrees', condition: 'r.n_tin = f.n_tin' },
]);

/**
 * A home: house number, street and postal code (units of one building count as one home, for
 * counting how many taxpayers share it); a PO box is a home of its own, its box in its postal code.
 */
export const HOME_KEY = (alias: string) =>
  `coalesce(${alias}.ad_number || ' ' || ${alias}.ad_street, 'PO BOX ' || ${alias}.ad_pobox) || ' ' || ${alias}.ad_postcode`;

/** The place agrees: same postal code, or the same city (a typo apart at most). */
const SAME_PLACE = `(r.ad_postcode = f.ad_postcode OR r.ad_city = f.ad_city OR ${jw('r.ad_city', 'f.ad_city')} >= ${JW_HIGH})`;
/**
 * The directionals of a side's street, before or after the name ("N" for N ORCHARD ST and ORCHARD
 * ST N, "" for none).
 */
const directionalsOf = (alias: string) => `concat_ws(' ', ${alias}.ad_predir, ${alias}.ad_postdir)`;
/**
 * Both sides give the street's directional and they are different: N ORCHARD ST and S ORCHARD ST
 * are two streets (often with the same house numbers, in the same ZIP code). A directional on one
 * side only is a common omission, no conflict.
 */
const DIRECTIONALS_DIFFER = `(${directionalsOf('r')} <> '' AND ${directionalsOf('f')} <> ''
  AND ${directionalsOf('r')} <> ${directionalsOf('f')})`;
/**
 * Both sides give the street's type and they are two types (ORCHARD ST and ORCHARD AVE: two
 * streets of one city, often numbered alike). A type on one side only is a common omission, no
 * conflict. An abbreviation that stands for several types (TR: TERRACE or TRAIL; RAD: RADIAL or
 * ROAD, AMBIGUOUS_STREET_TYPES) agrees with none of them: ORCHARD TR may be the ORCHARD TER of
 * the return or an ORCHARD TRL that no return names.
 */
const STREET_TYPES_DIFFER = `(r.ad_suffix IS NOT NULL AND f.ad_suffix IS NOT NULL AND r.ad_suffix <> f.ad_suffix)`;
/**
 * The numbers in two street names are the same (none, or 4TH and 4TH): a typo apart is never two
 * numbered streets, which Jaro–Winkler alone takes for one (4TH AVE and 45TH AVE, 6TH and 68TH: 0.92
 * and more, both often in one ZIP code).
 */
const SAME_STREET_NUMBERS = `regexp_replace(r.ad_street, '[^0-9]', '', 'g') = regexp_replace(f.ad_street, '[^0-9]', '', 'g')`;
/**
 * A typo apart keeps the first letter: typists rarely get it wrong (Pollock and Zamora, CACM 27(4),
 * 1984), while two streets of one ZIP code often differ by a first letter added (RIDGE DR and BRIDGE
 * DR, 0.94). A first letter mistyped is read against the ZIP code's listed streets instead
 * (street-spelling.ts), where two listed streets are never made one.
 */
const SAME_FIRST_LETTER = 'left(r.ad_street, 1) = left(f.ad_street, 1)';
/** Each common street type with each of its Publication 28 spellings ('AVE:AVE', 'AVE:AVENUE', 'AVE:AVNUE'). */
const COMMON_TYPE_SPELLINGS_SQL = `[${COMMON_TYPE_SPELLINGS.map(([type, spelling]) => `'${type}:${spelling}'`).join(', ')}]`;
/** `word` is one slip from a spelling of a common street type that `typeTest` accepts. */
const slipOfCommonType = (word: string, typeTest: (type: string) => string) =>
  `len(list_filter(${COMMON_TYPE_SPELLINGS_SQL}, x -> ${typeTest("split_part(x, ':', 1)")} AND ${damerauWithinOne("split_part(x, ':', 2)", word)})) > 0`;
/**
 * `word`, left ending a street name where the standardizer could not read it as a type, is one
 * slip from a common street type other than `type`, the other side's (SYCAMORE WQY against
 * SYCAMORE ST: WQY is WAY) — even where it is one slip from `type` too: CENTER SR against CENTER
 * DR is CENTER DR or CENTER ST, and the person may live on the one no return names, so the two
 * are not the same street (commonTypesOneSlipFrom). A word one slip from `type` alone is no
 * conflict (COWCHER DLACE against COWCHER PL).
 */
const leftWordIsAnotherType = (word: string, type: string) =>
  `(${type} IS NOT NULL AND ${slipOfCommonType(word, (t) => `${t} <> ${type}`)})`;
/**
 * One side's street name is the other's with a word after it, and that word is another street
 * type misspelt ("SYCAMORE" ST against "SYCAMORE WQY", "SANTA ROSA" AVE against "SANTA ROSA WSY":
 * streets named WAY, which Jaro–Winkler, 0.93, and the rule for a type left in the name would both
 * take for the same). The name before the word may itself carry one slip (LOCUSY DT against LOCUST
 * AVE: a street of another type, which Jaro–Winkler, 0.93, takes for the same street): the name's
 * slip is no reason to read the type word as the other side's.
 */
const anotherTypeLeftInName = (short: string, long: string) => {
  const before = `regexp_extract(${long}.ad_street, '^(.+) [A-Z]+$', 1)`;
  const word = `regexp_extract(${long}.ad_street, ' ([A-Z]+)$', 1)`;
  return `(${before} <> '' AND (${before} = ${short}.ad_street
      OR (length(${short}.ad_street) >= 3 AND NOT regexp_matches(${short}.ad_street, '[0-9]')
        AND ${damerauWithinOne(before, `${short}.ad_street`, '= 1')}))
    AND ${leftWordIsAnotherType(word, `${short}.ad_suffix`)})`;
};
/**
 * The long side's street is the short side's name and a word the standardizer could not read as a
 * type, one slip from the short side's type and from another common type (CENTER SR against CENTER
 * DR: DR or ST). The same home if the writer meant the record's type, another street if not: no
 * confirmation, but a reviewer's question rather than a different address. Where the place lists
 * the name with the record's type and not the other, street-spelling.ts has already read the word
 * as the record's type if it keeps that type's first letter: this level is left for a place that
 * lists both, a slip of the record type's first letter, and a request read in another place.
 */
const typeSlipTwoWays = (short: string, long: string) => {
  const word = `regexp_extract(${long}.ad_street, ' ([A-Z]+)$', 1)`;
  return `(${long}.ad_suffix IS NULL AND regexp_extract(${long}.ad_street, '^(.+) [A-Z]+$', 1) = ${short}.ad_street
    AND ${slipOfCommonType(word, (t) => `${t} = ${short}.ad_suffix`)}
    AND ${leftWordIsAnotherType(word, `${short}.ad_suffix`)})`;
};
/** A one-word street name that is the first word of the other side's, the rest a street type the standardizer could not split off ("COWCHER" / "COWCHER DLACE"). */
const typeLeftInName = (short: string, long: string) =>
  `(length(${short}.ad_street) >= 4 AND NOT contains(${short}.ad_street, ' ') AND contains(${long}.ad_street, ' ')
    AND split_part(${long}.ad_street, ' ', 1) = ${short}.ad_street)`;
/**
 * Same street: equal, a typo apart (with the same numbers and first letter), or a one-word street
 * name that is the first word of the other side's with a type left in the name (typeLeftInName);
 * not two directionals that disagree, nor a type left in one name that is another type than the
 * other side's; and where the names agree, not two street types that disagree (where one name is
 * the other's first word, a type word may have been read as part of the name or the name's last
 * word as a type — SPRING VLY against SPRING VALLEY RD — and the types say nothing).
 */
const SAME_STREET = `((((r.ad_street = f.ad_street OR (${jw('r.ad_street', 'f.ad_street')} >= ${JW_HIGH} AND ${SAME_STREET_NUMBERS} AND ${SAME_FIRST_LETTER})) AND NOT ${STREET_TYPES_DIFFER})
  OR ${typeLeftInName('r', 'f')}
  OR ${typeLeftInName('f', 'r')})
  AND NOT ${DIRECTIONALS_DIFFER}
  AND NOT ${anotherTypeLeftInName('r', 'f')} AND NOT ${anotherTypeLeftInName('f', 'r')})`;
/** A delivery point: a house number on the street, or a box. A street alone is many homes. */
const DELIVERY_POINT = '(r.ad_number IS NOT NULL OR r.ad_pobox IS NOT NULL)';
/**
 * Both sides name a secondary unit and they are two units (the standardizer has already dropped
 * designators and leading zeros: APT 5, # 05 and UNIT 5 are one unit). A unit on one side only, or
 * one side naming only the last part of the other's (APT 5 against BLDG 2 APT 5), is no conflict.
 */
const UNITS_DIFFER = `(r.ad_unit IS NOT NULL AND f.ad_unit IS NOT NULL AND r.ad_unit <> f.ad_unit
  AND NOT ends_with(r.ad_unit, ' ' || f.ad_unit) AND NOT ends_with(f.ad_unit, ' ' || r.ad_unit))`;
/** The same PO box (or rural-route box: the standardizer keeps its route with it). */
const SAME_BOX = 'r.ad_pobox = f.ad_pobox';

/**
 * Addresses. "The same home in the same place" is the least the program accepts for a confirmation
 * (ADDRESS_CONFIRMS_AT): the same number and street (a one-letter typo in the street name,
 * Jaro–Winkler ≥ 0.92, is still the same street) or the same PO box, and no conflicting unit. A
 * confirmation says the address given is the address of record, so another apartment of the
 * taxpayer's building is not the same home: a level of its own below it, which weighs as the
 * evidence for identity it is (a neighbour's unit) but never confirms the address. A unit on one
 * side only is still the same home. A PO box against a street address is a different address. An
 * agreeing home is weighed by how many taxpayers it holds, a street by how many live on it (the
 * street's rarity says nothing about who in a home is asked for).
 */
const ADDRESS = comparison(
  'address',
  '(r.ad_street IS NULL AND r.ad_pobox IS NULL) OR (f.ad_street IS NULL AND f.ad_pobox IS NULL)',
  'different',
  [
    {
      name: 'same postal code',
      label: 'same postal code',
      kind: 'partial',
      condition: 'r.ad_postcode = f.ad_postcode',
      termFrequency: (count) => count('postcode', '[r.ad_postcode]'),
    },
    {
      name: 'same number and street, place differs',
      label: 'same number and street, place differs or missing',
      kind: 'partial',
      condition: `r.ad_number IS NOT DISTINCT FROM f.ad_number AND ${SAME_STREET}`,
      termFrequency: (count) => count('number_street', "[r.ad_number || ' ' || r.ad_street]"),
    },
    {
      name: 'same street',
      label: 'same street in the same place',
      kind: 'partial',
      condition: `${SAME_STREET} AND ${SAME_PLACE}`,
      termFrequency: (count) => count('street_place', "[r.ad_street || ' ' || r.ad_postcode]"),
    },
    {
      name: 'another unit',
      label: 'same number and street in the same place, another unit (not the same home)',
      kind: 'partial',
      condition: `r.ad_number = f.ad_number AND ${SAME_STREET} AND ${SAME_PLACE} AND ${UNITS_DIFFER}`,
      termFrequency: (count) => count('home', `[${HOME_KEY('r')}]`),
    },
    {
      name: 'same home unless the type is another',
      label:
        "same number and street name in the same place, the type asked one slip from the record's and from another (CENTER SR: DR or ST)",
      kind: 'partial',
      condition: `r.ad_number = f.ad_number AND (${typeSlipTwoWays('r', 'f')} OR ${typeSlipTwoWays('f', 'r')})
        AND NOT ${DIRECTIONALS_DIFFER} AND ${SAME_PLACE} AND NOT ${UNITS_DIFFER}`,
    },
    {
      name: 'same home',
      label: 'same number and street or PO box in the same place, no other unit',
      kind: 'agrees',
      condition: `((r.ad_number = f.ad_number AND ${SAME_STREET}) OR ${SAME_BOX}) AND ${SAME_PLACE} AND NOT ${UNITS_DIFFER}`,
      termFrequency: (count) => count('home', `[${HOME_KEY('r')}]`),
    },
    {
      name: 'exact',
      label: 'exact',
      kind: 'agrees',
      // The same line that names a delivery point: "ORCHARD ST" against "ORCHARD ST" is the same
      // street, not the same home (and must not weigh more than the same home).
      condition: `r.ad_line = f.ad_line AND ${DELIVERY_POINT} AND ${SAME_PLACE}`,
      termFrequency: (count) => count('home', `[${HOME_KEY('r')}]`),
    },
  ],
);

const CITY = comparison('city', 'r.ad_city IS NULL OR f.ad_city IS NULL', 'different', [
  jaroWinklerLevel(`Jaro-Winkler ≥ ${JW_LOW}`, 'r.ad_city', 'f.ad_city', JW_LOW, 'partial'),
  exactLevel('ad_city', 'city'),
]);

export const COMPARISONS: readonly Comparison<ComparisonField>[] = [
  FIRST_NAME,
  MIDDLE_NAME,
  LAST_NAME,
  SUFFIX,
  DOB,
  TIN,
  ADDRESS,
  CITY,
];

export const { comparisonOf, level, agreesFrom, topLevel, levelAt } = levelLookups(COMPARISONS);

/** The address-of-record level from which an address counts as confirmed (design.md § 3): the same home. */
export const ADDRESS_CONFIRMS_AT = agreesFrom('address');
/**
 * The address-of-record level that is the same home only if the request's misspelt street type
 * means the record's: a reviewer decides, the answer is never NOT_CONFIRMED on it alone.
 */
export const ADDRESS_TYPE_UNCERTAIN = level('address', 'same home unless the type is another');

/** A level's label for display; a code the comparison does not have (an older run's) says so. */
export function levelLabel(field: ComparisonField, code: number | null): string {
  if (code === null) return 'not compared';
  return levelAt(field, code)?.label ?? `level ${code}`;
}

/** `<level> AS lv_<field>` for every field, for one request row `r` against one reference row `f`. */
export const ROW_LEVELS_SQL = COMPARISONS.map((c) => `${levelCaseSql(c)} AS lv_${c.field}`).join(',\n  ');

/**
 * Per reference row, beside its levels: whether the row writes the second given name (or the
 * middle name) only as an initial, and whether it writes it in full and names another one than the
 * request. BEST_LEVELS_SQL reads them.
 */
export const ROW_INITIAL_FLAGS_SQL = `coalesce(length(${SECOND_F}) = 1, false) AS second_given_initial,
  coalesce(length(${SECOND_F}) > 1 AND ${SECOND_GIVEN_DIFFERS}, false) AS second_given_differs,
  coalesce(length(f.nm_middle) = 1, false) AS middle_initial,
  coalesce(length(f.nm_middle) > 1, false) AS middle_full`;

/**
 * The best level over a taxpayer's rows of a field in which a row may give only an initial: the
 * rows giving it in full decide where one of them names another name than the request (MARIA
 * CRISTINA on the returns that write it out, MARIA, middle C, on others, against MARIA DEL CARMEN
 * asked: the initial agrees with DEL CARMEN, the name does not). An initial is what a fuller row
 * of the same person abbreviates, so it cannot outweigh that row; without such a row it agrees as
 * far as it goes.
 */
const bestOverInitialRows = (field: string, initial: string, differs: string) =>
  `CASE WHEN bool_or(${differs}) THEN max(lv_${field}) FILTER (WHERE NOT ${initial}) ELSE max(lv_${field}) END AS lv_${field}`;

/**
 * `max(lv_<field>) AS lv_<field>` for every field: the best agreement over a taxpayer's rows (the
 * given and middle names as bestOverInitialRows says). Over rows carrying ROW_INITIAL_FLAGS_SQL.
 */
export const BEST_LEVELS_SQL = COMPARISONS.map((c) =>
  c.field === 'first_name'
    ? bestOverInitialRows(c.field, 'second_given_initial', 'second_given_differs')
    : c.field === 'middle_name'
      ? bestOverInitialRows(
          c.field,
          'middle_initial',
          `middle_full AND lv_middle_name = ${level('middle_name', 'different')}`,
        )
      : `max(lv_${c.field}) AS lv_${c.field}`,
).join(', ');
