import { z } from 'zod';
import { COMPARISON_FIELDS } from '../../linkage/comparison-levels.ts';
import { recordRead } from '../../audit/audit-session.ts';
import { DeskError } from '../../errors.ts';
import { actorLabel } from '../../people/actor.ts';
import { getBatch } from '../../pipeline/batch-stage.ts';
import { loadProgram } from '../../programs/program.ts';
import { decideReviews, type ReviewInput } from '../../review/review-decision.ts';
import { toVerdict } from '../../review/review-file.ts';
import { reviewQueue } from '../../review/review-queue.ts';
import { reviewView } from '../../review/review-view.ts';
import { MAX_SEARCH_RESULTS, searchReference } from '../../review/reference-search.ts';
import { callerOf } from '../caller.ts';
import { problemResponses } from '../http-errors.ts';
import { decisionExplanationSchema } from '../schemas/accounting-schemas.ts';
import type { ServiceOptions, TypedApp } from '../server.ts';

const batchIdParams = z.object({ batchId: z.string().min(1).max(100) });
const requestParams = batchIdParams.extend({ requestId: z.string().min(1).max(100) });

const decisionSchema = z
  .object({
    outcome: z.enum(['CONFIRMED', 'NOT_CONFIRMED', 'NO_RECORD', 'SECOND_REVIEW']).meta({
      description:
        'SECOND_REVIEW decides nothing: another reviewer (not the one who sent it) decides the request',
    }),
    taxpayerId: z.string().optional().meta({
      description: 'CONFIRMED and NOT_CONFIRMED: a candidate, or a taxpayer an audited search found',
    }),
    note: z.string().min(1).max(2000).meta({ description: 'why: what the reviewer compared' }),
  })
  .meta({ id: 'ReviewDecision' });

const resultsSchema = z
  .object({
    results: z.array(
      z.object({
        requestId: z.string(),
        step: z.enum(['decided', 'proposed', 'concurred', 'referred']),
        outcome: z.string(),
        revision: z.number().int(),
        remaining: z.number().int(),
      }),
    ),
    remaining: z.number().int().meta({ description: 'requests of the batch still awaiting a reviewer' }),
  })
  .meta({ id: 'ReviewResults' });

const queueItemSchema = z
  .object({
    request_id: z.string(),
    row_number: z.number(),
    requested_name: z.string(),
    requested_address: z.string(),
    dob: z.string().nullable(),
    status: z.string().meta({
      description: '`awaiting review`, `awaiting a second reviewer`, or `decided: <outcome>` (all=true)',
    }),
    reason: z.string(),
    match_probability: z.number().nullable(),
    decided_by: z.string().nullable().meta({ description: 'the reviewer(s) who decided so far' }),
    status_since: z.string().meta({
      description: "when the request took its status: the matcher's decision, or a reviewer's last answer",
    }),
  })
  .meta({ id: 'ReviewQueueItem' });

const text = z.string().nullable();
/** The fields a reviewer compares (src/review/review-view.ts), as received or as filed. */
const valuesSchema = z
  .object({
    name: text,
    dob: text,
    tin: text.meta({ description: 'the last four digits only' }),
    address: text,
    city: text,
    state: text,
    zip: text,
    tax_year: z.number().nullable(),
  })
  .meta({ id: 'SideBySideValues' });

const comparisonField = z.enum(COMPARISON_FIELDS);

const candidateSchema = z
  .object({
    taxpayerId: z.string(),
    foundBy: z
      .string()
      .meta({ description: "`candidate` (the matcher's) or `search:<id>` (an audited search)" }),
    rank: z.number().nullable(),
    matchWeight: z.number().nullable(),
    matchProbability: z.number().nullable(),
    values: valuesSchema,
    levels: z.partialRecord(comparisonField, z.string()),
    addressOfRecord: z.object({ label: z.string(), taxYear: z.number().nullable(), agrees: z.boolean() }),
    years: z.array(valuesSchema).meta({
      description: "the taxpayer's returns year by year, newest first (the first is the address of record)",
    }),
  })
  .meta({ id: 'ReviewCandidate' });

const reviewViewSchema = z
  .object({
    batchId: z.string(),
    requestId: z.string(),
    request: valuesSchema,
    decision: z.object({ outcome: z.string(), reason: z.string(), decidedBy: z.string() }),
    candidates: z.array(candidateSchema),
    explanation: decisionExplanationSchema,
    history: z.array(
      z.object({
        revision: z.number(),
        step: z
          .string()
          .meta({ description: '`decide`, `refer` (sent to a second reviewer) or `second-review`' }),
        outcome: z.string(),
        taxpayer_id: z.string().nullable(),
        found_by: z.string().nullable(),
        reviewer: z.string(),
        decided_at: z.string(),
        note: z.string(),
      }),
    ),
  })
  .meta({ id: 'ReviewView' });

