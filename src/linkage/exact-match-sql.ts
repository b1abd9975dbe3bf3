import { EXACT_RULES } from './decision-rules.ts';
import { PENDING_REQUESTS_SQL } from './matcher.ts';

/**
 * "Exact name + address": the street part of the delivery line (number, directionals, street,
 * suffix — not the unit) and the postal code must be equal after normalization.
 */
const SAME_STREET_ADDRESS = `p.ad_number = a.ad_number AND p.ad_street = a.ad_street
    AND p.ad_predir IS NOT DISTINCT FROM a.ad_predir AND p.ad_suffix IS NOT DISTINCT FROM a.ad_suffix
    AND p.ad_postdir IS NOT DISTINCT FROM a.ad_postdir
    AND coalesce(p.ad_zip5, trim(p.zip)) = coalesce(a.ad_zip5, trim(a.zip))`;

/**
 * The exact-matching baseline (what the 2025 process did, minus its unlawful shortcuts): a
 * taxpayer is the person named when the normalized given name and surname are equal; the address
 * agrees when the street address and postal code equal those of the address of record.
 * Writes one decision per request that screening passed. Pure SQL, set-based.
 */
export const EXACT_MATCH_SQL = `
WITH pending AS (${PENDING_REQUESTS_SQL}),
candidates AS (
  SELECT p.request_id, a.taxpayer_id,
         (${SAME_STREET_ADDRESS}) AS address_agrees
  FROM pending p JOIN address_of_record a
    ON p.nm_first = a.nm_first AND p.nm_last = a.nm_last
  -- In linkage mode the address is identity evidence: exact name AND exact address make a link.
  WHERE NOT $2 OR (${SAME_STREET_ADDRESS})
),
per_request AS (
  SELECT p.request_id,
         count(c.taxpayer_id) AS n,
         any_value(c.taxpayer_id) AS taxpayer_id,
         bool_or(c.address_agrees) AS address_agrees
  FROM pending p LEFT JOIN candidates c USING (request_id)
  GROUP BY p.request_id
)
SELECT request_id,
       CASE WHEN n = 0 THEN 'NO_RECORD'
            WHEN n > 1 THEN 'AMBIGUOUS'
            WHEN address_agrees THEN 'CONFIRMED'
            ELSE 'NOT_CONFIRMED' END AS outcome,
       CASE WHEN n = 1 THEN taxpayer_id END AS taxpayer_id,
       CASE WHEN n = 0 THEN '${EXACT_RULES.noName.id}'
            WHEN n > 1 THEN '${EXACT_RULES.sharedName.id}'
            WHEN address_agrees THEN '${EXACT_RULES.confirmed.id}'
            ELSE '${EXACT_RULES.addressDiffers.id}' END AS rule_id,
       CASE WHEN n = 0 THEN 'no taxpayer with exactly this name'
            WHEN n > 1 THEN n || ' taxpayers share exactly this name; a reviewer must decide'
            WHEN address_agrees THEN 'name and address equal the address of record'
            ELSE 'name equal, address differs from the address of record' END AS reason
FROM per_request
`;
