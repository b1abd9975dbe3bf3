import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { appendAuditEvent } from '../../audit/audit-log.ts';
import { signCheckpoint, storedCheckpoints } from '../../audit/checkpoint.ts';
import { loadOrCreateSigningKey, signingKeyFile, verifierKeyFile } from '../../audit/desk-signing-key.ts';
import { parseVerifierKey, type NoteVerifier } from '../../audit/signed-note.ts';
import { verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { DeskError } from '../../errors.ts';
import { produceAnnualReport, readLedger, readTaxpayerAccounting } from '../../ledger/audited-reads.ts';
import { reportAsHtml } from '../../ledger/report-html.ts';
import { reportAsCsv, reportAsText } from '../../ledger/report-text.ts';
import { actorLabel } from '../../people/actor.ts';
import { runRetention } from '../../retention/purge-request-data.ts';
import { callerOf } from '../caller.ts';
import { problemResponses } from '../http-errors.ts';
import { annualReportSchema, taxpayerAccountingSchema } from '../schemas/accounting-schemas.ts';
import type { ServiceOptions, TypedApp } from '../server.ts';

const REPORT_FORMATS = ['json', 'csv', 'text', 'html'] as const;

function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as T;
}

/** A report as text: the route's schema types its JSON form; text is sent as it is, not serialized. */
function sendText(reply: FastifyReply, type: string, text: string): FastifyReply {
  return reply.type(type).send(text);
}

