import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeskError } from '../../errors.ts';
import { checkSignedManifest, receiveSignedBatch } from '../../intake/receive-signed-batch.ts';
import { loadTrustConfig } from '../../intake/signature/trust-config.ts';
import { outcomeCounts } from '../../linkage/match-batch.ts';
import { actorLabel } from '../../people/actor.ts';
import { agencyOf, authorize } from '../../people/duties.ts';
import { batchTimeline } from '../../pipeline/batch-timeline.ts';
import { getBatch, STAGES } from '../../pipeline/batch-stage.ts';
import { screenVerifiedBatch } from '../../pipeline/stage-runs.ts';
import { screeningReport } from '../../policy/screening-report.ts';
import { BatchRepository } from '../../store/repositories/batch-repository.ts';
import { readDecisionExplanation } from '../../review/explanation-read.ts';
import { callerOf } from '../caller.ts';
import { problemResponses } from '../http-errors.ts';
import { MATCHERS, type MatcherName } from '../jobs/match-jobs.ts';
import { decisionExplanationSchema } from '../schemas/accounting-schemas.ts';
import type { ServiceOptions, TypedApp } from '../server.ts';

const batchIdParams = z.object({ batchId: z.string().min(1).max(100) });
const requestParams = batchIdParams.extend({ requestId: z.string().min(1).max(100) });

const batchSummarySchema = z
  .object({
    batchId: z.string(),
    stage: z.enum(STAGES),
    programId: z.string(),
    requestingAgency: z.string(),
    records: z.number().int(),
    receivedAt: z.string(),
    outcomes: z
      .record(z.string(), z.number().int())
      .meta({ description: 'requests decided so far, by outcome (empty before matching)' }),
  })
  .meta({ id: 'BatchSummary' });

const timelineSchema = z.array(
  z.object({
    seq: z.number().int(),
    at: z.string(),
    action: z.string(),
    outcome: z.string(),
    actor: z.string(),
    description: z.string().nullable(),
  }),
);

const matchJobSchema = z
  .object({
    jobId: z.string(),
    batchId: z.string(),
    matcher: z.enum(Object.keys(MATCHERS) as [MatcherName, ...MatcherName[]]),
    requestedBy: z.string(),
    state: z.enum(['queued', 'running', 'succeeded', 'failed', 'abandoned']),
    queuedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    steps: z.array(z.object({ step: z.string(), seconds: z.number() })),
    outcomes: z.record(z.string(), z.number()).nullable(),
    confirmations: z.number().nullable(),
    expectedWrongConfirmations: z.number().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'MatchJob' });

/**
 * The upload's multipart body, for the API description and the clients generated from it. The
 * route reads the parts itself as they arrive (the records file streams to disk), so this schema
 * documents the body and is not applied to it (see the route's validatorCompiler).
 */
const uploadBodySchema = z
  .object({
    manifest: z.string().min(1).meta({
      description: 'the signed manifest (JWS compact serialization); sent before the records file',
    }),
    records: z.file().meta({
      description:
        'the records file (CSV) the manifest counts and hashes; streamed, any size the program allows',
    }),
  })
  .meta({ id: 'BatchUpload' });

/** The requesting agency a manifest names, read before its signature is checked (intake checks it). */
function manifestAgency(jws: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jws.trim().split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      requesting_agency?: unknown;
    };
    return typeof payload.requesting_agency === 'string' ? payload.requesting_agency : undefined;
  } catch {
    return undefined;
  }
}

