import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { DeskError } from '../errors.ts';
import path from 'node:path';
import { setCheckpointSigner } from '../audit/checkpoint.ts';
import { loadOrCreateSigningKey, signingKeyFile } from '../audit/desk-signing-key.ts';
import { verifyAuditLog } from '../audit/verify-audit-log.ts';
import { loadTruth, recordResults, scoreProgram } from '../bench/score.ts';
import { isoDate, type Clock } from '../clock.ts';
import { receiveSignedBatch } from '../intake/receive-signed-batch.ts';
import { recordsDigest } from '../intake/signature/records-digest.ts';
import { signManifest } from '../intake/signature/sign-manifest.ts';
import { DIRECTOR_SUBJECT, createTestPki } from '../intake/signature/test-pki.ts';
import { sameName } from '../intake/signature/certificate-identity.ts';
import { loadTrustConfig } from '../intake/signature/trust-config.ts';
import type { Manifest } from '../intake/manifest.ts';
import { deskMatcher } from '../linkage/desk-matcher.ts';
import { matchBatch, type OutcomeCounts } from '../linkage/match-batch.ts';
import { actorLabel } from '../people/actor.ts';
import { staffDemoDesk } from '../people/demo-staff.ts';
import { advanceStage } from '../pipeline/batch-stage.ts';
import { screenBatch } from '../policy/screen-batch.ts';
import { SECOND_IDENTIFIER_RULE, loadProgram, type Program } from '../programs/program.ts';
import { loadReference } from '../reference/load-reference.ts';
import { approveBatch } from '../release/approve-batch.ts';
import { releaseBatch } from '../release/release-batch.ts';
import { loadDeskSigner } from '../release/response-signature.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { generateSynthFolder } from '../synth/synth-folder.ts';

export interface DemoOptions {
  dir: string;
  seed: number;
  taxpayers: number;
  requests: number;
  clock: Clock;
  log: (line: string) => void;
}

export interface DemoResult {
  batchId: string;
  db: string;
  responseFile: string;
  outcomes: OutcomeCounts;
  disclosures: number;
  /** Confirmations the synthetic truth says were wrong (must be 0). */
  wrongfulDisclosures: number;
  trueConfirmations: number;
  expectedConfirmations: number;
  /** True confirmations the program rejected at screening for carrying neither a DOB nor a TIN. */
  confirmationsRejectedForIdentifiers: number;
  auditEvents: number;
  files: Record<string, string>;
}

