import type { paths } from '../api/schema.ts';
import type { FieldWeight } from './waterfall.ts';

/** A JSON success body of the service's API, as its OpenAPI document types it. */
type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

type VIEW = '/api/batches/{batchId}/reviews/{requestId}';
/** One request beside every taxpayer it may be (the service's review view). */
export type RequestView = Json<VIEW, 'get'>;
export type CandidateView = RequestView['candidates'][number];
/** A row of the review queue. */
export type QueueRow = Json<'/api/batches/{batchId}/reviews', 'get'>[number];
type DecideBody = paths[VIEW]['post']['requestBody'] extends
  { content: { 'application/json': infer T } } | undefined
  ? T
  : never;
/** A reviewer's verdict: the outcome, and the taxpayer for CONFIRMED and NOT_CONFIRMED. */
export type Verdict = Omit<DecideBody, 'note'>;
export type VerdictResult = Json<VIEW, 'post'>['results'][number];

/** The fields a reviewer compares, in the order shown (the service's side-by-side fields). */
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

export interface Waterfall {
  priorBits: number;
  fields: FieldWeight[];
  bestCandidate: string | null;
}

/**
 * The waterfall of a matched decision's explanation. The service's document leaves the
 * explanation untyped, so it is read defensively: anything unexpected shows no chart rather than a
 * wrong one.
 */
export function waterfallOf(explanation: unknown): Waterfall | null {
  if (!isObject(explanation) || explanation['kind'] !== 'matched') return null;
  const { priorBits, fields, bestCandidate } = explanation;
  if (typeof priorBits !== 'number' || !Array.isArray(fields)) return null;
  const weights: FieldWeight[] = [];
  for (const field of fields as unknown[]) {
    if (!isObject(field)) return null;
    const { field: name, label, bits } = field;
    if (typeof name !== 'string' || typeof label !== 'string' || typeof bits !== 'number') return null;
    weights.push({ field: name, label, bits });
  }
  return {
    priorBits,
    fields: weights,
    bestCandidate: typeof bestCandidate === 'string' ? bestCandidate : null,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
