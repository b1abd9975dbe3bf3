import { COMMON_SUFFIXES, STREET_SUFFIXES, STREET_SUFFIX_NAMES } from '../address/pub28-street-suffixes.ts';
import { DIRECTIONALS } from '../address/pub28-units-and-directionals.ts';
import { AMBIGUOUS_STREET_TYPES, compassStreetName } from '../address/read-street.ts';

/**
 * A request's street and city read against what the reference lists in the place, as the Postal
 * Service's address matching reads an address against the streets of its ZIP code and the cities
 * of its state (CASS): "123 MAPEL ST" in a ZIP code whose only street one letter from MAPEL is
 * MAPLE ST is 123 MAPLE ST; "123 ELM WQY" where the ZIP code lists ELM WAY is 123 ELM WAY; HSTN,
 * TX is HOUSTON where Texas lists no other city written with those consonants. The comparison
 * then finds the same home, and a true confirmation is no longer answered NOT_CONFIRMED for a
 * keyboard slip (Jaro–Winkler misses a letter changed in a short name: MAPLE/MAPKE 0.91).
 *
 * A request without a ZIP code is read against the streets the reference lists in its city (as read)
 * and state: fewer requests are read there, a city listing more streets, but none as another
 * listed street.
 *
 * Read so that two listed streets or cities are never made one:
 * - the request's own spelling is not listed in its place (PIKE ST stays PIKE ST where the
 *   reference lists a PIKE ST, though a PINE ST is one letter away);
 * - exactly one listed street (city) is what the request can be read as: two candidates (PINE and
 *   PIKE for PIKK; ELM DR and ELM CT for ELM DT) leave the request as written;
 * - a street name read through a letter slipped has three letters or more and no digit (75TH and
 *   76TH are two streets), and the request gives a house number (a delivery point).
 * The request's written line (ad_line) is kept: the exact level still tells the two apart.
 *
 * A street is read through one of two slips:
 * - a letter of the name changed, dropped, doubled, or two neighbours swapped, among the listed
 *   streets whose type agrees or is missing on one side;
 * - a street type misspelt past reading (WQY, DT: read-street.ts reads a slip of a common type only
 *   where no other reading is near) and so left as the name's last word: the rest is a listed
 *   name, and the word is one edit from that street's type, abbreviated or spelled out, and from
 *   no spelling of another type the place lists under that name (nor is itself one). SR is one
 *   key from ST and from DR: CENTER SR is read as CENTER ST where the place lists CENTER ST and
 *   no CENTER DR, and stays as written where it lists both, or CENTER DR alone (a slip of the
 *   first letter: UNLISTED_TYPE_RISK); the comparison then leaves the type to a reviewer. After a
 *   lone directional the word is
 *   the whole street and the directional its predirectional (EAST AVW, N ROA: read-street.ts reads
 *   a slipped type there only from five letters on, N AVON being North Avon), and W CUR after a
 *   predirectional E: the name is then the street named by that compass point (EAST, WEST), as
 *   listed with that type.
 */

/** Least length of a street name read through one misspelling: ELM and OAK are read, a 2-letter name is not. */
const MIN_NAME_LENGTH = 3;

/** The common street types with their names spelled out (AVE, AVENUE), as SQL rows. */
const COMMON_TYPE_NAMES_SQL = COMMON_SUFFIXES.map(
  (type) => `('${type}', '${STREET_SUFFIX_NAMES.get(type) ?? type}')`,
).join(', ');
/**
 * Every spelling a listed street type stands for, as SQL rows (listed type, spelling, common): the
 * Publication 28 spellings of each type (CT: CT, COURT), and for a type kept as written because it
 * abbreviates two (TR: TER or TRL), itself and the spellings of both. A word left in the name is
 * measured against the spellings of the types the place lists under the name, and of the common
 * types.
 */
const TYPE_SPELLINGS_SQL = [
  ...[...STREET_SUFFIXES].map(([spelling, type]) => [type, spelling] as const),
  ...[...AMBIGUOUS_STREET_TYPES].flatMap(([written, types]) => [
    [written, written] as const,
    ...[...STREET_SUFFIXES]
      .filter(([, type]) => types.includes(type))
      .map(([spelling]) => [written, spelling] as const),
  ]),
]
  .map(([type, spelling]) => `('${type}', '${spelling}', ${COMMON_SUFFIXES.includes(type)})`)
  .join(', ');

