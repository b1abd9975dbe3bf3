import { KEYS_TOUCHING, agreesFrom, level, nicknamesOf } from './comparison-levels.ts';
import { PENDING_REQUESTS_SQL } from './matcher.ts';
import { WORK_TABLES } from './work-tables.ts';

/*
 * The holds against a relative at the same home who never filed — a twin above all, who shares the
 * date of birth, the surname and the home, so that only the given name (and a TIN) can tell the
 * two apart. Each is an SQL fragment over the decision's CTEs (decide-requests.ts): `best` (each
 * request's best candidate, match_candidates at rank 1) and `pending` (the requests being decided,
 * as p). A request a hold selects waits for a reviewer (decision-rules.ts: review.*) instead of
 * being confirmed automatically. NEAREST_GIVEN_NAMES_SQL is the one statement run before the
 * decision, whose work table NEAR_SLIP_SQL reads.
 */

/** No TIN on the request agrees with the candidate's: the one identifier that rules a twin out. */
const NO_TIN_AGREES = `coalesce(b.lv_tin, 0) < ${agreesFrom('tin')}`;
/** The middle-name levels at which a full middle name agrees (INITIAL_ONLY_SQL says why that separates twins). */
const FULL_MIDDLE_AGREES = [
  level('middle_name', 'given and middle name swapped'),
  level('middle_name', `Jaro-Winkler ≥ 0.88`),
  level('middle_name', 'exact'),
];
/**
 * Middle names that are family names, not given names. Where the middle field carries a family
 * name — the mother's maiden surname, as Filipino and many Hispanic names do (JOSE MERCADO
 * MENDOZA) — every child of the family carries it, a twin included: it separates no one. Read from
 * the reference: of the middle names the pending requests give, those that taxpayers carry more
 * often as a surname than as a given or middle name. A name the reference never shows is not
 * among them. A statement over the decision's `pending` CTE, for a CTE named family_middles.
 */
export const FAMILY_MIDDLES_SQL = `
  SELECT u.name FROM (
    SELECT nm_last1 AS name, 1 AS as_surname FROM reference_names WHERE nm_last1 IS NOT NULL
    UNION ALL SELECT nm_last2, 1 FROM reference_names WHERE nm_last2 IS NOT NULL
    UNION ALL SELECT nm_middle, 0 FROM reference_names WHERE nm_middle IS NOT NULL
    UNION ALL SELECT split_part(nm_first, ' ', 1), 0 FROM reference_names WHERE nm_first IS NOT NULL
  ) u
  SEMI JOIN (SELECT DISTINCT nm_middle FROM pending WHERE length(nm_middle) > 1) m ON m.nm_middle = u.name
  GROUP BY u.name HAVING sum(as_surname) > count(*) - sum(as_surname)`;
const MIDDLE_IS_GIVEN_NAME = '(p.nm_middle NOT IN (SELECT name FROM family_middles))';
/** A full middle name on the request agrees with the candidate's and is a given name (MIDDLE_IS_GIVEN_NAME). */
const FULL_MIDDLE_NAME_AGREES = `(coalesce(length(p.nm_middle), 0) > 1 AND coalesce(b.lv_middle_name, 0) IN (${FULL_MIDDLE_AGREES.join(', ')})
  AND ${MIDDLE_IS_GIVEN_NAME})`;

/**
 * A given name written only as its initial, with no TIN that agrees, cannot tell the taxpayer from
 * a relative at the same home whose name starts with that letter — a twin shares the date of birth
 * too, so nothing else on such a request separates them. A reviewer decides. Read from the request
 * itself, whatever level its initial reached: C against SANTIAGO, middle C, compares as the given
 * and middle names swapped, and the twin CARMEN is as likely.
 *
 * A full middle name on the request that agrees with the candidate's (A, middle ROSA, for ANA ROSA;
 * or the two swapped, A, middle RACHEL, for RACHEL AMBER) does separate them: twins are not given
 * one middle name (in a synthetic reference of 60,000 taxpayers, none of the 17 twin pairs with two
 * full middle names shares one, against 163 of 4,836 co-resident pairs, mostly a father and his
 * namesake son, whom the date of birth tells apart), and the co-resident bound weighs the middle
 * name like the other fields.
 *
 * The first part of a compound given name alone (MARIA against MARIA DEL CARMEN, either way round)
 * is the same case: a twin named MARIA, or MARIA ISABEL, who never filed shows exactly that; and so
 * is a later part alone (MARIA asked, LUZ MARIA on the record: her twin MARIA never filed), and the
 * record's middle name alone, the request giving no middle name (MARIA asked, BRENDA, middle MARIA,
 * on the record: the second given name written in the middle field; her twin MARIA never filed).
 * Where the request gives the record's given name as its middle (JERRY D for DAVID JERRY) both
 * names are there: no hold.
 */
