import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';

/**
 * Append-only, hash-chained audit trail (IRS Publication 1075 § 9.3.1: who, what, when, where,
 * outcome). Each row's hash is SHA-256 over the previous row's hash and this row's content, so any
 * change, insertion or deletion breaks the chain from that row on and `verifyAuditChain` names it.
 */
export interface AuditEvent {
  actor: string;
  action: string;
  batchId?: string | null;
  outcome: 'success' | 'failure' | 'refused';
  detail?: Record<string, unknown>;
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
}

export const GENESIS_HASH = '0'.repeat(64);

/** The columns a row's hash covers, in the order it covers them (and the INSERT lists them). */
function hashedContent(row: Omit<AuditRow, 'hash'>): (string | number | null)[] {
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
}

export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify(hashedContent(row)))
    .digest('hex');
}

/** Appends one event. Call it inside the same transaction as the mutation it records. */
export async function appendAuditEvent(store: Store, clock: Clock, event: AuditEvent): Promise<AuditRow> {
  const [last] = await store.all<{ seq: number | bigint; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const base = {
    seq: last ? Number(last.seq) + 1 : 1,
    occurred_at: clock.now().toISOString(),
    actor: event.actor,
    action: event.action,
    batch_id: event.batchId ?? null,
    outcome: event.outcome,
    detail: JSON.stringify(event.detail ?? {}),
    prev_hash: last ? last.hash : GENESIS_HASH,
  };
  const row: AuditRow = { ...base, hash: auditRowHash(base) };
  await store.run(
    'INSERT INTO audit_log (seq, occurred_at, actor, action, batch_id, outcome, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [...hashedContent(row), row.hash],
  );
  return row;
}

export type ChainVerdict =
  | { kind: 'intact'; rows: number; head: string }
  | { kind: 'broken'; rows: number; seq: number; problem: string };

/** Walks the whole chain in order and names the first row whose link does not hold. */
export async function verifyAuditChain(store: Store): Promise<ChainVerdict> {
  const rows = await store.all<AuditRow & { seq: number | bigint }>('SELECT * FROM audit_log ORDER BY seq');
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const raw of rows) {
    const row = { ...raw, seq: Number(raw.seq) };
    if (row.seq !== expectedSeq)
      return {
        kind: 'broken',
        rows: rows.length,
        seq: row.seq,
        problem: `expected seq ${expectedSeq} (a row is missing)`,
      };
    if (row.prev_hash !== prevHash)
      return {
        kind: 'broken',
        rows: rows.length,
        seq: row.seq,
        problem: 'prev_hash does not match the previous row',
      };
    const { hash, ...content } = row;
    if (auditRowHash(content) !== hash)
      return {
        kind: 'broken',
        rows: rows.length,
        seq: row.seq,
        problem: 'content does not match its hash (row altered)',
      };
    prevHash = hash;
    expectedSeq++;
  }
  return { kind: 'intact', rows: rows.length, head: prevHash };
}

/**
 * A chain head recorded outside the database (`ddesk audit head`). The chain alone cannot show
 * that its newest rows were removed; a head written down elsewhere can: the row at that seq must
 * still exist with that hash.
 */
export interface RecordedHead {
  seq: number;
  hash: string;
}

export function parseRecordedHead(text: string): RecordedHead | null {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2] ?? '' } : null;
}

/** Checks that a recorded head is still in the chain: same seq, same hash. */
export async function checkRecordedHead(store: Store, head: RecordedHead): Promise<ChainVerdict | null> {
  const [row] = await store.all<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [head.seq]);
  if (!row)
    return {
      kind: 'broken',
      rows: 0,
      seq: head.seq,
      problem: `the recorded head seq ${head.seq} is missing (rows removed from the end)`,
    };
  if (row.hash !== head.hash)
    return {
      kind: 'broken',
      rows: 0,
      seq: head.seq,
      problem: 'the row at the recorded head has another hash (chain rewritten)',
    };
  return null;
}