/**
 * UNLISTED_TYPE_RISK. The listing holds the streets somebody filed from, in any year the reference
 * holds, and no other: a street of the name with another type on which nobody filed is not in it.
 * CENTER SR where the place lists CENTER ST alone is read as CENTER ST, though the writer may have
 * meant a CENTER DR of the same ZIP code that no return names. The answer is then wrong only if
 * every one of these holds: the names, date of birth or TIN identify the taxpayer (the address
 * level decides only whether the address given is the address of record, never who the person
 * is); the request gives the taxpayer's own house number, street name and ZIP code, but another
 * type, that of a street with that number on which nobody in the reference ever filed; and the
 * writer mistyped that type into a word one slip from the record's type too. And the word must keep
 * the listed type's first letter wherever it is one slip from another common type: the first letter
 * is the one writers least often get wrong (the street-name comparison asks for it too), so SR
 * is read as a listed ST, slipped in its T, but not as a listed DR, which would take a slip of
 * the D (held for review, as where both are listed). That leaves types that share a first letter
 * (CR: CT or CIR; SY: ST or SQ) under a request already wrong in its type and an unlisted street:
 * a rarer mistake than the slips of the record's own type the reading answers, and a confirmation
 * the request's own number, name and place nearly state.
 */

/** Every Publication 28 spelling of a directional with the street name it makes (S: SOUTH), as SQL rows. */
const COMPASS_NAMES_SQL = [...DIRECTIONALS.keys()]
  .map((spelling) => `('${spelling}', '${compassStreetName(spelling) ?? spelling}')`)
  .join(', ');

/**
 * A city written with its vowels dropped (HSTN for HOUSTON, SN ANTN for SAN ANTONIO): each word's
 * first letter and its consonants. Y counts as a vowel, as writers drop it alike.
 */
export const cityConsonantsSql = (city: string) => `regexp_replace(${city}, '\\B[AEIOUY]', '', 'g')`;

/**
 * The rows of `requests` (an SQL FROM item with the normalized ad_* columns and request_id) with
 * ad_street, ad_suffix and ad_city read against `reference` (rows with ad_postcode, ad_street,
 * ad_suffix, ad_state, ad_city).
 */