export const INITIAL_ONLY_SQL = `((length(p.nm_first) = 1 OR b.lv_first_name IN (${level('first_name', 'first part of a compound given name')},
    ${level('first_name', 'a later part of a compound given name')}, ${level('first_name', "the other's middle initial")})
    OR (b.lv_first_name = ${level('first_name', 'given and middle name swapped')} AND p.nm_middle IS NULL))
  AND ${NO_TIN_AGREES}
  AND NOT ${FULL_MIDDLE_NAME_AGREES})`;

/**
 * The request's given name is the candidate's without its final A (DANIEL asked, DANIELA on the
 * record; JUAN, JUANA), and is itself a given name some taxpayer carries: a brother — a twin shares
 * the date of birth and the home — is then as likely as the final letter dropped, which is what a
 * name no taxpayer carries (LAUR for LAURA) is read as. The typo levels take the pair (one letter
 * off, Jaro–Winkler ≥ 0.92); the other way round (DANIELA asked, DANIEL on the record) is
 * 'different' already (comparison-levels.ts). Like an initial, no automatic confirmation without a
 * TIN that agrees: a reviewer decides.
 */
const TYPO_LEVELS = [
  level('first_name', 'Jaro-Winkler ≥ 0.88'),
  level('first_name', 'sounds the same'),
  level('first_name', 'Jaro-Winkler ≥ 0.92'),
];
export const OTHER_SEX_FORM_SQL = `
  SELECT DISTINCT b.request_id FROM best b
  JOIN pending p USING (request_id)
  JOIN reference_records f ON f.taxpayer_id = b.taxpayer_id
  WHERE b.lv_first_name IN (${TYPO_LEVELS.join(', ')}) AND ${NO_TIN_AGREES}
    AND length(p.nm_first) >= 3 AND NOT regexp_matches(p.nm_first, '[AEIOUY ]$')
    AND f.nm_first = p.nm_first || 'A'
    AND p.nm_first IN (SELECT nm_first FROM reference_names)`;

/**
 * The given name asked is a typo's distance from the candidate's (one letter off, Jaro–Winkler ≥ 0.88
 * or sounding the same: MARK asked, MARY on the record) and is itself a given name some taxpayer
 * carries: a twin so named — same date of birth, surname and home, never filed — is then as likely
 * as the typo, the more so as twins are often given names a letter apart. A name nobody carries
 * (MARU for MARY) is read as the typo it is. Without a TIN that agrees, no automatic confirmation:
 * a reviewer decides. A full middle name that agrees lifts it (twins are not given one middle name),
 * as for an initial.
 */
export const ANOTHER_CARRIED_NAME_SQL = `
  SELECT b.request_id FROM best b
  JOIN pending p USING (request_id)
  WHERE b.lv_first_name IN (${TYPO_LEVELS.join(', ')}) AND ${NO_TIN_AGREES}
    AND p.nm_first IN (SELECT nm_first FROM reference_names)
    AND NOT ${FULL_MIDDLE_NAME_AGREES}`;

/**
 * The levels at which the given name asked reads as a slip of the candidate's: the typo levels, and
 * a slip that makes a name no taxpayer carries.
 */
const SLIP_LEVELS = [...TYPO_LEVELS, level('first_name', 'a typo of it, a name nobody carries')];
/**
 * How far (edits) the search for carried names near a slip reaches. Damerau–Levenshtein is at least
 * the difference in length, so names more than this many letters longer or shorter are left out of
 * the search without being read; a candidate's own name further than this from the slip is held,
 * since the search cannot vouch that no other carried name is as near. A typist's slip is one or two
 * edits; the typo levels reach further only in long names.
 */
const NEAR_EDITS = 2;
/**
 * The carried given names nearest to each given name asked that no taxpayer carries and that the
 * request's best candidate reads as a slip of (NEAR_SLIP_SQL), within NEAR_EDITS edits. Bounded at
 * scale: only the few distinct names asked (not the requests), each against the carried names in
 * its block — length within NEAR_EDITS, and a first letter the slip could have come from: the same,
 * one on a touching key (the comparison levels read a first letter replaced by a key that does not
 * touch it as another name, GARY for MARY), or one edit at the front (the carried name's first
 * letter is the slip's second, or its second the slip's first: a letter dropped, added or two
 * swapped there). An equality join on that letter, one statement.
 */
