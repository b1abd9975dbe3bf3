import type { Store } from '../store/store.ts';
import { auditRowHash, readAuditRows, GENESIS_HASH, type AuditRow } from './audit-log.ts';
import {
  auditTree,
  checkExtends,
  openCheckpoint,
  parseCheckpointText,
  storedCheckpoints,
  type Checkpoint,
} from './checkpoint.ts';
import { checkCoverage, coverageDigest, type CoverageRow } from './row-coverage.ts';
import type { NoteVerifier } from './signed-note.ts';

/** One thing wrong, with the event it concerns (null: rows no event wrote, or the log as a whole). */
export interface AuditProblem {
  seq: number | null;
  action?: string | null;
  problem: string;
}

export type AuditVerdict =
  | {
      kind: 'intact';
      rows: number;
      /** The log's size and Merkle root (hex): what `audit head` prints and a checkpoint signs. */
      size: number;
      root: string;
      /** The last event's hash. */
      head: string;
      checkpointsChecked: number;
    }
  | { kind: 'broken'; rows: number; seq: number; problem: string; problems: AuditProblem[] };

export interface VerifyOptions {
  /** Signed checkpoints kept outside the database (`audit checkpoint export`); each must be extended. */
  checkpoints?: readonly { source: string; note: string }[];
  /** The desk's verifier key, to check signatures; without it, stored checkpoints are checked unsigned. */
  verifier?: NoteVerifier | null;
  /** A head recorded as SIZE:ROOT (`audit head`); the log must extend it. */
  head?: { size: number; root: string } | null;
}

/**
 * Checks, in order: every event's hash and link (edits, insertions, deletions and reordering of
 * events); every event's record of the rows it wrote (edits to audit_coverage); every table's rows
 * against the event that last wrote them (edits and deletions in requests, decisions, ledger and
 * batches, naming the event); every stored and supplied checkpoint against the log (truncation and
 * consistent rewrites). Returns every problem found, the first one up front.
 */
export async function verifyAuditLog(store: Store, options: VerifyOptions = {}): Promise<AuditVerdict> {
  const rows = await readAuditRows(store);
  const problems: AuditProblem[] = [...checkEvents(rows), ...(await checkCoverageRecords(store, rows))];
  for (const problem of await checkCoverage(store))
    problems.push({ seq: problem.seq, action: problem.action, problem: problem.message });

  const tree = await auditTree(store);
  const checkpoints: { source: string; checkpoint: Checkpoint }[] = [];
  for (const stored of await storedCheckpoints(store)) {
    const source = `checkpoint of ${stored.tree_size} events signed ${stored.signed_at} (stored)`;
    try {
      const checkpoint = options.verifier
        ? openCheckpoint(stored.note, options.verifier)
        : parseCheckpointText(stored.note.slice(0, stored.note.lastIndexOf('\n\n') + 1));
      checkpoints.push({ source, checkpoint });
    } catch (error) {
      problems.push({ seq: null, problem: `${source}: ${(error as Error).message}` });
    }
  }
  for (const supplied of options.checkpoints ?? []) {
    try {
      const checkpoint = options.verifier
        ? openCheckpoint(supplied.note, options.verifier)
        : parseCheckpointText(supplied.note);
      checkpoints.push({ source: supplied.source, checkpoint });
    } catch (error) {
      problems.push({ seq: null, problem: `${supplied.source}: ${(error as Error).message}` });
    }
  }
  if (options.head)
    checkpoints.push({
      source: `head ${options.head.size}:${options.head.root}`,
      checkpoint: {
        origin: tree.origin,
        size: options.head.size,
        root: Buffer.from(options.head.root, 'hex'),
        timestamp: null,
      },
    });
  for (const { source, checkpoint } of checkpoints) {
    const verdict = checkExtends(tree, checkpoint);
    if (verdict.kind === 'not-extended')
      problems.push({ seq: null, problem: `${source}: ${verdict.reason}` });
  }

  const [first] = problems;
  if (first)
    return {
      kind: 'broken',
      rows: rows.length,
      seq: first.seq ?? rows.length,
      problem: first.problem,
      problems,
    };
  return {
    kind: 'intact',
    rows: rows.length,
    size: tree.leaves.length,
    root: tree.root.toString('hex'),
    head: rows.at(-1)?.hash ?? GENESIS_HASH,
    checkpointsChecked: checkpoints.length,
  };
}

/** Each event: in sequence, linked to the one before, matching its own hash. */
function checkEvents(rows: readonly AuditRow[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  let previous = GENESIS_HASH;
  let expectedSeq = 1;
  let version = 1;
  for (const row of rows) {
    const at = { seq: row.seq, action: row.action };
    if (row.seq !== expectedSeq)
      problems.push({
        ...at,
        problem: `expected event ${expectedSeq} here, found ${row.seq} (an event is missing or out of order)`,
      });
    else if (row.prev_hash !== previous)
      problems.push({
        ...at,
        problem:
          'prev_hash does not match the previous event (an event before it was removed, added or rewritten)',
      });
    if (auditRowHash(row) !== row.hash)
      problems.push({ ...at, problem: 'content does not match its hash (event altered)' });
    if (row.hash_version < version)
      problems.push({ ...at, problem: 'an event of an older format after a newer one' });
    version = row.hash_version;
    previous = row.hash;
    expectedSeq = row.seq + 1;
  }
  return problems;
}

/** Each event's coverage rows must hash to the digest its own hash covers. */
async function checkCoverageRecords(store: Store, rows: readonly AuditRow[]): Promise<AuditProblem[]> {
  const recorded = await store.all<CoverageRow & { seq: bigint; row_count: bigint }>(
    'SELECT seq, table_name, batch_id, bucket, row_count, rows_sha256 FROM audit_coverage ORDER BY seq',
  );
  const bySeq = new Map<number, CoverageRow[]>();
  for (const row of recorded) {
    const seq = Number(row.seq);
    const list = bySeq.get(seq) ?? [];
    list.push({ ...row, row_count: Number(row.row_count) });
    bySeq.set(seq, list);
  }
  const problems: AuditProblem[] = [];
  for (const row of rows) {
    const digest = coverageDigest(bySeq.get(row.seq) ?? []);
    bySeq.delete(row.seq);
    if (row.hash_version >= 2 && digest !== row.coverage_sha256)
      problems.push({
        seq: row.seq,
        action: row.action,
        problem:
          "the record of the rows it wrote (audit_coverage) was altered: it no longer matches the event's hash",
      });
  }
  for (const seq of bySeq.keys())
    problems.push({
      seq,
      problem: `rows recorded in audit_coverage for event ${seq}, which is not in the log`,
    });
  return problems;
}

/** A head as `audit head` prints it: SIZE:ROOT (64 hex digits). */
export function parseRecordedHead(text: string): { size: number; root: string } | null {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { size: Number(match[1]), root: match[2] ?? '' } : null;
}
