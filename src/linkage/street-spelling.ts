/**
 * A street name misspelt by one letter, read as the street the reference lists, as the Postal
 * Service's address matching reads it against the streets of the ZIP code (CASS): "123 MAPEL ST"
 * in a ZIP code whose only street one letter from MAPEL is MAPLE ST is 123 MAPLE ST. The
 * comparison then finds the same home, and a true confirmation is no longer answered NOT_CONFIRMED
 * for a keyboard slip (Jaro–Winkler misses a letter changed in a short name: MAPLE/MAPKE 0.91).
 *
 * Read so that two streets are never made one:
 * - the request's own spelling is not a street of the reference in its postal code (PIKE ST stays
 *   PIKE ST where the reference lists a PIKE ST, though a PINE ST is one letter away);
 * - exactly one street of that postal code is one edit away (a letter changed, dropped, doubled, or
 *   two neighbours swapped), among those whose type agrees or is missing on one side: two
 *   candidates (PINE and PIKE for PIKK) leave the request as written;
 * - the name has four letters or more and no digit (75TH and 76TH are two streets; a 3-letter name
 *   is one letter from too many others), and the request gives a house number (a delivery point).
 * The request's written line (ad_line) is kept: the exact level still tells the two apart.
 */

/** Least length of a street name read through one misspelling (as for a misspelt suffix word). */
const MIN_NAME_LENGTH = 4;

/**
 * The rows of `requests` (an SQL FROM item with the normalized ad_* columns and request_id) with
 * ad_street read against the streets of `reference` (rows with ad_postcode, ad_street, ad_suffix).
 */
export function requestsWithStreetsReadSql(requests: string, reference: string): string {
  return `(
WITH req AS (SELECT * FROM ${requests}),
listed AS (
  SELECT DISTINCT ad_postcode, ad_street, ad_suffix FROM ${reference}
  WHERE ad_street IS NOT NULL AND ad_postcode IN (SELECT ad_postcode FROM req)
),
unlisted AS (
  SELECT r.request_id, r.ad_postcode, r.ad_street, r.ad_suffix FROM req r
  WHERE r.ad_number IS NOT NULL AND r.ad_postcode IS NOT NULL AND length(r.ad_street) >= ${MIN_NAME_LENGTH}
    AND NOT regexp_matches(r.ad_street, '[0-9]')
    AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.ad_postcode = r.ad_postcode AND l.ad_street = r.ad_street)
),
near AS (
  SELECT u.request_id, l.ad_street
  FROM unlisted u JOIN listed l ON l.ad_postcode = u.ad_postcode
  WHERE abs(length(l.ad_street) - length(u.ad_street)) <= 1
    AND damerau_levenshtein(l.ad_street, u.ad_street) = 1
    AND NOT regexp_matches(l.ad_street, '[0-9]')
    AND (u.ad_suffix IS NULL OR l.ad_suffix IS NULL OR u.ad_suffix = l.ad_suffix)
),
read_as AS (
  SELECT request_id, min(ad_street) AS ad_street FROM near GROUP BY request_id HAVING count(DISTINCT ad_street) = 1
)
SELECT req.* REPLACE (coalesce(read_as.ad_street, req.ad_street) AS ad_street)
FROM req LEFT JOIN read_as USING (request_id))`;
}
