/**
 * The pipeline as one resumable process, for the crash-safety test: it looks at where the batch
 * stands and does the rest — submit, screen, match, approve, release (and, once released, release
 * again, which completes a delivery a crash interrupted). Run with DDESK_CRASH_AT=N it kills itself
 * at its N-th crash point (src/pipeline/crash-point.ts). It calls the same stage functions as the
 * CLI, with a fixed clock so that every run, however interrupted, must write the same response.
 *
 *   node test/crash/resume-pipeline.ts <desk folder>
 *
 * Appends each step it starts, with the crash points passed so far, to <desk folder>/steps.log;
 * prints {"crashPoints": n} when done.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setCheckpointSigner } from '../../src/audit/checkpoint.ts';
import { loadOrCreateSigningKey, signingKeyFile } from '../../src/audit/desk-signing-key.ts';
import { fixedClock } from '../../src/clock.ts';
import { receiveSignedBatch } from '../../src/intake/receive-signed-batch.ts';
import { loadTrustConfig } from '../../src/intake/signature/trust-config.ts';
import { exactMatcher } from '../../src/linkage/exact-matcher.ts';
import { matchBatch } from '../../src/linkage/match-batch.ts';
import { actorLabel, assertedActor } from '../../src/people/actor.ts';
import { crashPointsPassed } from '../../src/pipeline/crash-point.ts';
import { advanceStage, getBatch } from '../../src/pipeline/batch-stage.ts';
import { screenBatch } from '../../src/policy/screen-batch.ts';
import { loadProgram } from '../../src/programs/program.ts';
import { approveBatch } from '../../src/release/approve-batch.ts';
import { releaseBatch } from '../../src/release/release-batch.ts';
import { loadDeskSigner } from '../../src/release/response-signature.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { CRASH_BATCH, CRASH_TIME } from './crash-constants.ts';

const dir = process.argv[2] ?? '.';
const db = path.join(dir, 'desk.duckdb');
const keys = path.join(dir, 'keys');
const clock = fixedClock(CRASH_TIME);
const program = loadProgram();
const clerk = assertedActor('demo-intake-clerk', 'crash-test');
const officer = assertedActor('demo-disclosure-officer', 'crash-test');
const step = (name: string) =>
  appendFileSync(path.join(dir, 'steps.log'), `${name} ${crashPointsPassed()}\n`);

const release = () =>
  releaseBatch(store, clock, {
    batchId: CRASH_BATCH,
    program,
    outDir: path.join(dir, 'responses'),
    actor: officer,
    signer: loadDeskSigner(keys),
  });

const store = await DuckDbStore.open(db);
setCheckpointSigner(() => loadOrCreateSigningKey(signingKeyFile(db)));
try {
  const exists = await store.all('SELECT 1 FROM batches WHERE batch_id = $1', [CRASH_BATCH]);
  if (!exists.length) {
    step('submit');
    await receiveSignedBatch(store, clock, {
      jws: readFileSync(path.join(dir, 'manifest.jws'), 'utf8'),
      recordsFile: path.join(dir, 'requests.csv'),
      trust: loadTrustConfig(keys),
      actor: actorLabel(clerk),
    });
  }
  for (;;) {
    const { stage } = await getBatch(store, CRASH_BATCH);
    if (stage === 'verified') {
      step('screen');
      await store.transaction(async (tx) => {
        await advanceStage(tx, CRASH_BATCH, ['verified'], 'screened', CRASH_TIME);
        await screenBatch(tx, clock, {
          batchId: CRASH_BATCH,
          program,
          asOf: CRASH_TIME.slice(0, 10),
          attestation: 'x',
          actor: actorLabel(clerk),
        });
      });
    } else if (stage === 'screened') {
      step('match');
      await store.transaction(async (tx) => {
        await advanceStage(tx, CRASH_BATCH, ['screened'], 'matched', CRASH_TIME);
        await matchBatch(tx, clock, {
          batchId: CRASH_BATCH,
          program,
          matcher: exactMatcher,
          actor: actorLabel(clerk),
        });
      });
    } else if (stage === 'matched') {
      step('approve');
      await approveBatch(store, clock, { batchId: CRASH_BATCH, actor: officer, withholdAmbiguous: true });
    } else if (stage === 'approved') {
      step('release');
      await release();
      break;
    } else {
      // Released: releasing again completes a delivery a crash interrupted (and is audited).
      step('complete');
      await release();
      break;
    }
  }
  process.stdout.write(`${JSON.stringify({ crashPoints: crashPointsPassed() })}\n`);
} finally {
  store.close();
}