export function registerReviewRoutes(app: TypedApp, options: ServiceOptions): void {
  const { access, clock } = options;

  app.get(
    '/api/batches/:batchId/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'The review queue of a batch (taxpayer data: the read is audited); all=true adds decided requests',
        params: batchIdParams,
        querystring: z.object({ all: z.stringbool().optional() }),
        response: { 200: z.array(queueItemSchema), ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'review.read', subject: 'batch-param' } },
    },
    async (request) => {
      const { batchId } = request.params;
      const actor = actorLabel(callerOf(request).actor);
      return access.exclusive(async (store) => {
        const items = await reviewQueue(store, batchId, { all: request.query.all ?? false });
        await recordRead(store, clock, {
          actor,
          action: 'review.list',
          batchId,
          object: `batch ${batchId} review queue`,
          description: `read the review queue of batch ${batchId}: ${items.length} requests with names, addresses and dates of birth`,
          detail: { requests: items.length },
        });
        return items.map(({ explanation: _explanation, ...item }) => ({
          ...item,
          row_number: Number(item.row_number),
        }));
      });
    },
  );

  app.get(
    '/api/batches/:batchId/reviews/:requestId',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "One request beside each taxpayer it may be, with the matcher's levels and waterfall (audited read)",
        params: requestParams,
        response: {
          200: reviewViewSchema,
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'review.read', subject: 'batch-param' } },
    },
    async (request) => {
      const { batchId, requestId } = request.params;
      const actor = actorLabel(callerOf(request).actor);
      return access.exclusive(async (store) => {
        const view = await reviewView(store, batchId, requestId, options.reference);
        await recordRead(store, clock, {
          actor,
          action: 'review.show',
          batchId,
          object: `batch ${batchId} request ${requestId}`,
          description: `read request ${requestId} of batch ${batchId} beside ${view.candidates.length} taxpayer(s)`,
          detail: { requestId, taxpayers: view.candidates.length },
        });
        const { explanation } = view;
        // reviewView finds the decision first, so its explanation is never `not-found`.
        if (explanation.kind === 'not-found')
          throw new DeskError('NOT_FOUND', `no decision for request ${requestId} in batch ${batchId}`);
        // JSON numbers for the web app (DuckDB gives BIGINT as bigint).
        const found = { ...view, explanation };
        return JSON.parse(
          JSON.stringify(found, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
        ) as typeof found;
      });
    },
  );

  app.post(
    '/api/batches/:batchId/reviews/:requestId/search',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'Look beyond the candidates: a TIN, or a surname with a given name, ZIP or date of birth (stored and audited; the criteria stay out of the log)',
        params: requestParams,
        body: z.object({
          tin: z.string().max(20).optional(),
          lastName: z.string().max(100).optional(),
          firstName: z.string().max(100).optional(),
          zip: z.string().max(10).optional(),
          dob: z.string().max(10).optional().meta({ description: 'YYYY-MM-DD' }),
        }),
        response: {
          200: z
            .object({
              searchId: z.string(),
              hits: z.array(
                z.object({
                  taxpayer_id: z.string(),
                  name: z.string(),
                  dob: z.string().nullable(),
                  tin: z.string().nullable().meta({ description: 'the last four digits only' }),
                  address_of_record: z.string(),
                  tax_year: z.number().nullable(),
                }),
              ),
              more: z.boolean().meta({
                description: `more than ${MAX_SEARCH_RESULTS} taxpayers matched: narrow the search`,
              }),
            })
            .meta({ id: 'ReferenceSearchResult' }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'reference.search', subject: 'batch-param' } },
    },
    async (request) => {
      const { batchId, requestId } = request.params;
      // Empty fields are not criteria.
      const criteria = Object.fromEntries(
        Object.entries(request.body).filter(([, value]) => value !== undefined && value.trim() !== ''),
      );
      return access.exclusive((store) =>
        searchReference(store, clock, {
          batchId,
          requestId,
          actor: callerOf(request).actor,
          criteria,
          ...(options.reference ? { reference: options.reference } : {}),
        }),
      );
    },
  );

  const decide = async (
    batchId: string,
    decisions: ReviewInput[],
    request: Parameters<typeof callerOf>[0],
  ) => {
    const actor = callerOf(request).actor;
    return access.exclusive(async (store) => {
      const batch = await getBatch(store, batchId);
      return decideReviews(store, clock, {
        batchId,
        program: loadProgram(batch.program_id),
        actor,
        decisions,
        ...(options.reference ? { reference: options.reference } : {}),
      });
    });
  };

  app.post(
    '/api/batches/:batchId/reviews/:requestId',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'Decide one request (revisable until approval) or send it to a second reviewer; a confirmation needs a second reviewer to concur',
        params: requestParams,
        body: decisionSchema,
        response: { 200: resultsSchema, ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'review.decide', subject: 'batch-param' } },
    },
    async (request) => {
      const { outcome, taxpayerId, note } = request.body;
      return decide(
        request.params.batchId,
        [{ requestId: request.params.requestId, verdict: toVerdict(outcome, taxpayerId), note }],
        request,
      );
    },
  );

  app.post(
    '/api/batches/:batchId/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Decide many requests at once, all or nothing (the first refusal names its request)',
        params: batchIdParams,
        body: z.object({
          decisions: z
            .array(decisionSchema.extend({ requestId: z.string().min(1).max(100) }))
            .min(1)
            .max(100_000),
        }),
        response: { 200: resultsSchema, ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'review.decide', subject: 'batch-param' } },
    },
    async (request) =>
      decide(
        request.params.batchId,
        request.body.decisions.map((d) => ({
          requestId: d.requestId,
          verdict: toVerdict(d.outcome, d.taxpayerId),
          note: d.note,
        })),
        request,
      ),
  );
}
