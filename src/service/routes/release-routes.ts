import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { appendAuditEvent } from '../../audit/audit-log.ts';
import { DeskError } from '../../errors.ts';
import { actorLabel } from '../../people/actor.ts';
import { getBatch } from '../../pipeline/batch-stage.ts';
import { loadProgram } from '../../programs/program.ts';
import { approveBatch, resolveHold } from '../../release/approve-batch.ts';
import { releaseBatch, responseFileOf } from '../../release/release-batch.ts';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../release/response-document.ts';
import { loadDeskSigner } from '../../release/response-signature.ts';
import type { Store } from '../../store/store.ts';
import { callerOf, originOf } from '../caller.ts';
import { problemResponses } from '../http-errors.ts';
import type { ServiceOptions, TypedApp } from '../server.ts';

const batchIdParams = z.object({ batchId: z.string().min(1).max(100) });

interface ReleaseRecord {
  releasedAt: string;
  actor: string;
  outDir: string;
  format: ResponseFormat;
  responseSha256: string;
}

/** The release of a batch as its audit event recorded it (where the response is, and its hash). */
async function releaseRecord(store: Store, batchId: string): Promise<ReleaseRecord | null> {
  const [row] = await store.all<{ actor: string; detail: string }>(
    "SELECT actor, detail FROM audit_log WHERE batch_id = $1 AND action = 'batch.release' AND outcome = 'success' ORDER BY seq LIMIT 1",
    [batchId],
  );
  if (!row) return null;
  const detail = JSON.parse(row.detail) as Omit<ReleaseRecord, 'actor'>;
  return { ...detail, actor: row.actor };
}