export function requestsReadAgainstReferenceSql(requests: string, reference: string): string {
  return `(
WITH req AS (SELECT * FROM ${requests}),
cities AS (
  SELECT DISTINCT ad_state, ad_city FROM ${reference}
  WHERE ad_city IS NOT NULL AND ad_state IN (SELECT ad_state FROM req)
),
city_unlisted AS (
  SELECT r.request_id, r.ad_state, r.ad_city FROM req r
  WHERE r.ad_city IS NOT NULL AND r.ad_state IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM cities c WHERE c.ad_state = r.ad_state AND c.ad_city = r.ad_city)
),
city_read AS (
  SELECT u.request_id, min(c.ad_city) AS ad_city
  FROM city_unlisted u JOIN cities c
    ON c.ad_state = u.ad_state AND ${cityConsonantsSql('c.ad_city')} = ${cityConsonantsSql('u.ad_city')}
  GROUP BY u.request_id HAVING count(DISTINCT c.ad_city) = 1
),
-- The place a request's street is read in: its ZIP code, or without one its city (as read) and state.
placed AS (
  SELECT r.*, coalesce(r.ad_postcode, r.ad_state || '|' || coalesce(city_read.ad_city, r.ad_city)) AS place
  FROM req r LEFT JOIN city_read USING (request_id)
),
listed AS (
  SELECT DISTINCT ad_postcode AS place, ad_street, ad_suffix FROM ${reference}
  WHERE ad_street IS NOT NULL AND ad_postcode IN (SELECT place FROM placed)
  UNION
  SELECT DISTINCT ad_state || '|' || ad_city AS place, ad_street, ad_suffix FROM ${reference}
  WHERE ad_street IS NOT NULL AND ad_state || '|' || ad_city IN (SELECT place FROM placed WHERE ad_postcode IS NULL)
),
compass_names (spelling, name) AS (VALUES ${COMPASS_NAMES_SQL}),
unlisted AS (
  SELECT r.request_id, r.place, r.ad_street, r.ad_suffix,
    CASE WHEN contains(r.ad_street, ' ')
      THEN coalesce(before.name, regexp_extract(r.ad_street, '^(.+) ([A-Z]+)$', 1))
      ELSE predir.name END AS name_before_word,
    CASE WHEN contains(r.ad_street, ' ') THEN regexp_extract(r.ad_street, ' ([A-Z]+)$', 1)
      ELSE r.ad_street END AS last_word
  FROM placed r
  LEFT JOIN compass_names predir ON predir.spelling = r.ad_predir
  LEFT JOIN compass_names before ON before.spelling = regexp_extract(r.ad_street, '^(.+) ([A-Z]+)$', 1)
  WHERE r.ad_number IS NOT NULL AND r.place IS NOT NULL AND length(r.ad_street) >= ${MIN_NAME_LENGTH}
    AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.place = r.place AND l.ad_street = r.ad_street)
),
type_names (type, name) AS (VALUES ${COMMON_TYPE_NAMES_SQL}),
type_spellings (type, spelling, common) AS (VALUES ${TYPE_SPELLINGS_SQL}),
near AS (
  SELECT u.request_id, l.ad_street, u.ad_suffix
  FROM unlisted u JOIN listed l ON l.place = u.place
  WHERE abs(length(l.ad_street) - length(u.ad_street)) <= 1
    AND damerau_levenshtein(l.ad_street, u.ad_street) = 1
    AND NOT regexp_matches(u.ad_street, '[0-9]') AND NOT regexp_matches(l.ad_street, '[0-9]')
    AND (u.ad_suffix IS NULL OR l.ad_suffix IS NULL OR u.ad_suffix = l.ad_suffix)
  UNION ALL
  SELECT u.request_id, l.ad_street, l.ad_suffix
  FROM unlisted u
  JOIN listed l ON l.place = u.place AND l.ad_street = u.name_before_word
  JOIN type_names t ON t.type = l.ad_suffix
  WHERE u.ad_suffix IS NULL AND length(u.last_word) >= 2
    AND (damerau_levenshtein(u.last_word, t.type) = 1 OR damerau_levenshtein(u.last_word, t.name) = 1)
    -- Not as near another type the place lists under the name: CENTER SR where the place lists
    -- CENTER DR and CENTER ST is either.
    AND NOT EXISTS (
      SELECT 1 FROM listed o JOIN type_spellings s ON s.type = o.ad_suffix
      WHERE o.place = u.place AND o.ad_street = u.name_before_word AND o.ad_suffix <> l.ad_suffix
        AND damerau_levenshtein(u.last_word, s.spelling) <= 1)
    -- Near a common type the place does not list, only with the listed type's first letter
    -- (UNLISTED_TYPE_RISK): SR is a listed CENTER ST, not a listed CENTER DR.
    AND (left(u.last_word, 1) = left(l.ad_suffix, 1) OR NOT EXISTS (
      SELECT 1 FROM type_spellings s
      WHERE s.common AND s.type <> l.ad_suffix AND damerau_levenshtein(u.last_word, s.spelling) <= 1))
),
read_as AS (
  SELECT request_id, min(ad_street) AS ad_street, min(ad_suffix) AS ad_suffix FROM near GROUP BY request_id
  HAVING count(DISTINCT ad_street || '|' || coalesce(ad_suffix, '')) = 1
)
SELECT req.* REPLACE (
  coalesce(read_as.ad_street, req.ad_street) AS ad_street,
  CASE WHEN read_as.request_id IS NULL THEN req.ad_suffix ELSE read_as.ad_suffix END AS ad_suffix,
  coalesce(city_read.ad_city, req.ad_city) AS ad_city)
FROM req LEFT JOIN read_as USING (request_id) LEFT JOIN city_read USING (request_id))`;
}