export function registerBatchRoutes(app: TypedApp, options: ServiceOptions): void {
  const { access, clock, jobs } = options;

  app.post(
    '/api/batches',
    {
      schema: {
        tags: ['batches'],
        summary:
          'Submit a signed batch: the manifest (compact JWS) first, then the records file, streamed to disk',
        description:
          'multipart/form-data with a `manifest` field (the signed manifest, JWS compact serialization) before a `records` file (CSV). The manifest is checked first (a refused one stops the upload before a byte of records is stored); the records are streamed to disk, never held in memory, then intake verifies signature, chain, signer authority, count and SHA-256. The same batch (id or content) is accepted once.',
        consumes: ['multipart/form-data'],
        body: uploadBodySchema,
        response: {
          201: z.object({
            batchId: z.string(),
            records: z.number().int(),
            sha256: z.string(),
            signer: z.string(),
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'batch.submit', subject: 'in-handler' } },
      // The parts are read and checked as they stream in (below); nothing is buffered to validate.
      validatorCompiler: (route) =>
        route.httpPart === 'body'
          ? () => true
          : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]),
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!request.isMultipart())
        throw new DeskError(
          'INVALID_INPUT',
          'send multipart/form-data: a manifest field, then a records file',
        );
      let jws: string | undefined;
      let recordsFile: string | undefined;
      const trust = loadTrustConfig(options.keysDir);
      mkdirSync(options.uploadsDir, { recursive: true, mode: 0o700 });
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field' && part.fieldname === 'manifest') {
            jws = String(part.value);
            // Authorize before a byte of the records is stored: an agency submits only its own batches.
            const agency = manifestAgency(jws);
            await access.exclusive((store) =>
              authorize(store, clock, caller.actor, 'batch.submit', agency === undefined ? {} : { agency }),
            );
            // A manifest intake would refuse is refused before the records are stored.
            const manifest = jws;
            await access.exclusive((store) =>
              checkSignedManifest(store, clock, { jws: manifest, trust, actor: actorLabel(caller.actor) }),
            );
          } else if (part.type === 'file' && part.fieldname === 'records') {
            if (jws === undefined)
              throw new DeskError('INVALID_INPUT', 'the manifest field comes before the records file');
            recordsFile = path.join(options.uploadsDir, `${randomUUID()}.csv`);
            await pipeline(part.file, createWriteStream(recordsFile, { mode: 0o600 }));
            if (part.file.truncated)
              throw new DeskError('INVALID_INPUT', 'the records file is larger than the service accepts');
          } else if (part.type === 'file') part.file.resume();
        }
        if (jws === undefined || recordsFile === undefined)
          throw new DeskError('INVALID_INPUT', 'send a manifest field and a records file');
        const input = {
          jws,
          recordsFile,
          trust: loadTrustConfig(options.keysDir),
          actor: actorLabel(caller.actor),
        };
        const receipt = await access.exclusive((store) => receiveSignedBatch(store, clock, input));
        return reply.code(201).send(receipt);
      } finally {
        if (recordsFile) rmSync(recordsFile, { force: true });
      }
    },
  );

  app.get(
    '/api/batches',
    {
      schema: {
        tags: ['batches'],
        summary: 'Every batch and its stage (an agency client sees its own agency’s)',
        response: { 200: z.array(batchSummarySchema), ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'batch.read', subject: 'none' } },
    },
    async (request) => {
      const caller = callerOf(request);
      return access.exclusive(async (store) => {
        const agency =
          caller.kind === 'client' ? ((await agencyOf(store, caller.actor.account)) ?? '') : null;
        return new BatchRepository(store).list({ agency });
      });
    },
  );

  app.get(
    '/api/batches/:batchId',
    {
      schema: {
        tags: ['batches'],
        summary:
          'A batch: stage, program, outcome counts, its stage timeline from the audit log, and the latest match job',
        params: batchIdParams,
        response: {
          200: batchSummarySchema.extend({
            programVersion: z.string(),
            signer: z.string().nullable(),
            timeline: timelineSchema,
            matchJob: matchJobSchema.nullable(),
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'batch.read', subject: 'batch-param' } },
    },
    async (request) => {
      const { batchId } = request.params;
      const caller = callerOf(request);
      return access.exclusive(async (store) => {
        const row = await getBatch(store, batchId);
        const timeline = await batchTimeline(store, batchId);
        return {
          batchId: row.batch_id,
          stage: row.stage,
          programId: row.program_id,
          programVersion: row.program_version,
          requestingAgency: row.requesting_agency,
          records: row.record_count,
          receivedAt: row.received_at,
          signer: row.signer_title,
          outcomes: await outcomeCounts(store, batchId),
          // An agency's system sees its batch's stage changes, not who inside the office acted.
          timeline:
            caller.kind === 'client'
              ? timeline
                  .filter((e) => e.outcome === 'success')
                  .map((e) => ({ ...e, actor: '', description: null }))
              : timeline,
          matchJob: await jobs.latest(store, batchId),
        };
      });
    },
  );

  app.post(
    '/api/batches/:batchId/screen',
    {
      schema: {
        tags: ['batches'],
        summary: "Screen a verified batch against the program's statute rules",
        params: batchIdParams,
        body: z
          .object({
            asOf: z.iso.date().optional().meta({ description: 'screen as of this date; default today' }),
          })
          .optional(),
        response: {
          200: z.object({
            screened: z.number().int(),
            rejected: z.number().int(),
            failuresByRule: z.record(z.string(), z.number()),
            refused: z.object({ ruleId: z.string(), citation: z.string(), reason: z.string() }).nullable(),
            held: z.array(z.object({ ruleId: z.string(), citation: z.string(), reason: z.string() })),
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'batch.screen', subject: 'batch-param' } },
    },
    async (request) => {
      const actor = actorLabel(callerOf(request).actor);
      const asOf = request.body?.asOf;
      return access.exclusive((store) =>
        screenVerifiedBatch(store, clock, {
          batchId: request.params.batchId,
          actor,
          ...(asOf ? { asOf } : {}),
        }),
      );
    },
  );

  app.get(
    '/api/batches/:batchId/screening',
    {
      schema: {
        tags: ['batches'],
        summary: 'The screening report by rule: failures, rejections citing each rule, batch findings',
        params: batchIdParams,
        response: {
          200: z.object({
            batchId: z.string(),
            rules: z.array(
              z.object({
                ruleId: z.string(),
                citation: z.string(),
                message: z.string(),
                failures: z.number().int(),
                citedByRejections: z.number().int(),
              }),
            ),
            findings: z.array(
              z.object({
                ruleId: z.string(),
                citation: z.string(),
                effect: z.string(),
                reason: z.string(),
                resolvedBy: z.string().nullable(),
                resolution: z.string().nullable(),
              }),
            ),
            rejected: z.number().int(),
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'batch.read', subject: 'batch-param' } },
    },
    async (request) =>
      access.exclusive(async (store) => {
        await getBatch(store, request.params.batchId);
        return screeningReport(store, request.params.batchId);
      }),
  );

  app.post(
    '/api/batches/:batchId/match',
    {
      schema: {
        tags: ['batches'],
        summary:
          'Start matching a screened batch as a background job; follow it at GET /api/batches/{batchId}/match',
        params: batchIdParams,
        body: z
          .object({
            matcher: z
              .enum(Object.keys(MATCHERS) as [MatcherName, ...MatcherName[]])
              .default('desk')
              .meta({ description: 'desk: probabilistic linkage; exact: the exact-match baseline' }),
          })
          .optional(),
        response: { 202: matchJobSchema, ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'batch.match', subject: 'batch-param' } },
    },
    async (request, reply) => {
      const job = await jobs.start(
        request.params.batchId,
        request.body?.matcher ?? 'desk',
        callerOf(request).actor,
      );
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/api/batches/:batchId/match',
    {
      schema: {
        tags: ['batches'],
        summary:
          "The batch's latest match job: state, steps done with their seconds, outcome counts when done",
        params: batchIdParams,
        response: { 200: matchJobSchema, ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'batch.read', subject: 'batch-param' } },
    },
    async (request) => {
      const { batchId } = request.params;
      const job = await access.exclusive((store) => jobs.latest(store, batchId));
      if (!job) throw new DeskError('NOT_FOUND', `no match job for batch ${batchId}`);
      return job;
    },
  );

  app.get(
    '/api/batches/:batchId/requests/:requestId/explanation',
    {
      schema: {
        tags: ['batches'],
        summary:
          "Why a request got its outcome: the screening rule, or the matcher's waterfall (prior, each field's bits, candidates); audited read",
        params: requestParams,
        response: { 200: decisionExplanationSchema, ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'review.read', subject: 'batch-param' } },
    },
    async (request) => {
      const actor = actorLabel(callerOf(request).actor);
      const { batchId, requestId } = request.params;
      return access.exclusive((store) =>
        readDecisionExplanation(store, clock, {
          actor,
          batchId,
          requestId,
          ...(options.reference ? { reference: options.reference } : {}),
        }),
      );
    },
  );
}
