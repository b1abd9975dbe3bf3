/**
 * What the workbench shows of one request, as the service's review view gives it (the page passes
 * the API's object; these are the fields the components read, so a change to the API's shape fails
 * the type check here).
 */
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
export type FieldValues = Record<SideBySideField, string | null>;

export interface CandidateView {
  taxpayerId: string;
  foundBy: string;
  matchProbability: number | null;
  values: FieldValues;
  levels: Partial<Record<string, string>>;
  addressOfRecord: { label: string; taxYear: number | null; agrees: boolean };
  otherYears?: readonly { taxYear: number | null; address: string }[];
}

export interface ExplanationView {
  kind: string;
  priorBits?: number;
  fields?: readonly { field: string; label: string; bits: number }[];
  bestCandidate?: string | null;
}

export interface RequestView {
  batchId: string;
  requestId: string;
  request: FieldValues;
  decision: { outcome: string; reason: string; decidedBy: string };
  candidates: readonly CandidateView[];
  explanation: ExplanationView;
  history: readonly {
    revision: number;
    step: string;
    outcome: string;
    taxpayer_id: string | null;
    reviewer: string;
    decided_at: string;
    note: string;
  }[];
}

/** The matcher's comparison fields shown under each side-by-side row. */
export const LEVEL_FIELDS: Record<SideBySideField, readonly string[]> = {
  name: ['first_name', 'middle_name', 'last_name', 'suffix'],
  dob: ['dob'],
  tin: ['tin'],
  address: ['address'],
  city: ['city'],
  state: [],
  zip: [],
  tax_year: [],
};

export const FIELD_LABELS: Record<SideBySideField, string> = {
  name: 'Name',
  dob: 'Date of birth',
  tin: 'TIN',
  address: 'Address',
  city: 'City',
  state: 'State',
  zip: 'ZIP',
  tax_year: 'Tax year',
};

/** One row of the review queue, as the service lists it. */
export interface QueueRow {
  request_id: string;
  row_number: number;
  requested_name: string;
  status: string;
  reason: string;
  match_probability: number | null;
  decided_by: string | null;
}

export type Verdict =
  | { outcome: 'CONFIRMED'; taxpayerId: string }
  | { outcome: 'NOT_CONFIRMED'; taxpayerId: string }
  | { outcome: 'NO_RECORD' };

export interface VerdictResult {
  step: string;
  outcome: string;
  remaining: number;
}
