import { recordRead } from '../audit/audit-session.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { explainDecision, type DecisionExplanation } from '../linkage/explain-decision.ts';
import type { Store } from '../store/store.ts';

export type FoundExplanation = Exclude<DecisionExplanation, { kind: 'not-found' }>;

/**
 * Why a request got its outcome, read as `ddesk explain` and the API read it: the explanation
 * shows the request's and a taxpayer's data, so the read is audited in the same call.
 */
export async function readDecisionExplanation(
  store: Store,
  clock: Clock,
  input: {
    actor: string;
    batchId: string;
    requestId: string;
    /** The taxpayer reference when the record is kept apart from it; default: `store`. */
    reference?: Store;
  },
): Promise<FoundExplanation> {
  const { actor, batchId, requestId } = input;
  const explanation = await explainDecision(store, batchId, requestId, input.reference ?? store);
  if (explanation.kind === 'not-found')
    throw new DeskError('NOT_FOUND', `no decision for request ${requestId} in batch ${batchId}`);
  await recordRead(store, clock, {
    actor,
    action: 'decision.explain',
    batchId,
    object: `batch ${batchId} request ${requestId}`,
    description: `read the explanation of request ${requestId} of batch ${batchId} (request and candidate taxpayer data)`,
  });
  return explanation;
}
