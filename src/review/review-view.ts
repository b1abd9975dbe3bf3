import { explainDecision, type DecisionExplanation } from '../linkage/explain-decision.ts';
import { COMPARISON_FIELDS, levelLabel, type ComparisonField } from '../linkage/comparison-levels.ts';
import { DeskError } from '../errors.ts';
import { DecisionRepository } from '../store/repositories/decision-repository.ts';
import type { Store } from '../store/store.ts';
import { addressOfRecordAgreement, describeSource, howFound, reviewStores } from './reviewable-taxpayer.ts';

/** The fields a reviewer compares, as received (request) and as filed (the address of record). */
export const SIDE_BY_SIDE_FIELDS = [
  'name',
  'dob',
  'tin',
  'address',
  'city',
  'state',
  'zip',
  'tax_year',
] as const;
export type SideBySideField = (typeof SIDE_BY_SIDE_FIELDS)[number];
/** Text fields as received or filed; the tax year (of a return) as a number. */
export type SideBySideValues = Record<Exclude<SideBySideField, 'tax_year'>, string | null> & {
  tax_year: number | null;
};
type Values = SideBySideValues;

const VALUES_SQL = (taxYear: string) => `
  concat_ws(' ', first_name, nullif(middle_name, ''), last_name) AS name,
  nullif(dob, '') AS dob,
  CASE WHEN n_tin IS NULL THEN nullif(tin, '') ELSE 'XXX-XX-' || right(n_tin, 4) END AS tin,
  concat_ws(', ', nullif(address_line1, ''), nullif(address_line2, '')) AS address,
  nullif(city, '') AS city, nullif(state, '') AS state, nullif(zip, '') AS zip,
  ${taxYear} AS tax_year`;

export interface ReviewCandidate {
  taxpayerId: string;
  /** `candidate` (the matcher's, with its rank) or `search:<id>` (a reviewer's audited search). */
  foundBy: string;
  rank: number | null;
  matchWeight: number | null;
  matchProbability: number | null;
  values: Values;
  /** Each compared field's level as the matcher labelled it (candidates only). */
  levels: Partial<Record<ComparisonField, string>>;
  addressOfRecord: { label: string; taxYear: number | null; agrees: boolean };
  /** The taxpayer's returns year by year, newest first (the first is the address of record). */
  years: Values[];
}

export type ReviewHistoryRow = {
  revision: number;
  step: string;
  outcome: string;
  taxpayer_id: string | null;
  found_by: string | null;
  reviewer: string;
  decided_at: string;
  note: string;
};

export interface ReviewView {
  batchId: string;
  requestId: string;
  request: Values;
  decision: { outcome: string; reason: string; decidedBy: string };
  candidates: ReviewCandidate[];
  explanation: DecisionExplanation;
  history: ReviewHistoryRow[];
}

/**
 * What a reviewer needs on one screen (issue 10 § 2): the request and every taxpayer it may be —
 * the matcher's candidates and those the reviewer's searches found — field by field, each with the
 * matcher's comparison level and whether the address of record agrees at the confirming level;
 * the waterfall of the matcher's decision; and the review history so far.
 */
export async function reviewView(
  store: Store,
  batchId: string,
  requestId: string,
  /** The taxpayer reference and the candidates when the record is kept apart from them; default: `store`. */
  reference?: Store,
): Promise<ReviewView> {
  const stores = reviewStores(store, reference);
  const { engine } = stores;
  const [request] = await store.all<Values>(
    `SELECT ${VALUES_SQL('NULL')} FROM requests WHERE batch_id = $1 AND request_id = $2`,
    [batchId, requestId],
  );
  const [decision] = await store.all<{ outcome: string; reason: string; decided_by: string }>(
    'SELECT outcome, reason, decided_by FROM decisions WHERE batch_id = $1 AND request_id = $2',
    [batchId, requestId],
  );
  if (!request || !decision)
    throw new DeskError('NOT_FOUND', `no decided request ${requestId} in batch ${batchId}`);
  const ranked = await engine.all<Record<string, unknown> & { taxpayer_id: string }>(
    `SELECT taxpayer_id, candidate_rank, match_weight, match_probability, ${COMPARISON_FIELDS.map((f) => `lv_${f}`).join(', ')}
     FROM match_candidates WHERE batch_id = $1 AND request_id = $2 ORDER BY candidate_rank, taxpayer_id`,
    [batchId, requestId],
  );
  const searched = await store.all<{ taxpayer_id: string }>(
    `SELECT DISTINCT f.taxpayer_id FROM reference_searches s JOIN reference_search_results f USING (search_id)
     WHERE s.batch_id = $1 AND s.request_id = $2 ORDER BY f.taxpayer_id`,
    [batchId, requestId],
  );
  const ids = [...new Set([...ranked.map((c) => c.taxpayer_id), ...searched.map((c) => c.taxpayer_id)])];
  // Every candidate's returns in one pass over the reference (a query per candidate scanned it each time).
  const yearsOf = new Map<string, (Values & { taxpayer_id: string })[]>();
  if (ids.length)
    for (const row of await engine.all<Values & { taxpayer_id: string }>(
      `SELECT taxpayer_id, ${VALUES_SQL('tax_year')} FROM reference_records
       WHERE list_contains(string_split($1, ','), taxpayer_id) ORDER BY taxpayer_id, tax_year DESC NULLS LAST`,
      [ids.join(',')],
    ))
      yearsOf.set(row.taxpayer_id, [...(yearsOf.get(row.taxpayer_id) ?? []), row]);
  const candidates: ReviewCandidate[] = [];
  for (const taxpayerId of ids) {
    const [values] = await engine.all<Values>(
      `SELECT ${VALUES_SQL('tax_year')} FROM address_of_record WHERE taxpayer_id = $1`,
      [taxpayerId],
    );
    const years = (yearsOf.get(taxpayerId) ?? []).map(({ taxpayer_id: _id, ...year }) => year);
    const match = ranked.find((c) => c.taxpayer_id === taxpayerId);
    const source = await howFound(stores, batchId, requestId, taxpayerId);
    const address = await addressOfRecordAgreement(stores, batchId, requestId, taxpayerId);
    candidates.push({
      taxpayerId,
      foundBy: source ? describeSource(source) : 'candidate',
      rank: match ? Number(match['candidate_rank']) : null,
      matchWeight: match ? Number(match['match_weight']) : null,
      matchProbability: match ? Number(match['match_probability']) : null,
      values: values ?? emptyValues(),
      levels: match
        ? Object.fromEntries(
            COMPARISON_FIELDS.map((field) => {
              const code = match[`lv_${field}`];
              return [field, levelLabel(field, code === null || code === undefined ? null : Number(code))];
            }),
          )
        : {},
      addressOfRecord: { label: address.label, taxYear: address.taxYear, agrees: address.agrees },
      years: years.map((year) => ({
        ...year,
        tax_year: year.tax_year === null ? null : Number(year.tax_year),
      })),
    });
  }
  const history = (await new DecisionRepository(store).reviews(batchId, requestId)).map(
    ({ batch_id: _batch, request_id: _request, ...row }) => row,
  );
  return {
    batchId,
    requestId,
    request,
    decision: { outcome: decision.outcome, reason: decision.reason, decidedBy: decision.decided_by },
    candidates,
    explanation: await explainDecision(store, batchId, requestId, engine),
    history,
  };
}

function emptyValues(): Values {
  return Object.fromEntries(SIDE_BY_SIDE_FIELDS.map((field) => [field, null])) as Values;
}