export const NEAREST_GIVEN_NAMES_SQL = `
CREATE OR REPLACE TEMP TABLE ${WORK_TABLES.nearestGivenNames} AS
WITH carried AS (SELECT DISTINCT nm_first AS name FROM reference_names WHERE length(nm_first) > 1),
asked AS (
  SELECT DISTINCT p.nm_first AS asked FROM (${PENDING_REQUESTS_SQL}) p
  JOIN match_candidates b ON b.batch_id = $1 AND b.request_id = p.request_id AND b.candidate_rank = 1
  WHERE b.lv_first_name IN (${SLIP_LEVELS.join(', ')}) AND length(p.nm_first) > 1
    AND p.nm_first NOT IN (SELECT name FROM carried)
),
first_letters AS (
  SELECT asked, unnest(list_distinct([left(asked, 1), substr(asked, 2, 1)]
    || list_transform(list_filter([${KEYS_TOUCHING.map((k) => `'${k}'`).join(', ')}], k -> left(k, 1) = left(asked, 1)), k -> right(k, 1)))) AS letter
  FROM asked
),
near AS (
  SELECT l.asked, c.name FROM first_letters l JOIN carried c ON left(c.name, 1) = l.letter
  WHERE abs(length(c.name) - length(l.asked)) <= ${NEAR_EDITS}
  UNION
  SELECT a.asked, c.name FROM asked a JOIN carried c ON substr(c.name, 2, 1) = left(a.asked, 1)
  WHERE abs(length(c.name) - length(a.asked)) <= ${NEAR_EDITS}
)
SELECT asked, name, damerau_levenshtein(asked, name) AS distance FROM near
WHERE damerau_levenshtein(asked, name) <= ${NEAR_EDITS}
QUALIFY distance = min(distance) OVER (PARTITION BY asked)`;

/**
 * The given name asked is no name any taxpayer carries and reads as a slip of the candidate's (LUS
 * for LUISA, JUAAN for JUAN, AELJANDRA for ALEJANDRO), but the candidate's name is not the one
 * carried given name nearest to it: another carried name is at no greater distance (LUIS, one edit
 * from LUS where LUISA is two; JUANA, one from JUAAN as JUAN is). A twin so named — same date of
 * birth, surname and home, never filed — is then as likely as the slip, as for a slip that makes a
 * carried name (ANOTHER_CARRIED_NAME_SQL): without a TIN or a full middle name that agrees, no
 * automatic confirmation. The candidate's names are those of all its returns and the nicknames (of
 * three letters or more) of their formal names, whose slips the level reads too (WIL for WILLIAM: WILL
 * is the candidate's own, WILT another's). A candidate's own name further than NEAR_EDITS from the
 * slip is held too. The other name must itself be one edit from one of the candidate's: twins are
 * often named as a pair (LUIS and LUISA, JUAN and JUANA), while a twin so named as an unrelated name
 * (JOSE for a JOSEPH asked as JOSEP) is no likelier than that name's share of all names, so that
 * twin rate × never filed × share stays far below the 1 in 1,000 a confirmation allows.
 *
 * A middle name or initial on the request that agrees with the record's (JOSEP B for JOSEPH B,
 * KELLLY T for KELLY TRACY, MTATHEW LOGAN for MATTHEW L) lifts this hold too — not the holds of a
 * name asked that is itself carried (ANOTHER_CARRIED_NAME_SQL, OTHER_SEX_FORM_SQL), which only a
 * full middle name lifts. The twin guarded against here is named as a pair with the filer, never
 * filed, and must besides share the filer's middle initial: two people share one 7.5 % of the
 * time, and the commonest, J, is 14.6 % of all (the middle initials of the 20,828 people of the
 * pseudopeople social-security sample in ../shared/datasets). A twin for 3.2 % of people (32.1
 * twin births per 1,000, CDC 2019); a pair named one edit apart is, all but never, a boy and a girl
 * given one name's two forms (LUIS and LUISA), and boy-and-girl pairs are about a third of twins
 * (half the fraternal two thirds), so at most a quarter of twins even if three in four such pairs
 * were so named. 0.032 × 0.25 × 0.075 ≈ 0.0006 even if no such twin ever filed, below the 1 in 1,000
 * a confirmation allows; 0.0012 for a J, brought below it if one twin in six of a filer files too
 * (and is then a candidate in its own right, weighed by the margin). A request that gives no middle
 * name carries no such evidence and stays held (LUS for LUISA, JUAAN for JUAN).
 */
const MIDDLE_OR_INITIAL_AGREES = `(${FULL_MIDDLE_NAME_AGREES}
  OR b.lv_middle_name = ${level('middle_name', 'initial agrees')})`;
