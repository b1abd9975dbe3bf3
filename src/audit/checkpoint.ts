import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { auditLeafHash, auditRowHash, readAuditRows, GENESIS_HASH } from './audit-log.ts';
import { treeRoot, verifyConsistency, consistencyProof, type Hash } from './merkle-tree.ts';
import { openNote, signNote, type NoteSigner, type NoteVerifier } from './signed-note.ts';

/**
 * A checkpoint is the audit log's size and root hash, signed by the desk (C2SP tlog-checkpoint:
 * origin line, size, base64 root, then extension lines; here the signing time). Auditors collect
 * them; a later log must be an extension of every checkpoint (a consistency proof), so removing,
 * altering or reordering events the checkpoint covered is detected even if every hash in the
 * database was recomputed.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Hash;
  /** Seconds since the epoch when the desk signed it. */
  timestamp: number | null;
}

export function checkpointText(checkpoint: Checkpoint): string {
  const timestamp = checkpoint.timestamp === null ? '' : `Timestamp: ${checkpoint.timestamp}\n`;
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString('base64')}\n${timestamp}`;
}

export function parseCheckpointText(text: string): Checkpoint {
  const [origin = '', size = '', root = '', ...extensions] = text.split('\n');
  const rootBytes = Buffer.from(root, 'base64');
  if (!origin || !/^\d+$/.test(size) || rootBytes.length !== 32)
    throw new DeskError('MALFORMED_FILE', 'not a checkpoint (origin, size, base64 root hash)');
  const stamp = extensions.map((line) => /^Timestamp: (\d+)$/.exec(line)).find(Boolean);
  return { origin, size: Number(size), root: rootBytes, timestamp: stamp ? Number(stamp[1]) : null };
}

/** The log as a Merkle tree: one leaf per event, recomputed from the event's columns. */
export interface AuditTree {
  origin: string;
  leaves: Hash[];
  root: Hash;
}

/** Names the log: its first event's leaf hash is unique to this database. */
function originOf(leaves: readonly Hash[]): string {
  return `disclosure-desk/audit-log/${leaves[0]?.toString('hex').slice(0, 16) ?? 'empty'}`;
}

export async function auditTree(store: Store): Promise<AuditTree> {
  const leaves = (await readAuditRows(store)).map(auditLeafHash);
  return { origin: originOf(leaves), leaves, root: treeRoot(leaves) };
}

export type ExtensionVerdict = { kind: 'extends' } | { kind: 'not-extended'; reason: string };

/** Does the log (`tree`) extend the checkpoint? Checked with an RFC 6962 consistency proof. */
export function checkExtends(tree: AuditTree, checkpoint: Checkpoint): ExtensionVerdict {
  const size = tree.leaves.length;
  if (checkpoint.origin !== tree.origin)
    return {
      kind: 'not-extended',
      reason: `the checkpoint is of log ${checkpoint.origin}, this database holds ${tree.origin}`,
    };
  if (checkpoint.size > size)
    return {
      kind: 'not-extended',
      reason: `the log was truncated: the checkpoint covers ${checkpoint.size} events, the log has ${size}`,
    };
  const proof = consistencyProof(tree.leaves, checkpoint.size);
  if (!verifyConsistency(checkpoint.size, size, checkpoint.root, tree.root, proof))
    return {
      kind: 'not-extended',
      reason: `the log is not an extension of the checkpoint of ${checkpoint.size} events: events it covered were altered, removed or reordered`,
    };
  return { kind: 'extends' };
}

/** Opens a signed checkpoint with the desk's verifier key. */
export function openCheckpoint(note: string, verifier: NoteVerifier): Checkpoint {
  const opened = openNote(note, verifier);
  if (opened.kind === 'refused')
    throw new DeskError('SIGNATURE_INVALID', `checkpoint refused: ${opened.reason}`);
  return parseCheckpointText(opened.text);
}

export interface StoredCheckpoint {
  tree_size: number;
  root_hash: string;
  signed_at: string;
  key_name: string;
  note: string;
}

export async function storedCheckpoints(store: Store): Promise<StoredCheckpoint[]> {
  const rows = await store.all<StoredCheckpoint & { tree_size: bigint }>(
    'SELECT * FROM audit_checkpoints ORDER BY signed_at, tree_size',
  );
  return rows.map((row) => ({ ...row, tree_size: Number(row.tree_size) }));
}

/**
 * Signs a checkpoint of the log as it stands and stores it. The desk refuses to sign a log whose
 * events no longer match their hashes or links, or that does not extend its last checkpoint: a
 * signature must never vouch for a tampered log.
 */
export async function signCheckpoint(
  store: Store,
  clock: Clock,
  signer: NoteSigner,
): Promise<StoredCheckpoint> {
  const rows = await readAuditRows(store);
  let previous = GENESIS_HASH;
  for (const row of rows) {
    if (row.prev_hash !== previous || auditRowHash(row) !== row.hash)
      throw new DeskError(
        'AUDIT_CHAIN_BROKEN',
        `audit event ${row.seq} does not match its hash or link; no checkpoint signed`,
      );
    previous = row.hash;
  }
  const leaves = rows.map(auditLeafHash);
  const tree: AuditTree = { origin: originOf(leaves), leaves, root: treeRoot(leaves) };
  const [last] = (await storedCheckpoints(store)).slice(-1);
  if (last) {
    const verdict = checkExtends(
      tree,
      parseCheckpointText(last.note.slice(0, last.note.lastIndexOf('\n\n') + 1)),
    );
    if (verdict.kind === 'not-extended')
      throw new DeskError('AUDIT_CHAIN_BROKEN', `${verdict.reason}; no checkpoint signed`);
  }
  const now = clock.now();
  const checkpoint: Checkpoint = {
    origin: tree.origin,
    size: leaves.length,
    root: tree.root,
    timestamp: Math.floor(now.getTime() / 1000),
  };
  const stored: StoredCheckpoint = {
    tree_size: checkpoint.size,
    root_hash: checkpoint.root.toString('hex'),
    signed_at: now.toISOString(),
    key_name: signer.name,
    note: signNote(checkpointText(checkpoint), signer),
  };
  await store.run(
    'INSERT INTO audit_checkpoints (tree_size, root_hash, signed_at, key_name, note) VALUES ($1, $2, $3, $4, $5)',
    [stored.tree_size, stored.root_hash, stored.signed_at, stored.key_name, stored.note],
  );
  return stored;
}

/** How old a checkpoint may get before any command signs a new one (design.md: "at least daily"). */
export const CHECKPOINT_INTERVAL_MS = 24 * 60 * 60 * 1000;

export type SignerSource = NoteSigner | (() => NoteSigner);

const resolveSigner = (source: SignerSource) => (typeof source === 'function' ? source() : source);

/** Signs a checkpoint if the log has events and the last checkpoint is older than a day (or none). */
export async function checkpointIfDue(
  store: Store,
  clock: Clock,
  signer: SignerSource,
): Promise<StoredCheckpoint | null> {
  const [latest] = await store.all<{ signed_at: string | null; events: bigint }>(
    'SELECT (SELECT max(signed_at) FROM audit_checkpoints) AS signed_at, (SELECT count(*) FROM audit_log) AS events',
  );
  if (!latest || Number(latest.events) === 0) return null;
  if (latest.signed_at && clock.now().getTime() - Date.parse(latest.signed_at) < CHECKPOINT_INTERVAL_MS)
    return null;
  return signCheckpoint(store, clock, resolveSigner(signer));
}

let configuredSigner: SignerSource | null = null;

/** The key the desk signs checkpoints with in this process (the CLI and the demo set it; loaded when first needed). */
export function setCheckpointSigner(signer: SignerSource | null): void {
  configuredSigner = signer;
}

/** A checkpoint at every release (design.md); nothing where no signing key is configured (unit tests). */
export async function checkpointAfterRelease(store: Store, clock: Clock): Promise<StoredCheckpoint | null> {
  return configuredSigner ? signCheckpoint(store, clock, resolveSigner(configuredSigner)) : null;
}
