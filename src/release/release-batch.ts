import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appendAuditEvent } from '../audit/audit-log.ts';
import { checkpointAfterRelease } from '../audit/checkpoint.ts';
import { assertCoverageIntact } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { actorLabel, type Actor } from '../people/actor.ts';
import { authorize } from '../people/duties.ts';
import { advanceStage, getBatch } from '../pipeline/batch-stage.ts';
import type { Outcome, Program } from '../programs/program.ts';
import type { Store } from '../store/store.ts';
import { toCsv } from './response-file.ts';

export const RESPONSE_HEADER = ['request_id', 'outcome', 'reason_code', 'reason', 'confirmation'] as const;

interface DecisionRow {
  request_id: string;
  outcome: Outcome;
  rule_id: string | null;
  reason: string;
  taxpayer_id: string | null;
  request_authority: string | null;
  request_reason: string | null;
  investigating_officer: string | null;
  address_tax_year: number | null;
}

export interface ReleaseReceipt {
  responseFile: string;
  sha256: string;
  disclosures: number;
  records: number;
}

/**
 * Writes the response file (only what the program's disclosure policy allows) and one ledger
 * row per disclosure, together and exactly once: the ledger, the stage and the audit event
 * commit in one transaction that names the file's SHA-256; the file is renamed into place after.
 * Releasing an already-released batch rewrites a missing file from the stored decisions and
 * checks that it hashes to what the ledger recorded.
 */
export async function releaseBatch(
  store: Store,
  clock: Clock,
  input: { batchId: string; program: Program; outDir: string; actor: Actor },
): Promise<ReleaseReceipt> {
  await authorize(store, clock, input.actor, 'batch.release', { batchId: input.batchId });
  const batch = await getBatch(store, input.batchId);
  const decisions = await store.all<DecisionRow>(
    `SELECT d.request_id, d.outcome, d.rule_id, d.reason, d.taxpayer_id,
            nullif(r.statutory_authority, '') AS request_authority, nullif(r.reason, '') AS request_reason,
            nullif(r.investigating_officer, '') AS investigating_officer, a.tax_year AS address_tax_year
     FROM decisions d JOIN requests r USING (batch_id, request_id)
     LEFT JOIN address_of_record a ON a.taxpayer_id = d.taxpayer_id
     WHERE d.batch_id = $1 ORDER BY r.row_number`,
    [input.batchId],
  );
  if (decisions.length !== batch.record_count)
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${input.batchId} has ${decisions.length} decisions for ${batch.record_count} records`,
    );
  const content = toCsv(
    RESPONSE_HEADER,
    decisions.map((decision) => responseRow(decision, input.program)),
  );
  const sha256 = createHash('sha256').update(content).digest('hex');
  mkdirSync(input.outDir, { recursive: true });
  const responseFile = path.join(input.outDir, `${input.batchId}.response.csv`);
  const disclosed = decisions.filter((decision) => input.program.disclosure[decision.outcome].length > 0);

  if (batch.stage === 'released')
    return reissue(store, input.batchId, responseFile, content, sha256, disclosed.length, decisions.length);

  const temporary = `${responseFile}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  const at = clock.now().toISOString();
  await store.transaction(async (tx) => {
    await assertCoverageIntact(tx, 'decisions', input.batchId);
    await assertCoverageIntact(tx, 'ledger', input.batchId);
    await advanceStage(tx, input.batchId, ['approved'], 'released', at);
    await tx.append(
      'ledger',
      disclosed.map((decision) => [
        randomUUID(),
        input.batchId,
        decision.request_id,
        decision.taxpayer_id ?? '',
        decision.address_tax_year === null ? null : Number(decision.address_tax_year),
        batch.requesting_agency,
        batch.program_id,
        batch.program_version,
        decision.request_authority ?? batch.statutory_authority,
        // § 6103(p)(3)(A): the accounting records the purpose; the request's own reason is it.
        `${input.program.legalAuthority.citation}: ${decision.request_reason ?? batch.attestation ?? ''}`,
        // The officer who receives the answer (named per record), on the signer's written request.
        [decision.investigating_officer, batch.signer_title ?? batch.requesting_official]
          .filter(Boolean)
          .join(' — on request of '),
        input.program.disclosure[decision.outcome].join(';'),
        at,
        sha256,
      ]),
    );
    await appendAuditEvent(tx, clock, {
      actor: actorLabel(input.actor),
      action: 'batch.release',
      batchId: input.batchId,
      outcome: 'success',
      description: `released batch ${input.batchId}: ${decisions.length} answers, ${disclosed.length} disclosures entered in the ledger`,
      detail: { responseSha256: sha256, disclosures: disclosed.length, records: decisions.length },
      covers: [
        { table: 'ledger', batchId: input.batchId },
        { table: 'decisions', batchId: input.batchId },
      ],
    });
  });
  renameSync(temporary, responseFile);
  await checkpointAfterRelease(store, clock);
  return { responseFile, sha256, disclosures: disclosed.length, records: decisions.length };
}

/**
 * The stable, documented meaning of each outcome. The response carries this text, never the
 * matcher's internal reason, which could reveal return information the program does not release.
 */
export const OUTCOME_DESCRIPTIONS: Record<Outcome, string> = {
  CONFIRMED: 'the address given is the address of record of the person named',
  NOT_CONFIRMED: 'the address given is not confirmed',
  NO_RECORD: 'the address given is not confirmed',
  AMBIGUOUS: 'not confirmed: the request could not be resolved to one person',
  REJECTED: 'the request does not meet the statute or the program',
};

function responseRow(decision: DecisionRow, program: Program): string[] {
  const fields = program.disclosure[decision.outcome];
  // REJECTED cites the rule and its message (about the request itself, not about any taxpayer).
  const reason = decision.outcome === 'REJECTED' ? decision.reason : OUTCOME_DESCRIPTIONS[decision.outcome];
  return [
    decision.request_id,
    decision.outcome,
    decision.rule_id ?? decision.outcome,
    reason,
    fields.includes('confirmation') ? 'Y' : '',
  ];
}

async function reissue(
  store: Store,
  batchId: string,
  responseFile: string,
  content: string,
  sha256: string,
  disclosures: number,
  records: number,
): Promise<ReleaseReceipt> {
  const [recorded] = await store.all<{ response_sha256: string }>(
    "SELECT detail::JSON->>'responseSha256' AS response_sha256 FROM audit_log WHERE batch_id = $1 AND action = 'batch.release' AND outcome = 'success'",
    [batchId],
  );
  if (!recorded || recorded.response_sha256 !== sha256)
    throw new DeskError(
      'AUDIT_CHAIN_BROKEN',
      `batch ${batchId}: the decisions no longer produce the released response (hash differs from the audit record)`,
    );
  if (
    !existsSync(responseFile) ||
    createHash('sha256').update(readFileSync(responseFile)).digest('hex') !== sha256
  )
    writeFileSync(responseFile, content);
  return { responseFile, sha256, disclosures, records };
}
