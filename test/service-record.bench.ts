/**
 * Figures for a record kept on PostgreSQL (run: `eval "$(.ci/start-postgres)"`, then
 * `nice node test/service-record.bench.ts duckdb|postgres [--taxpayers N] [--requests N]`):
 * intake, screening and matching of one synthetic batch, with the record in the embedded desk
 * (matched in place) or on PostgreSQL (read into the engine's work database, decisions written
 * back: src/pipeline/match-from-record.ts). Prints one JSON line: milliseconds and outcome counts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.ts';
import { submitBatch } from '../src/intake/submit-batch.ts';
import { deskMatcher } from '../src/linkage/desk-matcher.ts';
import { matchBatch } from '../src/linkage/match-batch.ts';
import { advanceStage } from '../src/pipeline/batch-stage.ts';
import { matchFromRecord } from '../src/pipeline/match-from-record.ts';
import { screenVerifiedBatch } from '../src/pipeline/stage-runs.ts';
import { loadProgram } from '../src/programs/program.ts';
import { loadReference } from '../src/reference/load-reference.ts';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { grantApplicationRole, PostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { Store } from '../src/store/store.ts';
import { runCli, tempDir } from './cli.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    taxpayers: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '5000' },
  },
});
const record = positionals[0] === 'postgres' ? 'postgres' : 'duckdb';
const dir = tempDir('record-bench');
const data = path.join(dir, 'data');
const made = await runCli([
  'synth',
  '--out',
  data,
  '--seed',
  '5',
  '--taxpayers',
  values.taxpayers,
  '--requests',
  values.requests,
]);
if (made.code !== 0) throw new Error(made.stderr);
const asOf = (JSON.parse(readFileSync(path.join(data, 'meta.json'), 'utf8')) as { as_of: string }).as_of;
const requestsFile = path.join(data, 'requests.csv');
const program = loadProgram();
const clock = systemClock;
const manifest = {
  program: program.id,
  batch_id: 'BENCH',
  requesting_agency: 'DHS-ICE',
  requesting_official: 'Director (SYNTHETIC)',
  statutory_authority: '8 U.S.C. § 1253(a)(1)',
  attestation: 'each person named is subject to a final order of removal',
  record_count: Number(values.requests),
  records_sha256: createHash('sha256').update(readFileSync(requestsFile)).digest('hex'),
  date: asOf,
};

async function receiveAndScreen(store: Store): Promise<{ intakeMs: number; screenMs: number }> {
  let started = Date.now();
  await submitBatch(store, clock, {
    manifest,
    manifestJson: JSON.stringify(manifest),
    recordsFile: requestsFile,
    program,
    actor: 'os:bench',
    verifyDigest: false,
    strictColumns: false,
    signer: { subject: 'CN=Director', serialNumber: '01', title: 'Director', fingerprint256: 'AA' },
  });
  const intakeMs = Date.now() - started;
  started = Date.now();
  await screenVerifiedBatch(store, clock, { batchId: 'BENCH', asOf, actor: 'os:bench' });
  return { intakeMs, screenMs: Date.now() - started };
}

const engine = await DuckDbStore.open(path.join(dir, 'engine.duckdb'), { encryption: 'none' });
await loadReference(engine, clock, {
  file: path.join(data, 'reference.csv'),
  replace: true,
  actor: 'os:bench',
});
if (record === 'duckdb') {
  const stages = await receiveAndScreen(engine);
  const started = Date.now();
  const counts = await engine.transaction(async (tx) => {
    await advanceStage(tx, 'BENCH', ['screened'], 'matched', clock.now().toISOString());
    return matchBatch(tx, clock, { batchId: 'BENCH', program, matcher: deskMatcher, actor: 'os:bench' });
  });
  console.log(JSON.stringify({ record, ...stages, matchMs: Date.now() - started, counts }));
} else {
  const ownerUrl = process.env['DDESK_TEST_PG_OWNER_URL'];
  const appUrl = process.env['DDESK_TEST_PG_APP_URL'];
  if (!ownerUrl || !appUrl) throw new Error('eval "$(.ci/start-postgres)" first');
  const schema = `bench_${randomBytes(3).toString('hex')}`;
  const owner = await PostgresStore.open(ownerUrl, { schema, migrate: true });
  await grantApplicationRole(owner, schema, 'ddesk_app');
  const store = await PostgresStore.open(appUrl, { schema });
  try {
    const stages = await receiveAndScreen(store);
    const started = Date.now();
    const matched = await matchFromRecord({
      record: store,
      engine,
      clock,
      batchId: 'BENCH',
      matcher: deskMatcher,
      program,
      actor: 'os:bench',
    });
    console.log(
      JSON.stringify({ record, ...stages, matchMs: Date.now() - started, counts: matched?.counts }),
    );
  } finally {
    await store.end();
    await owner.run(`DROP SCHEMA ${schema} CASCADE`);
    await owner.end();
  }
}
engine.close();