/**
 * The whole pipeline on fresh synthetic data, as the operators would run it: a test PKI, a
 * synthetic reference and signed request batch, intake, screening, matching, approval (ambiguous
 * requests withheld, as no reviewer sits in a demo), release, and the audit chain verified.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { dir, clock, log } = options;
  refuseForeignFolder(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, DEMO_MARKER), 'made by ddesk demo: the next demo run replaces this folder\n');
  const files = {
    data: path.join(dir, 'data'),
    keys: path.join(dir, 'keys'),
    db: path.join(dir, 'desk.duckdb'),
    manifest: path.join(dir, 'manifest.json'),
    signedManifest: path.join(dir, 'manifest.jws'),
    responses: path.join(dir, 'responses'),
  };
  const today = isoDate(clock.now());

  log(
    `1/8 synthetic data: ${options.taxpayers} taxpayers, ${options.requests} requests (seed ${options.seed})`,
  );
  await generateSynthFolder({
    out: files.data,
    seed: options.seed,
    taxpayers: options.taxpayers,
    requests: options.requests,
    asOf: today,
  });
  const requestsFile = path.join(files.data, 'requests.csv');

  log('2/8 test PKI: agency CA and signer certificates (SYNTHETIC TEST)');
  await createTestPki(files.keys, { now: clock.now(), force: true });
  const program = loadProgram();
  const batchId = `DEMO-${today}-${options.seed}`;
  const manifest: Manifest = {
    program: program.id,
    batch_id: batchId,
    requesting_agency: program.requestingAgency.code,
    // The official named is the one who signs (intake checks it): the Director, by the program's title.
    requesting_official: directorTitle(program),
    statutory_authority: '8 U.S.C. § 1253(a)(1)',
    attestation:
      'Each person named is subject to a final order of removal and is the subject of a criminal investigation under the statute cited; the information is sought solely for that investigation.',
    ...(await recordsDigest(requestsFile)),
    date: today,
  };
  writeFileSync(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  const keyPem = readFileSync(path.join(files.keys, 'director.key.pem'), 'utf8');
  const certPem = readFileSync(path.join(files.keys, 'director.cert.pem'), 'utf8');
  const jws = await signManifest(manifest, keyPem, [certPem], { issuedAt: clock.now() });
  writeFileSync(files.signedManifest, jws);

  const store = await DuckDbStore.open(files.db);
  // The desk signs a checkpoint of its audit log at release, with its key beside the database.
  setCheckpointSigner(() => loadOrCreateSigningKey(signingKeyFile(files.db)));
  try {
    const people = await staffDemoDesk(store, clock);
    const actor = actorLabel(people.clerk);
    log('3/8 loading the taxpayer reference');
    await loadReference(store, clock, {
      file: path.join(files.data, 'reference.csv'),
      replace: true,
      actor: actorLabel(people.admin),
    });
    log(`4/8 intake: verifying the signed manifest and receiving batch ${batchId}`);
    await receiveSignedBatch(store, clock, {
      jws,
      recordsFile: requestsFile,
      trust: loadTrustConfig(files.keys),
      actor,
    });
    log('5/8 screening against the statute and the program');
    await store.transaction(async (tx) => {
      await advanceStage(tx, batchId, ['verified'], 'screened', clock.now().toISOString());
      await screenBatch(tx, clock, {
        batchId,
        program,
        asOf: today,
        attestation: manifest.attestation,
        actor,
      });
    });
    log(`6/8 matching (${deskMatcher.name})`);
    const outcomes = await store.transaction(async (tx) => {
      await advanceStage(tx, batchId, ['screened'], 'matched', clock.now().toISOString());
      return matchBatch(tx, clock, { batchId, program, matcher: deskMatcher, actor });
    });
    log('7/8 approval and release (ambiguous requests withheld: nothing disclosed for them)');
    await approveBatch(store, clock, { batchId, actor: people.officer, withholdAmbiguous: true });
    const receipt = await releaseBatch(store, clock, {
      batchId,
      program,
      outDir: files.responses,
      actor: people.officer,
      signer: loadDeskSigner(files.keys),
    });
    log('8/8 verifying the audit log: every event, the rows each wrote, the signed checkpoint');
    const chain = await verifyAuditLog(store);
    if (chain.kind !== 'intact') throw new Error(`audit chain broken at seq ${chain.seq}: ${chain.problem}`);
    const score = await scoreAgainstTruth(store, batchId, path.join(files.data, 'truth.csv'));
    return {
      batchId,
      db: files.db,
      responseFile: receipt.responseFile,
      outcomes,
      disclosures: receipt.disclosures,
      ...score,
      auditEvents: chain.rows,
      files: { ...files, responseFile: receipt.responseFile },
    };
  } finally {
    store.close();
  }
}

/** The batch's decisions scored against the synthetic truth, as the benchmark scores them. */
async function scoreAgainstTruth(store: DuckDbStore, batchId: string, truthFile: string) {
  await loadTruth(store, truthFile, { temporary: true });
  await recordResults(store, 'desk', batchId);
  const score = await scoreProgram(store, 'desk');
  const [rejected] = await store.all<{ n: bigint }>(
    `SELECT count(*) AS n FROM decisions d JOIN bench_truth t USING (request_id)
     WHERE d.batch_id = $1 AND d.rule_id = $2 AND t.expected_outcome = 'CONFIRMED'`,
    [batchId, SECOND_IDENTIFIER_RULE],
  );
  return {
    wrongfulDisclosures: score.wrongful_disclosures,
    trueConfirmations: score.true_confirmations,
    expectedConfirmations: score.expected_confirmations,
    confirmationsRejectedForIdentifiers: Number(rejected?.n ?? 0),
  };
}

function directorTitle(program: Program): string {
  const director = program.authorizedSigners.find((signer) => sameName(signer.subject, DIRECTOR_SUBJECT));
  return director?.title ?? program.authorizedSigners[0]?.title ?? '';
}

/** The file that says a folder is a demo's own, which the next demo run may replace. */
export const DEMO_MARKER = '.ddesk-demo';
const DEMO_FILES = new Set([
  DEMO_MARKER,
  'data',
  'keys',
  'desk.duckdb',
  'desk.duckdb.wal',
  'desk.duckdb.tmp',
  'desk-keys',
  'manifest.json',
  'manifest.jws',
  'responses',
]);

/** The demo replaces its folder on each run: only a folder it made, or an empty or new one. */
function refuseForeignFolder(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory())
    throw new DeskError('INVALID_INPUT', `demo --dir ${dir} is a file; it must name a folder`);
  const entries = readdirSync(dir);
  if (entries.includes(DEMO_MARKER)) return;
  // A folder an earlier demo made before it left a marker holds only what a demo writes.
  const foreign = entries.filter((entry) => !DEMO_FILES.has(entry));
  if (foreign.length > 0)
    throw new DeskError(
      'INVALID_INPUT',
      `demo --dir ${dir} holds ${foreign.length} file(s) the demo did not make (such as ${foreign[0] ?? ''}); the demo replaces its folder on each run, so it uses only an empty or new folder, or one it made (with ${DEMO_MARKER})`,
    );
}
