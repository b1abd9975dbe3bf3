import { createHash, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, realpathSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { appendAuditEvent } from '../audit/audit-log.ts';
import { checkpointAfterRelease, storedCheckpoints } from '../audit/checkpoint.ts';
import { assertCoverageIntact, assertSnapshotIntact, coverageSnapshot } from '../audit/row-coverage.ts';
import type { Clock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { actorLabel, type Actor } from '../people/actor.ts';
import { authorize } from '../people/duties.ts';
import { advanceStage, getBatch, type BatchRow } from '../pipeline/batch-stage.ts';
import type { Program } from '../programs/program.ts';
import type { SqlValue, Store } from '../store/store.ts';
import { fileSha256 } from '../intake/read-records.ts';
import { crashPoint } from '../pipeline/crash-point.ts';
import {
  approvedDecisionsDigest,
  decisionsDigest,
  decisionsDigestLike,
  type DecisionsDigest,
} from './decisions-digest.ts';
import {
  openTemporary,
  outputFolder,
  publish,
  removeLeftovers,
  writeAtomically,
  type TemporaryFile,
} from './deliver-response.ts';
import {
  RESPONSE_FORMAT,
  renderResponseRows,
  renderResponseStart,
  responseColumns,
  responseRow,
  type Answer,
  type ResponseFormat,
} from './response-document.ts';
import type { ResponseSigner } from './response-signature.ts';

export interface DecisionRow extends Answer {
  taxpayer_id: string | null;
  request_authority: string | null;
  request_reason: string | null;
  investigating_officer: string | null;
}

export interface ReleaseReceipt {
  responseFile: string;
  signatureFile: string;
  format: ResponseFormat;
  sha256: string;
  releasedAt: string;
  disclosures: number;
  records: number;
}

export interface ReleaseInput {
  /**
   * Where the taxpayers' addresses of record are read, when the record is kept apart from the
   * taxpayer reference (the record on PostgreSQL, the reference with the engine); default: `store`.
   */
  reference?: Store;
  batchId: string;
  program: Program;
  outDir: string;
  actor: Actor;
  signer: ResponseSigner;
  format?: ResponseFormat;
}

/**
 * Writes the signed response (only what the program allows: response-document.ts) and one ledger
 * row per disclosure, exactly once: the ledger, the stage and the audit event (the file's SHA-256,
 * release time and folder) commit in one transaction first; then the file and its signature are
 * written atomically into the folder (deliver-response.ts). A crash anywhere loses or repeats
 * nothing: before the commit nothing happened; after it, releasing again completes the delivery.
 * Refused unless the decisions still hash to what the approval bound, and unless the releasing
 * officer reviewed none of the batch. Releasing a released batch again is a re-issue (`reissue`).
 */
export async function releaseBatch(store: Store, clock: Clock, input: ReleaseInput): Promise<ReleaseReceipt> {
  await authorize(store, clock, input.actor, 'batch.release', { batchId: input.batchId });
  const batch = await getBatch(store, input.batchId);
  if (batch.stage === 'released') return reissue(store, clock, batch, input);
  if (batch.stage !== 'approved')
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${batch.batch_id} is ${batch.stage}; only an approved batch is released (next: ${NEXT_STEP[batch.stage] ?? 'none'})`,
    );
  const approved = await approvedDecisionsDigest(store, input.batchId);
  if (!approved) return refuseUnapproved(store, clock, input, null);
  const format = input.format ?? 'csv';
  const releasedAt = clock.now().toISOString();
  const outDir = outputFolder(input.outDir);
  const responseFile = responseFileOf(outDir, batch.batch_id, format);
  const signatureFile = `${responseFile}.jws`;
  // Whatever an earlier attempt killed before its commit left behind goes first.
  removeLeftovers(outDir, [path.basename(responseFile), path.basename(signatureFile)]);
  // One transaction from the check of the decisions to the ledger: the response is written from
  // the decisions the approval bound, to a temporary file page by page (its SHA-256 as it goes),
  // renamed into place only once the ledger has committed: before that nobody can read it.
  let written: Awaited<ReturnType<typeof writeResponse>> | undefined;
  let prepared = false;
  try {
    await store.transaction(async (tx) => {
      // The decisions hashed once: against the approval, against the audit log, and for this event.
      const decisions = await coverageSnapshot(tx, 'decisions', input.batchId);
      const current = await decisionsDigestLike(tx, approved, decisions);
      if (current.sha256 !== approved.sha256) throw new ApprovalNoLongerBinds(current);
      await assertEveryRequestDecided(tx, batch);
      await assertSnapshotIntact(tx, decisions);
      await assertCoverageIntact(tx, 'ledger', input.batchId);
      prepared = await prepareAnswers(tx, batch, input.reference);
      written = await writeResponse(outDir, path.basename(responseFile), {
        batch,
        program: input.program,
        releasedAt,
        format,
        pages: responsePages(tx, batch, input.reference, prepared),
      });
      const { sha256 } = written;
      await advanceStage(tx, input.batchId, ['approved'], 'released', releasedAt);
      // The ledger from the same answers the file was written from: in the database where they were
      // prepared there, else page by page.
      const entry: LedgerContext = { batch, program: input.program, releasedAt, responseSha256: sha256 };
      if (prepared) await ledgerFromPreparedAnswers(tx, entry, written.disclosures);
      else
        for await (const page of answerPages(tx, batch, input.reference)) {
          const disclosed = page.filter((decision) => input.program.disclosure[decision.outcome].length > 0);
          if (disclosed.length)
            await tx.append(
              'ledger',
              disclosed.map((decision) => ledgerRow(decision, entry)),
            );
        }
      await appendAuditEvent(tx, clock, {
        actor: actorLabel(input.actor),
        action: 'batch.release',
        batchId: input.batchId,
        outcome: 'success',
        description: `released batch ${input.batchId}: ${written.records} answers, ${written.disclosures} disclosures entered in the ledger`,
        detail: {
          responseSha256: sha256,
          format,
          releasedAt,
          outDir,
          responseSigner: input.signer.subject,
          disclosures: written.disclosures,
          records: written.records,
        },
        covers: [
          { table: 'ledger', batchId: input.batchId },
          // The decisions as checked above: releasing writes the ledger, not them.
          { table: 'decisions', batchId: input.batchId, unchangedSince: decisions },
        ],
      });
    });
  } catch (error) {
    if (written) rmSync(written.temporary.path, { force: true });
    if (error instanceof ApprovalNoLongerBinds)
      return refuseUnapproved(store, clock, input, { approved, current: error.current });
    throw error;
  } finally {
    if (prepared) await store.run(`DROP TABLE IF EXISTS ${ANSWERS_TABLE}`);
  }
  if (!written) throw new Error('the release wrote no response');
  const { sha256 } = written;
  publish(outDir, written.temporary, path.basename(responseFile));
  writeAtomically(
    outDir,
    path.basename(signatureFile),
    await input.signer.signChunks(createReadStream(responseFile)),
  );
  await checkpointAfterRelease(store, clock);
  return {
    responseFile,
    signatureFile,
    format,
    sha256,
    releasedAt,
    disclosures: written.disclosures,
    records: written.records,
  };
}

/** What a disclosure's ledger row says besides its answer: the release, its batch and program. */
export interface LedgerContext {
  batch: BatchRow;
  program: Program;
  releasedAt: string;
  responseSha256: string;
}

/** A disclosure's ledger row (§ 6103(p)(3)(A) accounting), in the ledger's column order. */
export function ledgerRow(decision: DecisionRow, entry: LedgerContext): SqlValue[] {
  const { batch, program } = entry;
  return [
    randomUUID(),
    batch.batch_id,
    decision.request_id,
    decision.taxpayer_id ?? '',
    decision.tax_year_of_address === null ? null : Number(decision.tax_year_of_address),
    batch.requesting_agency,
    batch.program_id,
    batch.program_version,
    decision.request_authority ?? batch.statutory_authority,
    // § 6103(p)(3)(A): the accounting records the purpose; the request's own reason is it.
    `${program.legalAuthority.citation}: ${decision.request_reason ?? batch.attestation ?? ''}`,
    // The officer who receives the answer (named per record), on the signer's written request.
    [decision.investigating_officer, batch.signer_title ?? batch.requesting_official]
      .filter(Boolean)
      .join(' — on request of '),
    program.disclosure[decision.outcome].join(';'),
    entry.releasedAt,
    entry.responseSha256,
  ];
}

/**
 * The ledger rows of the prepared answers (prepareAnswers), written by the database in one
 * statement: the same values as ledgerRow gives each disclosed answer, without reading the answers
 * back. Refused unless it wrote as many rows as the response discloses.
 */
export async function ledgerFromPreparedAnswers(
  store: Store,
  entry: LedgerContext,
  disclosures: number,
): Promise<void> {
  const { batch, program } = entry;
  const fields = Object.fromEntries(
    Object.entries(program.disclosure)
      .filter(([, disclosed]) => disclosed.length > 0)
      .map(([outcome, disclosed]) => [outcome, disclosed.join(';')]),
  );
  await store.run(
    `INSERT INTO ledger (entry_id, batch_id, request_id, taxpayer_id, tax_year, requesting_agency, program_id,
       program_version, statutory_authority, purpose, recipient, fields_disclosed, disclosed_at, response_sha256)
     SELECT uuid()::VARCHAR, $1::VARCHAR, request_id, coalesce(taxpayer_id, ''), tax_year_of_address,
            $2::VARCHAR, $3::VARCHAR, $4::VARCHAR, coalesce(request_authority, $5::VARCHAR),
            $6::VARCHAR || coalesce(request_reason, $7::VARCHAR, ''),
            concat_ws(' — on request of ', nullif(investigating_officer, ''), $8::VARCHAR),
            $9::JSON ->> outcome, $10::TIMESTAMP, $11::VARCHAR
     FROM ${ANSWERS_TABLE} WHERE ($9::JSON ->> outcome) IS NOT NULL ORDER BY answer_no`,
    [
      batch.batch_id,
      batch.requesting_agency,
      batch.program_id,
      batch.program_version,
      batch.statutory_authority,
      `${program.legalAuthority.citation}: `,
      batch.attestation,
      (batch.signer_title ?? batch.requesting_official) || null,
      JSON.stringify(fields),
      entry.releasedAt,
      entry.responseSha256,
    ],
  );
  const [row] = await store.all<{ n: bigint }>('SELECT count(*) AS n FROM ledger WHERE batch_id = $1', [
    batch.batch_id,
  ]);
  if (Number(row?.n ?? 0) !== disclosures)
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${batch.batch_id}: ${Number(row?.n ?? 0)} ledger rows for ${disclosures} disclosures in the response; nothing was released`,
    );
}

export function responseFileOf(outDir: string, batchId: string, format: ResponseFormat): string {
  return path.join(outDir, `${batchId}.response.${format}`);
}

/** The decisions no longer hash to what the approval bound: the release's transaction is undone. */
class ApprovalNoLongerBinds extends Error {
  readonly current: DecisionsDigest;
  constructor(current: DecisionsDigest) {
    super('the decisions no longer hash to what the approval bound');
    this.current = current;
  }
}

/**
 * Approval binds the decisions (decisions-digest.ts): release refuses, and audits the refusal, when
 * they no longer hash to what the approval recorded — a decision changed after approval, by any
 * means, is not what the officer approved — or when no approval binds them.
 */
async function refuseUnapproved(
  store: Store,
  clock: Clock,
  input: ReleaseInput,
  found: { approved: DecisionsDigest; current: DecisionsDigest } | null,
): Promise<never> {
  const approved = found?.approved ?? null;
  const current = found?.current ?? (await decisionsDigest(store, input.batchId));
  const reason = approved
    ? `the decisions of batch ${input.batchId} no longer hash to what the approval bound (approved ${approved.decisions} decisions, SHA-256 ${approved.sha256}; now ${current.decisions}, SHA-256 ${current.sha256}): a decision changed after approval; nothing was released`
    : `batch ${input.batchId} has no approval that binds its decisions; nothing was released`;
  await appendAuditEvent(store, clock, {
    actor: actorLabel(input.actor),
    action: 'batch.release',
    batchId: input.batchId,
    outcome: 'refused',
    description: `release of batch ${input.batchId} refused: its decisions are not the ones approved`,
    detail: {
      code: 'AUDIT_CHAIN_BROKEN',
      approvedSha256: approved?.sha256 ?? null,
      currentSha256: current.sha256,
    },
  });
  throw new DeskError('AUDIT_CHAIN_BROKEN', reason);
}

/** What a batch that is not yet approved needs next, for the refusal to name it. */
const NEXT_STEP: Partial<Record<BatchRow['stage'], string>> = {
  received: 'ddesk batch submit with a signed manifest',
  verified: 'ddesk batch screen',
  screened: 'ddesk batch match',
  matched: 'review, then ddesk batch approve',
  purged: 'none: its request data is purged',
};

const ADDRESS_OF_RECORD_SQL =
  "concat_ws(', ', a.address_line1, nullif(a.address_line2, ''), a.city, a.state, a.zip) AS address_of_record, a.tax_year AS tax_year_of_address";

/** Decisions read and written a page at a time: a response of millions of rows is never held in memory. */
const ANSWER_PAGE = 10_000;

async function assertEveryRequestDecided(store: Store, batch: BatchRow): Promise<void> {
  const [row] = await store.all<{ n: bigint }>('SELECT count(*) AS n FROM decisions WHERE batch_id = $1', [
    batch.batch_id,
  ]);
  const decided = Number(row?.n ?? 0);
  if (decided !== batch.record_count)
    throw new DeskError(
      'WRONG_STAGE',
      `batch ${batch.batch_id} has ${decided} decisions for ${batch.record_count} records`,
    );
}

/**
 * The answers of a batch with the reference beside the record (the embedded desk), read once into a
 * temporary table ordered as the records file: the address of record of every decided taxpayer is
 * one pass over the reference, however many pages are read from it afterwards.
 */
export const ANSWERS_TABLE = 'release_answers';

/**
 * The view address_of_record (migration 001: each taxpayer's row of the latest tax year) of the
 * taxpayers the batch's decisions name ($1 = the batch): the window reads their rows only, not
 * the whole reference's (which the planner does not narrow through the window on its own).
 */
const DECIDED_ADDRESSES_OF_RECORD_SQL = `
  SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY taxpayer_id ORDER BY tax_year DESC NULLS LAST) AS rn
    FROM reference_records
    WHERE taxpayer_id IN (SELECT taxpayer_id FROM decisions WHERE batch_id = $1))
  WHERE rn = 1`;

async function prepareAnswers(store: Store, batch: BatchRow, reference?: Store): Promise<boolean> {
  const apart = reference !== undefined && reference !== store;
  if (apart || store.dialect !== 'duckdb') return false;
  await store.run(
    `CREATE OR REPLACE TEMP TABLE ${ANSWERS_TABLE} AS
     SELECT row_number() OVER (ORDER BY r.row_number) AS answer_no, r.row_number, d.request_id, d.outcome, d.rule_id, d.reason, d.taxpayer_id,
            nullif(r.statutory_authority, '') AS request_authority, nullif(r.reason, '') AS request_reason,
            nullif(r.investigating_officer, '') AS investigating_officer, ${ADDRESS_OF_RECORD_SQL}
     FROM decisions d JOIN requests r USING (batch_id, request_id)
     LEFT JOIN (${DECIDED_ADDRESSES_OF_RECORD_SQL}) a ON a.taxpayer_id = d.taxpayer_id
     WHERE d.batch_id = $1 ORDER BY r.row_number`,
    [batch.batch_id],
  );
  return true;
}

/**
 * The response's answers in the order of the records file, a page at a time: from the table
 * prepareAnswers made (only what the response shows: a decision's reason is its message only when
 * it is a rejection), else as answerPages reads them.
 */
async function* responsePages(
  store: Store,
  batch: BatchRow,
  reference: Store | undefined,
  prepared: boolean,
): AsyncGenerator<Answer[]> {
  if (!prepared) {
    yield* answerPages(store, batch, reference);
    return;
  }
  for (let pageStart = 0; ; pageStart += ANSWER_PAGE) {
    // A page of the prepared table is a range of its answer numbers (1, 2, …): reading it costs the
    // page, not the rest of the table as a top-N after the last row read would.
    const page = await store.all<Answer & { tax_year_of_address: number | bigint | null }>(
      `SELECT request_id, outcome, rule_id, CASE WHEN outcome = 'REJECTED' THEN reason ELSE '' END AS reason,
              address_of_record, tax_year_of_address
       FROM ${ANSWERS_TABLE} WHERE answer_no > $1 AND answer_no <= $2 ORDER BY answer_no`,
      [pageStart, pageStart + ANSWER_PAGE],
    );
    if (!page.length) return;
    yield page.map((answer) => ({
      ...answer,
      tax_year_of_address: answer.tax_year_of_address === null ? null : Number(answer.tax_year_of_address),
    }));
  }
}

/**
 * The batch's decisions with what the ledger records of their requests, in the order of its
 * records file, a page at a time from the record; with the reference kept apart, each page's
 * addresses of record read from it.
 */
async function* answerPages(
  store: Store,
  batch: BatchRow,
  reference: Store | undefined,
): AsyncGenerator<DecisionRow[]> {
  let after = -1;
  for (;;) {
    const page = await store.all<DecisionRow & { row_number: number | bigint }>(
      `SELECT r.row_number, d.request_id, d.outcome, d.rule_id, d.reason, d.taxpayer_id,
          nullif(r.statutory_authority, '') AS request_authority, nullif(r.reason, '') AS request_reason,
          nullif(r.investigating_officer, '') AS investigating_officer,
          NULL AS address_of_record, NULL AS tax_year_of_address
       FROM decisions d JOIN requests r USING (batch_id, request_id)
       WHERE d.batch_id = $1 AND r.row_number > $2 ORDER BY r.row_number LIMIT ${ANSWER_PAGE}`,
      [batch.batch_id, after],
    );
    const last = page[page.length - 1];
    if (!last) return;
    after = Number(last.row_number);
    if (reference) await addAddressesOfRecord(reference, page);
    yield page.map((decision) => ({
      ...decision,
      tax_year_of_address:
        decision.tax_year_of_address === null ? null : Number(decision.tax_year_of_address),
    }));
  }
}

/**
 * Writes the response into a temporary file of the folder, page by page, hashing it as it goes;
 * flushed and closed, it is the caller's to publish (rename into place) or remove.
 */
async function writeResponse(
  dir: string,
  name: string,
  input: {
    batch: BatchRow;
    program: Program;
    releasedAt: string;
    format: ResponseFormat;
    pages: AsyncIterable<Answer[]>;
  },
): Promise<{ temporary: TemporaryFile; sha256: string; records: number; disclosures: number }> {
  const { batch, program, format } = input;
  const columns = responseColumns(program);
  const hash = createHash('sha256');
  const temporary = openTemporary(dir, name);
  let records = 0;
  let disclosures = 0;
  try {
    const write = (text: string) => {
      const bytes = Buffer.from(text);
      hash.update(bytes);
      writeSync(temporary.fd, bytes);
    };
    write(
      renderResponseStart(
        {
          format: RESPONSE_FORMAT,
          batch_id: batch.batch_id,
          program_id: batch.program_id,
          program_version: batch.program_version,
          requesting_agency: batch.requesting_agency,
          record_count: String(batch.record_count),
          request_file_sha256: batch.records_sha256,
          released_at: input.releasedAt,
        },
        columns,
        format,
      ),
    );
    for await (const page of input.pages) {
      write(
        renderResponseRows(
          columns,
          page.map((answer) => responseRow(program, columns, answer)),
          format,
        ),
      );
      records += page.length;
      disclosures += page.filter((answer) => program.disclosure[answer.outcome].length > 0).length;
    }
    if (records !== batch.record_count)
      throw new DeskError(
        'WRONG_STAGE',
        `batch ${batch.batch_id} has ${records} decisions for ${batch.record_count} records`,
      );
    crashPoint();
    fsyncSync(temporary.fd);
  } catch (error) {
    closeSync(temporary.fd);
    rmSync(temporary.path, { force: true });
    throw error;
  }
  closeSync(temporary.fd);
  return { temporary, sha256: hash.digest('hex'), records, disclosures };
}

/** Fills each decision's address of record from the reference kept apart (a page of taxpayers at a time). */
async function addAddressesOfRecord(reference: Store, decisions: DecisionRow[]): Promise<void> {
  const ids = [...new Set(decisions.flatMap((d) => (d.taxpayer_id ? [d.taxpayer_id] : [])))];
  const found = new Map<string, { address_of_record: string | null; tax_year_of_address: unknown }>();
  for (let from = 0; from < ids.length; from += 1000) {
    const page = ids.slice(from, from + 1000);
    const rows = await reference.all<{
      taxpayer_id: string;
      address_of_record: string | null;
      tax_year_of_address: unknown;
    }>(
      `SELECT a.taxpayer_id, ${ADDRESS_OF_RECORD_SQL} FROM address_of_record a
       WHERE a.taxpayer_id IN (${page.map((_id, i) => `$${i + 1}`).join(', ')})`,
      page,
    );
    for (const row of rows) found.set(row.taxpayer_id, row);
  }
  for (const decision of decisions) {
    const address = decision.taxpayer_id ? found.get(decision.taxpayer_id) : undefined;
    Object.assign(decision, {
      address_of_record: address?.address_of_record ?? null,
      tax_year_of_address: address?.tax_year_of_address ?? null,
    });
  }
}

/**
 * Releasing a released batch again re-issues its response: regenerated from the stored decisions
 * and the recorded release time, it must hash to what the release recorded; it goes only to the
 * folder of the release (another --out is refused: a second copy elsewhere would be a disclosure
 * nobody accounted for), written atomically where the file or its signature is missing or altered,
 * and audited. This is also how a release killed after its commit completes its delivery.
 */
async function reissue(
  store: Store,
  clock: Clock,
  batch: BatchRow,
  input: ReleaseInput,
): Promise<ReleaseReceipt> {
  const [recorded] = await store.all<{ seq: bigint; detail: string }>(
    "SELECT seq, detail FROM audit_log WHERE batch_id = $1 AND action = 'batch.release' AND outcome = 'success' ORDER BY seq LIMIT 1",
    [batch.batch_id],
  );
  const detail = recorded
    ? (JSON.parse(recorded.detail) as {
        responseSha256?: string;
        format?: ResponseFormat;
        releasedAt?: string;
        outDir?: string;
        disclosures?: number;
      })
    : {};
  const format = detail.format ?? 'csv';
  if (input.format && input.format !== format)
    throw new DeskError(
      'INVALID_INPUT',
      `batch ${batch.batch_id} was released as ${format}, not ${input.format}`,
    );
  // Releases recorded before the folder was (older desks) may be re-issued to the folder given.
  const outDir = detail.outDir ?? outputFolder(input.outDir);
  if (detail.outDir && realFolder(input.outDir) !== detail.outDir)
    throw new DeskError(
      'INVALID_INPUT',
      `batch ${batch.batch_id} was released to ${detail.outDir}; its response is re-issued only there (--out ${detail.outDir})`,
    );
  await assertEveryRequestDecided(store, batch);
  const responseFile = responseFileOf(outputFolder(outDir), batch.batch_id, format);
  const signatureFile = `${responseFile}.jws`;
  const leftovers = removeLeftovers(outDir, [path.basename(responseFile), path.basename(signatureFile)]);
  const prepared = await prepareAnswers(store, batch, input.reference);
  const regenerated = await writeResponse(outDir, path.basename(responseFile), {
    batch,
    program: input.program,
    releasedAt: detail.releasedAt ?? '',
    format,
    pages: responsePages(store, batch, input.reference, prepared),
  }).finally(async () => {
    if (prepared) await store.run(`DROP TABLE IF EXISTS ${ANSWERS_TABLE}`);
  });
  const { sha256 } = regenerated;
  if (!detail.releasedAt || !detail.responseSha256 || detail.responseSha256 !== sha256) {
    rmSync(regenerated.temporary.path, { force: true });
    throw new DeskError(
      'AUDIT_CHAIN_BROKEN',
      `batch ${batch.batch_id}: the decisions no longer produce the released response (hash differs from the audit record)`,
    );
  }
  const responseIntact = existsSync(responseFile) && (await fileSha256(responseFile)) === sha256;
  const rewritten: string[] = [];
  if (responseIntact) rmSync(regenerated.temporary.path, { force: true });
  else {
    publish(outDir, regenerated.temporary, path.basename(responseFile));
    rewritten.push('response');
  }
  if (!responseIntact || !existsSync(signatureFile)) {
    writeAtomically(
      outDir,
      path.basename(signatureFile),
      await input.signer.signChunks(createReadStream(responseFile)),
    );
    rewritten.push('signature');
  }
  await appendAuditEvent(store, clock, {
    actor: actorLabel(input.actor),
    action: 'batch.reissue',
    batchId: batch.batch_id,
    outcome: 'success',
    description: `re-issued the response of batch ${batch.batch_id} to ${outDir}: ${rewritten.length ? `wrote the ${rewritten.join(' and ')}` : 'already in place'}`,
    detail: { responseSha256: sha256, outDir, rewritten, leftoversRemoved: leftovers.length },
  });
  // A release killed before its checkpoint gets it now.
  const releaseSeq = Number(recorded?.seq ?? 0);
  if (!(await storedCheckpoints(store)).some((checkpoint) => checkpoint.tree_size >= releaseSeq))
    await checkpointAfterRelease(store, clock);
  return {
    responseFile,
    signatureFile,
    format,
    sha256,
    releasedAt: detail.releasedAt ?? '',
    disclosures: detail.disclosures ?? 0,
    records: regenerated.records,
  };
}

/** The real path of a folder, or of where it would be (a re-issue never creates another folder). */
function realFolder(dir: string): string {
  return existsSync(dir) ? realpathSync(dir) : path.resolve(dir);
}
