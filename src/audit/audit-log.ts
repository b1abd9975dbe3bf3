import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { auditOrigin, type AuditOrigin } from './audit-origin.ts';
import { leafHash } from './merkle-tree.ts';
import { assertNoPersonalData } from './personal-data-guard.ts';
import { coverageAfterWrite, coverageDigest, insertCoverage, type CoverRequest } from './row-coverage.ts';

/**
 * The append-only audit log (IRS Publication 1075 § 9.3.1: what happened, when, by which account,
 * from where, to what, and whether it succeeded). Each event is a leaf of an RFC 6962 Merkle log
 * (its hash is the leaf hash of its columns) and also links to the previous event's hash; the
 * rows an event wrote are hashed into it (row-coverage.ts), and the desk signs the log's root
 * (checkpoint.ts), so that editing, deleting, reordering or truncating events, or the rows they
 * wrote, is detected and named by `verifyAuditLog`.
 */
export interface AuditEvent {
  /** The account that acted (the OS account in the CLI). */
  actor: string;
  /** The event type, e.g. `batch.release`. */
  action: string;
  batchId?: string | null;
  /** `refused` is a failure the desk chose (a rule, a role, a stage); both are Pub 1075 failures. */
  outcome: 'success' | 'failure' | 'refused';
  /** Counts, ids, hashes, rule ids — never a TIN, date of birth or name (personal-data-guard.ts). */
  detail?: Record<string, unknown>;
  /** What the event was about, e.g. `batch B-1 request R17`; default: the batch, or the action's subject. */
  object?: string;
  /** One sentence for a person reading the log; default: derived from action, object and outcome. */
  description?: string;
  /** The rows the event wrote, hashed into it. The batch's own row is always covered. */
  covers?: readonly CoverRequest[];
  /** Overrides of the derived origin (the HTTP server passes the client's interface). */
  origin?: Partial<AuditOrigin>;
}

export interface AuditRow {
  seq: number;
  occurred_at: string;
  actor: string;
  action: string;
  batch_id: string | null;
  outcome: string;
  detail: string;
  prev_hash: string;
  hash: string;
  hash_version: number;
  object: string | null;
  description: string | null;
  host: string | null;
  process_id: number | null;
  interface: string | null;
  coverage_sha256: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);
export const CURRENT_HASH_VERSION = 2;

type HashedColumns = Omit<AuditRow, 'hash'>;

/** The columns an event's hash covers, in the order it covers them (the INSERT lists them so too). */
function hashedContent(row: HashedColumns): (string | number | null)[] {
  if (row.hash_version === 1)
    return [
      row.seq,
      row.occurred_at,
      row.actor,
      row.action,
      row.batch_id,
      row.outcome,
      row.detail,
      row.prev_hash,
    ];
  return [
    row.hash_version,
    row.seq,
    row.occurred_at,
    row.actor,
    row.action,
    row.batch_id,
    row.outcome,
    row.object,
    row.description,
    row.host,
    row.process_id,
    row.interface,
    row.detail,
    row.coverage_sha256,
    row.prev_hash,
  ];
}

const INSERT_COLUMNS =
  'hash_version, seq, occurred_at, actor, action, batch_id, outcome, object, description, host, process_id, interface, detail, coverage_sha256, prev_hash, hash';

/** The bytes that are the event's Merkle leaf. */
export function leafInput(row: HashedColumns): Buffer {
  return Buffer.from(JSON.stringify(hashedContent(row)), 'utf8');
}

/**
 * The hash stored with a row: for version 2 the RFC 6962 leaf hash SHA-256(0x00 || leaf input);
 * version 1 (before the Merkle log) hashed the leaf input without the prefix.
 */
export function auditRowHash(row: HashedColumns): string {
  if (row.hash_version === 1) return createHash('sha256').update(leafInput(row)).digest('hex');
  return leafHash(leafInput(row)).toString('hex');
}

/** The Merkle leaf hash of a row, whatever its version. */
export function auditLeafHash(row: HashedColumns): Buffer {
  return leafHash(leafInput(row));
}

function defaultObject(event: AuditEvent): string {
  if (event.batchId) return `batch ${event.batchId}`;
  return event.action.split('.')[0] ?? event.action;
}

/**
 * Appends one event. Call it inside the same transaction as the mutation it records, after the
 * mutation: the rows named in `covers` are hashed as they stand.
 */
export async function appendAuditEvent(store: Store, clock: Clock, event: AuditEvent): Promise<AuditRow> {
  assertNoPersonalData(event.detail ?? {});
  assertNoPersonalData(event.object ?? '', 'object');
  assertNoPersonalData(event.description ?? '', 'description');
  return store.transaction(async (tx) => {
    const [last] = await tx.all<{ seq: number | bigint; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    const seq = last ? Number(last.seq) + 1 : 1;
    const coverage = await coverageAfterWrite(tx, event.covers ?? [], event.batchId ?? null);
    const origin = { ...auditOrigin(), ...event.origin };
    const object = event.object ?? defaultObject(event);
    const base: HashedColumns = {
      hash_version: CURRENT_HASH_VERSION,
      seq,
      occurred_at: clock.now().toISOString(),
      actor: event.actor,
      action: event.action,
      batch_id: event.batchId ?? null,
      outcome: event.outcome,
      object,
      description: event.description ?? `${event.action} on ${object}: ${event.outcome}`,
      host: origin.host,
      process_id: origin.processId,
      interface: origin.interface,
      detail: JSON.stringify(event.detail ?? {}),
      coverage_sha256: coverageDigest(coverage),
      prev_hash: last ? last.hash : GENESIS_HASH,
    };
    const row: AuditRow = { ...base, hash: auditRowHash(base) };
    await insertCoverage(tx, seq, coverage);
    await tx.run(
      `INSERT INTO audit_log (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [...hashedContent(base), row.hash],
    );
    return row;
  });
}

/** Kept for callers written before the Merkle log; `verifyAuditLog` checks far more than the chain. */
export { verifyAuditLog as verifyAuditChain, type AuditVerdict as ChainVerdict } from './verify-audit-log.ts';

/** Every event in log order, as stored. */
export async function readAuditRows(store: Store): Promise<AuditRow[]> {
  const rows = await store.all<
    AuditRow & { seq: bigint; hash_version: number | null; process_id: bigint | null }
  >('SELECT * FROM audit_log ORDER BY seq');
  return rows.map((row) => ({
    ...row,
    seq: Number(row.seq),
    hash_version: row.hash_version ?? 1,
    process_id: row.process_id === null ? null : Number(row.process_id),
  }));
}