export const NEAR_SLIP_SQL = `
  SELECT s.request_id FROM (
    SELECT request_id, asked, names, list_min(list_transform(names, n -> damerau_levenshtein(asked, n))) AS distance
    FROM (
      SELECT b.request_id, p.nm_first AS asked,
        list_distinct(flatten(list([f.nm_first] || list_filter(${nicknamesOf('f')}, k -> length(k) >= 3)))) AS names
      FROM best b
      JOIN pending p USING (request_id)
      JOIN reference_rows rr ON rr.taxpayer_id = b.taxpayer_id
      JOIN reference_names f ON f.name_id = rr.name_id
      WHERE b.lv_first_name IN (${SLIP_LEVELS.join(', ')}) AND ${NO_TIN_AGREES}
        AND length(p.nm_first) > 1 AND p.nm_first NOT IN (SELECT nm_first FROM reference_names WHERE nm_first IS NOT NULL)
        AND NOT coalesce(${MIDDLE_OR_INITIAL_AGREES}, false)
        AND f.nm_first IS NOT NULL
      GROUP BY b.request_id, p.nm_first)
  ) s
  WHERE s.distance > ${NEAR_EDITS} OR EXISTS (SELECT 1 FROM ${WORK_TABLES.nearestGivenNames} n
    WHERE n.asked = s.asked AND n.distance <= s.distance AND NOT list_contains(s.names, n.name)
      AND EXISTS (SELECT 1 FROM (SELECT unnest(s.names) AS own) WHERE damerau_levenshtein(n.name, own) <= 1))`;

/**
 * The request writes a compound given name split into given and middle name (MARIA, middle ISABEL,
 * for MARIA ISABEL — a given name taxpayers carry), and none of the candidate's returns carries a
 * second given name or a middle name: the candidate MARIA's twin MARIA ISABEL, who never filed,
 * looks exactly so. The first part of a compound given name alone (INITIAL_ONLY_SQL) read from the
 * request's two fields; held the same way without a TIN that agrees.
 */
export const COMPOUND_SPLIT_SQL = `
  SELECT b.request_id FROM best b
  JOIN pending p USING (request_id)
  WHERE b.lv_middle_name = ${level('middle_name', 'missing')} AND b.lv_first_name >= ${agreesFrom('first_name')}
    AND ${NO_TIN_AGREES}
    AND NOT contains(p.nm_first, ' ') AND length(p.nm_middle) > 1
    AND p.nm_first || ' ' || p.nm_middle IN (SELECT nm_first FROM reference_names)
    AND NOT EXISTS (SELECT 1 FROM reference_records f WHERE f.taxpayer_id = b.taxpayer_id AND contains(f.nm_first, ' '))`;

/**
 * Across the given-name and surname swap (the name written family name first, its given name in the
 * surname field): `compound`, a given name of two words or more, against `single`, one word that is
 * its first, `single` giving no full middle name (KIM, surname MINH ANH, asked where MINH KIM
 * filed: her twin MINH ANH, who never filed, looks exactly so), as FIRST_PART_ONLY reads it where
 * the name is written in order. A full middle name is the second part written there: the same name
 * or another one (SECOND_GIVEN_NAME_DIFFERS_SQL). Which side wrote the name family name first is not
 * known, so a surname field is read as a given name too; the compound must be a given name some
 * taxpayer carries, as a split compound must (COMPOUND_SPLIT_SQL): two surnames (GARCIA LOPEZ,
 * against GARCIA, JUAN asked family name first, the second surname dropped) are none.
 */
const FIRST_PART_ACROSS = (compound: string, single: string, singleMiddle: string) =>
  `coalesce(contains(${compound}, ' ') AND NOT contains(${single}, ' ') AND split_part(${compound}, ' ', 1) = ${single}
    AND coalesce(length(${singleMiddle}), 0) <= 1 AND ${compound} IN (SELECT nm_first FROM reference_names), false)`;
/**
 * The mirror of COMPOUND_SPLIT_SQL: the record writes a compound given name split into given and
 * middle name (MARIA, middle FERNANDA, for MARIA FERNANDA — a given name taxpayers carry), and the
 * request gives only its first part, with no middle name: her twin MARIA ISABEL, who never filed,
 * asked as MARIA, looks exactly so. The first part of a compound given name alone
 * (INITIAL_ONLY_SQL), read from the record's two fields; held the same way without a TIN that
 * agrees. A middle name that makes no given name anybody carries (MARIA, middle ROSA) is a middle
 * name, which a request often leaves out.
 */