export function registerReleaseRoutes(app: TypedApp, options: ServiceOptions): void {
  const { access, clock } = options;

  app.post(
    '/api/batches/:batchId/approve',
    {
      schema: {
        tags: ['release'],
        summary:
          'Approve a matched or reviewed batch (a disclosure officer who reviewed none of it); binds its decisions',
        params: batchIdParams,
        body: z
          .object({
            withholdAmbiguous: z.boolean().default(false).meta({
              description: 'answer requests still awaiting review as AMBIGUOUS, disclosing nothing',
            }),
          })
          .optional(),
        response: {
          200: z.object({
            ambiguousWithheld: z.number().int(),
            approved: z.object({ decisions: z.number().int(), sha256: z.string() }),
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'batch.approve', subject: 'batch-param' } },
    },
    async (request) => {
      const actor = callerOf(request).actor;
      return access.exclusive((store) =>
        approveBatch(store, clock, {
          batchId: request.params.batchId,
          actor,
          withholdAmbiguous: request.body?.withholdAmbiguous ?? false,
        }),
      );
    },
  );

  app.post(
    '/api/batches/:batchId/holds/:ruleId/resolve',
    {
      schema: {
        tags: ['release'],
        summary: 'Resolve a hold screening put on the batch, with a note on record (disclosure officer)',
        params: batchIdParams.extend({ ruleId: z.string().min(1).max(200) }),
        body: z.object({ note: z.string().min(1).max(2000) }),
        response: { 204: z.null(), ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'batch.resolve-hold', subject: 'batch-param' } },
    },
    async (request, reply) => {
      const actor = callerOf(request).actor;
      await access.exclusive((store) =>
        resolveHold(store, clock, {
          batchId: request.params.batchId,
          ruleId: request.params.ruleId,
          note: request.body.note,
          actor,
        }),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/batches/:batchId/release',
    {
      schema: {
        tags: ['release'],
        summary:
          'Release an approved batch: the signed response and a ledger row per disclosure, exactly once',
        description:
          'A batch is released once: releasing it again (or two releases at once) answers 409 ALREADY_RELEASED, naming when and by whom.',
        params: batchIdParams,
        body: z.object({ format: z.enum(RESPONSE_FORMATS).optional() }).optional(),
        response: {
          200: z.object({
            format: z.enum(RESPONSE_FORMATS),
            sha256: z.string(),
            releasedAt: z.string(),
            disclosures: z.number().int(),
            records: z.number().int(),
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'batch.release', subject: 'batch-param' } },
    },
    async (request) => {
      const { batchId } = request.params;
      const actor = callerOf(request).actor;
      const format = request.body?.format;
      return access.exclusive(async (store) => {
        const batch = await getBatch(store, batchId);
        const released = batch.stage === 'released' ? await releaseRecord(store, batchId) : null;
        if (batch.stage === 'released' || batch.stage === 'purged') {
          await appendAuditEvent(store, clock, {
            actor: actorLabel(actor),
            action: 'batch.release',
            batchId,
            outcome: 'refused',
            description: `release of batch ${batchId} refused: already released`,
            detail: { code: 'ALREADY_RELEASED' },
          });
          throw new DeskError(
            'ALREADY_RELEASED',
            `batch ${batchId} is already released${released ? ` (at ${released.releasedAt} by ${released.actor})` : ''}; nothing was released again`,
          );
        }
        const receipt = await releaseBatch(store, clock, {
          ...(options.reference ? { reference: options.reference } : {}),
          batchId,
          program: loadProgram(batch.program_id),
          outDir: options.responsesDir,
          actor,
          signer: loadDeskSigner(options.keysDir),
          ...(format ? { format } : {}),
        });
        return {
          format: receipt.format,
          sha256: receipt.sha256,
          releasedAt: receipt.releasedAt,
          disclosures: receipt.disclosures,
          records: receipt.records,
        };
      });
    },
  );

  for (const part of ['response', 'signature'] as const)
    app.get(
      part === 'response' ? '/api/batches/:batchId/response' : '/api/batches/:batchId/response/signature',
      {
        schema: {
          tags: ['release'],
          summary:
            part === 'response'
              ? "The released response, as signed (the requesting agency's system; every download audited)"
              : "The response's detached JWS signature (check it with `ddesk response verify`)",
          params: batchIdParams,
          produces: part === 'response' ? ['text/csv', 'application/x-ndjson'] : ['application/jose'],
          response: { 200: z.string(), ...problemResponses },
        },
        config: { access: { kind: 'duty', action: 'response.download', subject: 'batch-param' } },
      },
      async (request, reply) => {
        const { batchId } = request.params;
        const caller = callerOf(request);
        const { record, body } = await access.exclusive(async (store) => {
          const record = await releaseRecord(store, batchId);
          if (!record) throw new DeskError('NOT_FOUND', `batch ${batchId} has not been released`);
          const file = responseFileOf(record.outDir, batchId, record.format);
          let body: Buffer;
          try {
            body = readFileSync(part === 'response' ? file : `${file}.jws`);
          } catch {
            throw new DeskError(
              'NOT_FOUND',
              `the response of batch ${batchId} is not in its folder; re-issue it`,
            );
          }
          if (
            part === 'response' &&
            createHash('sha256').update(body).digest('hex') !== record.responseSha256
          )
            throw new DeskError(
              'AUDIT_CHAIN_BROKEN',
              `the response file of batch ${batchId} is not the one released (SHA-256 differs); re-issue it`,
            );
          if (part === 'response')
            await appendAuditEvent(store, clock, {
              actor: actorLabel(caller.actor),
              action: 'response.download',
              batchId,
              outcome: 'success',
              object: `response of batch ${batchId}`,
              description: `downloaded the response of batch ${batchId} (${body.length} bytes)`,
              detail: { responseSha256: record.responseSha256, client: originOf(request).ip },
            });
          return { record, body };
        });
        return reply
          .type(
            part === 'signature'
              ? 'application/jose'
              : record.format === 'csv'
                ? 'text/csv; charset=utf-8'
                : 'application/x-ndjson; charset=utf-8',
          )
          .header(
            'content-disposition',
            `attachment; filename="${batchId}.response.${record.format}${part === 'signature' ? '.jws' : ''}"`,
          )
          .send(body.toString('utf8'));
      },
    );
}