export function registerAccountingRoutes(app: TypedApp, options: ServiceOptions): void {
  const { access, clock } = options;
  const signer = () => loadOrCreateSigningKey(signingKeyFile(options.dbFile));

  app.get(
    '/api/ledger',
    {
      schema: {
        tags: ['ledger'],
        summary: 'Disclosures in the § 6103(p)(3) ledger, newest first (audited read)',
        querystring: z.object({
          batchId: z.string().max(100).optional(),
          taxpayerId: z.string().max(100).optional().meta({ description: 'reference taxpayer id' }),
          limit: z.coerce.number().int().min(1).max(10_000).default(100),
        }),
        response: {
          200: z.array(
            z.object({
              disclosed_at: z.string(),
              taxpayer_id: z.string(),
              batch_id: z.string(),
              request_id: z.string(),
              requesting_agency: z.string(),
              statutory_authority: z.string().nullable(),
              purpose: z.string().nullable(),
              fields_disclosed: z.string(),
            }),
          ),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'ledger.read', subject: 'none' } },
    },
    async (request) => {
      const actor = actorLabel(callerOf(request).actor);
      const { batchId, taxpayerId, limit } = request.query;
      return access.exclusive((store) => readLedger(store, clock, { actor, batchId, taxpayerId, limit }));
    },
  );

  app.post(
    '/api/ledger/taxpayer',
    {
      schema: {
        tags: ['ledger'],
        summary:
          'Every request and disclosure concerning one taxpayer, by TIN (sent in the body, never the URL)',
        body: z.object({ tin: z.string().min(9).max(11) }),
        response: { 200: taxpayerAccountingSchema, ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'ledger.read', subject: 'none' } },
    },
    async (request) => {
      const actor = actorLabel(callerOf(request).actor);
      return access.exclusive((store) =>
        readTaxpayerAccounting(store, clock, {
          actor,
          tin: request.body.tin,
          signer,
          ...(options.reference ? { reference: options.reference } : {}),
        }),
      );
    },
  );

  app.get(
    '/api/ledger/report',
    {
      schema: {
        tags: ['ledger'],
        summary: 'The annual accounting per agency and statutory authority (JSON, CSV, text or an HTML page)',
        querystring: z.object({
          year: z.coerce.number().int().min(1900).max(9999),
          format: z.enum(REPORT_FORMATS).default('json'),
          top: z.coerce.number().int().min(0).max(1000).default(10),
        }),
        produces: ['application/json', 'text/csv', 'text/plain', 'text/html'],
        response: {
          200: annualReportSchema.meta({
            description: 'format=json; csv, text and html answer the same report as text',
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'ledger.read', subject: 'none' } },
    },
    async (request, reply) => {
      const { year, format, top } = request.query;
      const actor = actorLabel(callerOf(request).actor);
      const report = await access.exclusive((store) =>
        produceAnnualReport(store, clock, { actor, year, format, topPurposes: top }),
      );
      switch (format) {
        case 'json':
          return report;
        case 'csv':
          return sendText(reply, 'text/csv; charset=utf-8', reportAsCsv(report));
        case 'text':
          return sendText(reply, 'text/plain; charset=utf-8', reportAsText(report));
        case 'html':
          return sendText(reply, 'text/html; charset=utf-8', reportAsHtml(report));
      }
    },
  );

  app.post(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: "Verify every event, the rows each wrote and every checkpoint (also the auditor's own)",
        body: z
          .object({
            checkpoints: z
              .array(z.string().max(10_000))
              .max(10_000)
              .optional()
              .meta({ description: 'signed checkpoint notes the auditor kept: the log must extend each' }),
            publicKey: z.string().max(1000).optional().meta({
              description: "the desk's verifier key as the auditor holds it (default: the desk's own)",
            }),
          })
          .optional(),
        response: {
          200: z.discriminatedUnion('kind', [
            z.object({
              kind: z.literal('intact'),
              rows: z.number(),
              size: z.number(),
              root: z.string(),
              head: z.string(),
              checkpointsChecked: z.number(),
            }),
            z.object({
              kind: z.literal('broken'),
              rows: z.number(),
              seq: z.number(),
              problem: z.string(),
              problems: z.array(
                z.object({
                  seq: z.number().nullable(),
                  action: z.string().nullable().optional(),
                  problem: z.string(),
                }),
              ),
            }),
          ]),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'audit.read', subject: 'none' } },
    },
    async (request) => {
      const notes = request.body?.checkpoints ?? [];
      const keyText = request.body?.publicKey;
      const defaultKey = verifierKeyFile(signingKeyFile(options.dbFile));
      let verifier: NoteVerifier | null = null;
      try {
        verifier = keyText
          ? parseVerifierKey(keyText)
          : existsSync(defaultKey)
            ? parseVerifierKey(readFileSync(defaultKey, 'utf8'))
            : null;
      } catch (error) {
        throw new DeskError('INVALID_INPUT', `not a verifier key: ${(error as Error).message}`);
      }
      const actor = actorLabel(callerOf(request).actor);
      return access.exclusive(async (store) => {
        const verdict = await verifyAuditLog(store, {
          checkpoints: notes.map((note, i) => ({ source: `checkpoint ${i + 1}`, note })),
          verifier,
        });
        await appendAuditEvent(store, clock, {
          actor,
          action: 'audit.verify',
          outcome: 'success',
          object: 'audit log',
          description: `verified the audit log: ${verdict.kind}`,
          detail: { verdict: verdict.kind, rows: verdict.rows, checkpoints: notes.length },
        });
        return verdict;
      });
    },
  );

  app.get(
    '/api/audit/events',
    {
      schema: {
        tags: ['audit'],
        summary: 'The latest audit events with their Publication 1075 fields, newest first',
        querystring: z.object({
          batchId: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(10_000).default(100),
        }),
        response: {
          200: z.array(
            z.object({
              seq: z.number(),
              occurredAt: z.string(),
              actor: z.string(),
              action: z.string(),
              outcome: z.string(),
              object: z.string().nullable(),
              description: z.string().nullable(),
              host: z.string().nullable(),
              processId: z.number().nullable(),
              interface: z.string().nullable(),
              batchId: z.string().nullable(),
              detail: z.record(z.string(), z.unknown()),
            }),
          ),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'audit.read', subject: 'none' } },
    },
    async (request) => {
      const { batchId, action, limit } = request.query;
      const rows = await access.exclusive((store) =>
        store.all<{
          seq: bigint;
          occurred_at: string;
          actor: string;
          action: string;
          outcome: string;
          object: string | null;
          description: string | null;
          host: string | null;
          process_id: bigint | null;
          interface: string | null;
          batch_id: string | null;
          detail: string;
        }>(
          `SELECT seq, CAST(occurred_at AS VARCHAR) AS occurred_at, actor, action, outcome, object, description, host,
                  process_id, interface, batch_id, detail
           FROM audit_log WHERE ($1::VARCHAR IS NULL OR batch_id = $1) AND ($2::VARCHAR IS NULL OR action = $2)
           ORDER BY seq DESC LIMIT $3`,
          [batchId ?? null, action ?? null, limit],
        ),
      );
      return rows.map((row) => ({
        seq: Number(row.seq),
        occurredAt: row.occurred_at,
        actor: row.actor,
        action: row.action,
        outcome: row.outcome,
        object: row.object,
        description: row.description,
        host: row.host,
        processId: row.process_id === null ? null : Number(row.process_id),
        interface: row.interface,
        batchId: row.batch_id,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }));
    },
  );

  app.get(
    '/api/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        summary:
          "Every signed checkpoint (signed-note text) and the desk's verifier key, for auditors to keep",
        response: {
          200: z.object({
            verifierKey: z.string().nullable(),
            checkpoints: z.array(
              z.object({
                treeSize: z.number(),
                rootHash: z.string(),
                signedAt: z.string(),
                keyName: z.string(),
                note: z.string(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'audit.read', subject: 'none' } },
    },
    async () => {
      const keyFile = verifierKeyFile(signingKeyFile(options.dbFile));
      const checkpoints = await access.exclusive((store) => storedCheckpoints(store));
      return {
        verifierKey: existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : null,
        checkpoints: checkpoints.map((c) => ({
          treeSize: c.tree_size,
          rootHash: c.root_hash,
          signedAt: String(c.signed_at),
          keyName: c.key_name,
          note: c.note,
        })),
      };
    },
  );

  app.post(
    '/api/audit/checkpoints',
    {
      schema: {
        tags: ['audit'],
        summary: 'Sign a checkpoint of the log now (the desk also signs one at every release and daily)',
        response: {
          201: z.object({ treeSize: z.number(), rootHash: z.string(), note: z.string() }),
          ...problemResponses,
        },
      },
      config: { access: { kind: 'duty', action: 'audit.checkpoint', subject: 'none' } },
    },
    async (_request, reply) => {
      const signed = await access.exclusive((store) => signCheckpoint(store, clock, signer()));
      return reply
        .code(201)
        .send({ treeSize: signed.tree_size, rootHash: signed.root_hash, note: signed.note });
    },
  );

  app.post(
    '/api/retention/run',
    {
      schema: {
        tags: ['retention'],
        summary:
          "Purge request data of batches released longer ago than the program's period (dryRun: only say)",
        body: z.object({ dryRun: z.boolean().default(false) }).optional(),
        response: { 200: z.record(z.string(), z.unknown()), ...problemResponses },
      },
      config: { access: { kind: 'duty', action: 'retention.run', subject: 'none' } },
    },
    async (request) => {
      const actor = actorLabel(callerOf(request).actor);
      const dryRun = request.body?.dryRun ?? false;
      const run = await access.exclusive((store) =>
        runRetention(store, clock, {
          actor,
          dryRun,
          ...(options.reference ? { reference: options.reference } : {}),
        }),
      );
      return toJson(run) as unknown as Record<string, unknown>;
    },
  );
}
