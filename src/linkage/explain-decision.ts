import type { Store } from '../store/store.ts';
import {
  ADDRESS_CONFIRMS_AT,
  COMPARISON_FIELDS,
  levelLabel,
  type ComparisonField,
} from './comparison-levels.ts';

/** One field's contribution to a decision: its comparison level and its weight in bits. */
export interface FieldContribution {
  field: ComparisonField;
  level: number;
  label: string;
  bits: number;
  requestValue: string | null;
  referenceValue: string | null;
}

export interface ExplainedCandidate {
  taxpayerId: string;
  matchWeight: number;
  matchProbability: number;
  addressOfRecordLevel: number | null;
  passes: string[];
}

/** Why a request got its outcome — from what the decision stored, so it replays exactly. */
export type DecisionExplanation =
  | { kind: 'not-found'; batchId: string; requestId: string }
  | {
      kind: 'screened';
      batchId: string;
      requestId: string;
      outcome: string;
      ruleId: string | null;
      reason: string;
    }
  | {
      kind: 'matched';
      batchId: string;
      requestId: string;
      outcome: string;
      reason: string;
      taxpayerId: string | null;
      bestCandidate: string | null;
      runId: string;
      priorBits: number;
      fields: FieldContribution[];
      matchWeight: number | null;
      matchProbability: number | null;
      marginBits: number | null;
      addressOfRecord: {
        level: number | null;
        label: string;
        taxYear: number | null;
        confirmsAt: number;
        /** The label of the least address-of-record level that confirms. */
        confirmsAtLabel: string;
      };
      candidates: ExplainedCandidate[];
    };

interface StoredExplanation {
  run_id: string;
  prior_bits: number;
  match_weight: number | null;
  match_probability: number | null;
  margin_bits: number | null;
  best_candidate: string | null;
  address_of_record: { level: number | null; tax_year: number | null; confirms_at: number };
  fields: { field: ComparisonField; level: number | null; weight: number | null }[];
  candidates: {
    taxpayer_id: string;
    match_weight: number;
    match_probability: number;
    address_of_record_level: number | null;
    passes: string[];
  }[];
}

/** The request's and the reference's normalized values that each field compares, for display. */
const FIELD_COLUMNS: Record<ComparisonField, string> = {
  first_name: 'nm_first',
  middle_name: 'nm_middle',
  last_name: "concat_ws(' ', nm_last, nm_suffix)",
  suffix: 'nm_suffix',
  dob: 'n_dob',
  tin: "CASE WHEN n_tin IS NULL THEN NULL ELSE 'XXX-XX-' || right(n_tin, 4) END",
  address: "concat_ws(' ', ad_line, ad_postcode)",
  city: 'ad_city',
};

const VALUES_SQL = (table: string) =>
  `SELECT ${COMPARISON_FIELDS.map((f) => `${FIELD_COLUMNS[f]} AS ${f}`).join(', ')} FROM ${table}`;

export async function explainDecision(
  store: Store,
  batchId: string,
  requestId: string,
  /** Where the address of record is read when the record is kept apart from the reference; default: `store`. */
  reference: Store = store,
): Promise<DecisionExplanation> {
  const [decision] = await store.all<{
    outcome: string;
    rule_id: string | null;
    reason: string;
    taxpayer_id: string | null;
    explanation: string | null;
  }>(
    'SELECT outcome, rule_id, reason, taxpayer_id, explanation FROM decisions WHERE batch_id = $1 AND request_id = $2',
    [batchId, requestId],
  );
  if (!decision) return { kind: 'not-found', batchId, requestId };
  if (!decision.explanation)
    return {
      kind: 'screened',
      batchId,
      requestId,
      outcome: decision.outcome,
      ruleId: decision.rule_id,
      reason: decision.reason,
    };
  const stored = JSON.parse(decision.explanation) as StoredExplanation;
  const [requestValues] = await store.all<Record<string, string | null>>(
    `${VALUES_SQL('requests')} WHERE batch_id = $1 AND request_id = $2`,
    [batchId, requestId],
  );
  // The reference row shown is the taxpayer's address of record (latest tax year).
  const [referenceValues] = stored.best_candidate
    ? await reference.all<Record<string, string | null>>(
        `${VALUES_SQL('address_of_record')} WHERE taxpayer_id = $1`,
        [stored.best_candidate],
      )
    : [];
  const aor = stored.address_of_record;
  return {
    kind: 'matched',
    batchId,
    requestId,
    outcome: decision.outcome,
    reason: decision.reason,
    taxpayerId: decision.taxpayer_id,
    bestCandidate: stored.best_candidate,
    runId: stored.run_id,
    priorBits: stored.prior_bits,
    fields: stored.fields.map((f) => ({
      field: f.field,
      level: f.level ?? 0,
      label: levelLabel(f.field, f.level),
      bits: f.weight ?? 0,
      requestValue: requestValues?.[f.field] ?? null,
      referenceValue: referenceValues?.[f.field] ?? null,
    })),
    matchWeight: stored.match_weight,
    matchProbability: stored.match_probability,
    marginBits: stored.margin_bits,
    addressOfRecord: {
      level: aor.level,
      label: levelLabel('address', aor.level),
      taxYear: aor.tax_year,
      confirmsAt: aor.confirms_at ?? ADDRESS_CONFIRMS_AT,
      confirmsAtLabel: levelLabel('address', aor.confirms_at ?? ADDRESS_CONFIRMS_AT),
    },
    candidates: stored.candidates.map((c) => ({
      taxpayerId: c.taxpayer_id,
      matchWeight: c.match_weight,
      matchProbability: c.match_probability,
      addressOfRecordLevel: c.address_of_record_level,
      passes: c.passes,
    })),
  };
}
