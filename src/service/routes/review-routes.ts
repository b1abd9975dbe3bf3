import { z } from 'zod';
import { recordRead } from '../../audit/audit-session.ts';
import { actorLabel } from '../../people/actor.ts';
import { getBatch } from '../../pipeline/batch-stage.ts';
import { loadProgram } from '../../programs/program.ts';
import { decideReviews, type ReviewInput } from '../../review/review-decision.ts';
import { toVerdict } from '../../review/review-file.ts';
import { reviewQueue } from '../../review/review-queue.ts';
import { reviewView } from '../../review/review-view.ts';
import { callerOf } from '../caller.ts';
import { problemResponses } from '../http-errors.ts';
import type { ServiceOptions, TypedApp } from '../server.ts';

const batchIdParams = z.object({ batchId: z.string().min(1).max(100) });
const requestParams = batchIdParams.extend({ requestId: z.string().min(1).max(100) });

const decisionSchema = z.object({
  outcome: z.enum(['CONFIRMED', 'NOT_CONFIRMED', 'NO_RECORD']),
  taxpayerId: z
    .string()
    .optional()
    .meta({ description: 'CONFIRMED and NOT_CONFIRMED: a candidate, or a taxpayer an audited search found' }),
  note: z.string().min(1).max(2000).meta({ description: 'why: what the reviewer compared' }),
});

const resultsSchema = z.object({
  results: z.array(
    z.object({
      requestId: z.string(),
      step: z.enum(['decided', 'proposed', 'concurred']),
      outcome: z.string(),
      revision: z.number().int(),
      remaining: z.number().int(),
    }),
  ),
  remaining: z.number().int().meta({ description: 'requests of the batch still awaiting a reviewer' }),
});

// Side-by-side values as the review view gives them: text, and the tax year as a number.
const values = z.record(z.string(), z.union([z.string(), z.number()]).nullable());

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
        response: {
          200: z.array(
            z.object({
              request_id: z.string(),
              row_number: z.number(),
              requested_name: z.string(),
              requested_address: z.string(),
              dob: z.string().nullable(),
              status: z.string(),
              reason: z.string(),
              match_probability: z.number().nullable(),
              decided_by: z.string().nullable(),
            }),
          ),
          ...problemResponses,
        },
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
          200: z.object({
            batchId: z.string(),
            requestId: z.string(),
            request: values,
            decision: z.object({ outcome: z.string(), reason: z.string(), decidedBy: z.string() }),
            candidates: z.array(
              z.object({
                taxpayerId: z.string(),
                foundBy: z.string(),
                rank: z.number().nullable(),
                matchWeight: z.number().nullable(),
                matchProbability: z.number().nullable(),
                values,
                levels: z.record(z.string(), z.string()),
                addressOfRecord: z.object({
                  label: z.string(),
                  taxYear: z.number().nullable(),
                  agrees: z.boolean(),
                }),
              }),
            ),
            explanation: z
              .unknown()
              .meta({ description: "the matcher's per-field waterfall (as `ddesk explain --json`)" }),
            history: z.array(
              z.object({
                revision: z.number(),
                step: z.string(),
                outcome: z.string(),
                taxpayer_id: z.string().nullable(),
                found_by: z.string().nullable(),
                reviewer: z.string(),
                decided_at: z.string(),
                note: z.string(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'review.read', subject: 'batch-param' } },
    },
    async (request) => {
      const { batchId, requestId } = request.params;
      const actor = actorLabel(callerOf(request).actor);
      return access.exclusive(async (store) => {
        const view = await reviewView(store, batchId, requestId);
        await recordRead(store, clock, {
          actor,
          action: 'review.show',
          batchId,
          object: `batch ${batchId} request ${requestId}`,
          description: `read request ${requestId} of batch ${batchId} beside ${view.candidates.length} taxpayer(s)`,
          detail: { requestId, taxpayers: view.candidates.length },
        });
        // JSON numbers for the web app (DuckDB gives BIGINT as bigint).
        return JSON.parse(
          JSON.stringify(view, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
        ) as typeof view;
      });
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
      });
    });
  };

  app.post(
    '/api/batches/:batchId/reviews/:requestId',
    {
      schema: {
        tags: ['reviews'],
        summary:
          'Decide one request (revisable until approval); a confirmation needs a second reviewer to concur',
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