export const COMPOUND_FIRST_PART_SQL = `
  SELECT DISTINCT b.request_id FROM best b
  JOIN pending p USING (request_id)
  JOIN reference_records f ON f.taxpayer_id = b.taxpayer_id
  WHERE ${NO_TIN_AGREES} AND (((p.nm_middle IS NULL OR NOT ${MIDDLE_IS_GIVEN_NAME}) AND NOT contains(p.nm_first, ' ')
    AND ((f.nm_first = p.nm_first AND length(f.nm_middle) > 1
        AND f.nm_first || ' ' || f.nm_middle IN (SELECT nm_first FROM reference_names))
      -- The same case through a nickname or a name form: PEPE (or PRPE, its slip) asked where JOSE
      -- MANUEL filed reads as the same formal name, JOSE, which is only the first part of his: his
      -- twin JOSE LUIS, who never filed, is a PEPE too.
      OR (b.lv_first_name IN (${level('first_name', 'may stand for the same formal name')}, ${level('first_name', 'same formal name')})
        AND contains(f.nm_first, ' ') AND p.nm_first <> replace(f.nm_first, ' ', ''))))
    OR (b.lv_first_name = ${level('first_name', 'given name and surname swapped')}
      AND (${FIRST_PART_ACROSS('p.nm_last', 'f.nm_first', 'f.nm_middle')} OR ${FIRST_PART_ACROSS('f.nm_first', 'p.nm_last', 'p.nm_middle')}
        OR ${FIRST_PART_ACROSS('f.nm_last', 'p.nm_first', 'p.nm_middle')} OR ${FIRST_PART_ACROSS('p.nm_first', 'f.nm_last', 'f.nm_middle')})))`;

/**
 * Two given names of two parts that share the first and differ in the second (MARIA ANGELA asked,
 * MARIA ANGELICA on the record; NGOC ANH and NGOC LAN; JI WOO and JI HO), the second parts told
 * apart by no more than a typo's distance or not at all: siblings are named so — a shared first
 * name or generation syllable, a second of their own — and twins most of all. The comparison reads
 * the pair as one name with a slip; without a TIN that agrees a reviewer decides. Read with the
 * parts joined too (NGOCANH asked where NGOC LAN filed), and across the fields where the names are
 * written family name first (the given-name and surname swap).
 */
const SECOND_PART_DIFFERS = (asked: string, filed: string) => `(len(string_split(${filed}, ' ')) = 2 AND (
    (len(string_split(${asked}, ' ')) = 2 AND split_part(${asked}, ' ', 1) = split_part(${filed}, ' ', 1)
      AND split_part(${asked}, ' ', 2) <> split_part(${filed}, ' ', 2))
    OR (NOT contains(${asked}, ' ') AND starts_with(${asked}, split_part(${filed}, ' ', 1))
      AND length(${asked}) > length(split_part(${filed}, ' ', 1)) AND ${asked} <> replace(${filed}, ' ', ''))))`;
/**
 * The same where the return writes the two parts as given and middle name (NGOC, middle LAN; JI,
 * middle WOO) and the request two given names, the first the record's and the second another full
 * name (NGOC AN, a sister: the comparison reads AN inside LAN as the same part shortened; JI HO in
 * the surname field, written family name first, KIM). A second part written as an initial (JOHN P
 * for JOHN, middle PAUL) is the middle initial a clerk writes, no other name.
 */
const SECOND_PART_DIFFERS_FROM_MIDDLE = (
  asked: string,
) => `(NOT contains(f.nm_first, ' ') AND length(f.nm_middle) > 1
    AND NOT contains(f.nm_middle, ' ') AND len(string_split(${asked}, ' ')) = 2 AND split_part(${asked}, ' ', 1) = f.nm_first
    AND length(split_part(${asked}, ' ', 2)) > 1 AND split_part(${asked}, ' ', 2) <> f.nm_middle)`;
export const SECOND_GIVEN_NAME_DIFFERS_SQL = `
  SELECT DISTINCT b.request_id FROM best b
  JOIN pending p USING (request_id)
  JOIN reference_records f ON f.taxpayer_id = b.taxpayer_id
  WHERE ${NO_TIN_AGREES}
    AND (${SECOND_PART_DIFFERS('p.nm_first', 'f.nm_first')} OR (p.nm_middle IS NULL AND ${SECOND_PART_DIFFERS_FROM_MIDDLE('p.nm_first')})
      OR (b.lv_first_name = ${level('first_name', 'given name and surname swapped')}
        AND (${SECOND_PART_DIFFERS('p.nm_first', 'f.nm_last')} OR ${SECOND_PART_DIFFERS('p.nm_last', 'f.nm_first')}
          OR ${SECOND_PART_DIFFERS_FROM_MIDDLE('p.nm_last')})))`;
