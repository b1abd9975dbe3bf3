import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { appendAuditEvent } from './audit-log.ts';
import { setAuditInterface, type AuditInterface } from './audit-origin.ts';
import { checkpointIfDue, setCheckpointSigner } from './checkpoint.ts';
import { loadOrCreateSigningKey, signingKeyFile } from './desk-signing-key.ts';
import { redactForAudit } from './personal-data-guard.ts';
import type { NoteSigner } from './signed-note.ts';

/**
 * What the entry points (CLI, HTTP) do around each command so that Publication 1075's record is
 * complete: say which interface acts, sign the daily checkpoint when one is due, and record a
 * command that failed or was refused as a failure event even when its own transaction rolled back.
 */
interface Session {
  command: string;
  args: readonly string[];
  /** The last event before the command ran: events after it are the command's own. */
  seqAtStart: number;
}

let session: Session | null = null;
let pendingCommand: { command: string; args: readonly string[] } | null = null;

/** The command about to run (`batch approve`, its arguments), as the CLI parsed it. */
export function setAuditedCommand(command: string, args: readonly string[]): void {
  pendingCommand = { command, args };
}

export async function openAuditSession(
  store: Store,
  clock: Clock,
  options: { db: string; interface: AuditInterface },
): Promise<void> {
  setAuditInterface(options.interface);
  let signer: NoteSigner | null = null;
  const provider = () => (signer ??= loadOrCreateSigningKey(signingKeyFile(options.db)));
  setCheckpointSigner(provider);
  try {
    await checkpointIfDue(store, clock, provider);
  } catch (error) {
    // A log that no longer verifies is not signed; the command still runs (`audit verify` must).
    if (!(error instanceof DeskError && error.code === 'AUDIT_CHAIN_BROKEN')) throw error;
    process.stderr.write(
      `ddesk: the daily checkpoint was not signed: ${error.message}; run \`ddesk audit verify\`\n`,
    );
  }
  const [last] = await store.all<{ seq: bigint | null }>('SELECT max(seq) AS seq FROM audit_log');
  session = {
    command: pendingCommand?.command ?? 'command',
    args: pendingCommand?.args ?? [],
    seqAtStart: Number(last?.seq ?? 0),
  };
}

/**
 * Records the failure of the command in progress, unless the stage already audited it (intake
 * audits its own refusals). Only the batch an argument names goes into the event, never the
 * arguments themselves (a TIN may be one).
 */
export async function recordCommandFailure(
  store: Store,
  clock: Clock,
  actor: string,
  error: unknown,
): Promise<void> {
  if (!session) return;
  const { command, args, seqAtStart } = session;
  const [audited] = await store.all<{ n: bigint }>(
    "SELECT count(*) AS n FROM audit_log WHERE seq > $1 AND outcome IN ('refused', 'failure') AND process_id = $2",
    [seqAtStart, process.pid],
  );
  if (Number(audited?.n ?? 0) > 0) return;
  let batchId: string | null = null;
  for (const arg of args) {
    const found = await store.all('SELECT 1 FROM batches WHERE batch_id = $1', [arg]);
    if (found.length) {
      batchId = arg;
      break;
    }
  }
  const code = error instanceof DeskError ? error.code : 'UNEXPECTED';
  const reason = redactForAudit(error instanceof Error ? error.message : String(error));
  await appendAuditEvent(store, clock, {
    actor,
    action: command.replace(/ /g, '.'),
    batchId,
    outcome: error instanceof DeskError ? 'refused' : 'failure',
    description: `${command} ${error instanceof DeskError ? 'refused' : 'failed'}: ${reason}`,
    detail: { code, reason },
  });
}

/** A read of taxpayer information (a review queue, an explanation, the ledger): Pub 1075 records those too. */
export async function recordRead(
  store: Store,
  clock: Clock,
  read: {
    actor: string;
    action: string;
    object: string;
    batchId?: string | null;
    description: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await appendAuditEvent(store, clock, { ...read, outcome: 'success' });
}
