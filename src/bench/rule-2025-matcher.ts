import { PENDING_REQUESTS_SQL, type Matcher } from '../linkage/matcher.ts';

/**
 * The rule the 2025 address-confirmation script applied, as the court filings and TIGTA describe
 * it: a request whose TIN and name control (the first four letters of the surname, IRS Document
 * 7071-A) match a taxpayer gets that taxpayer's address of record, whatever address was asked;
 * otherwise a request whose normalized name and 5-digit ZIP match a taxpayer's gets it. Anything
 * else is not disclosed. It is a baseline to measure against, never a way to decide.
 */
export const RULE_2025_SQL = `
WITH pending AS (${PENDING_REQUESTS_SQL}),
by_tin AS (
  SELECT p.request_id, min(t.taxpayer_id) AS taxpayer_id
  FROM pending p JOIN reference_records t
    ON p.n_tin = t.n_tin AND left(replace(p.nm_last, ' ', ''), 4) = left(replace(t.nm_last, ' ', ''), 4)
  GROUP BY p.request_id
),
by_name_zip AS (
  SELECT p.request_id, min(a.taxpayer_id) AS taxpayer_id
  FROM pending p JOIN address_of_record a
    ON p.nm_first = a.nm_first AND p.nm_last = a.nm_last AND p.ad_zip5 = a.ad_zip5
  GROUP BY p.request_id
)
SELECT p.request_id,
       CASE WHEN coalesce(t.taxpayer_id, z.taxpayer_id) IS NULL THEN 'NO_RECORD' ELSE 'CONFIRMED' END AS outcome,
       coalesce(t.taxpayer_id, z.taxpayer_id) AS taxpayer_id,
       CASE WHEN t.taxpayer_id IS NOT NULL THEN 'TIN and name control match'
            WHEN z.taxpayer_id IS NOT NULL THEN 'name and ZIP5 match'
            ELSE 'no TIN or name+ZIP match' END AS reason,
       CASE WHEN t.taxpayer_id IS NOT NULL THEN 'rule-2025.tin-and-name-control'
            WHEN z.taxpayer_id IS NOT NULL THEN 'rule-2025.name-and-zip'
            ELSE 'rule-2025.no-match' END AS rule_id
FROM pending p LEFT JOIN by_tin t USING (request_id) LEFT JOIN by_name_zip z USING (request_id)
`;

export const rule2025Matcher: Matcher = {
  name: 'rule-2025',
  async decide(store, { batchId, decidedAt }) {
    await store.run(
      `INSERT INTO decisions (batch_id, request_id, outcome, rule_id, reason, taxpayer_id, match_probability, explanation, decided_by, decided_at)
       SELECT $1, request_id, outcome, rule_id, reason, taxpayer_id, NULL, NULL, 'baseline:rule-2025', $2::TIMESTAMP
       FROM (${RULE_2025_SQL})`,
      [batchId, decidedAt],
    );
  },
};
