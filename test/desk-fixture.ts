import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isoDate } from '../src/clock.ts';
import { ROOT, runCli, staffDesk, tempDir } from './cli.ts';

export const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'bench-tiny');
/** The screening date of the fixture's requests (their taxable periods and removal orders). */
export const AS_OF = '2026-01-15';

export interface ManifestOptions {
  /** Fields to set or override in the manifest (e.g. a forged requesting_agency). */
  fields?: Record<string, unknown>;
  /** The test PKI certificate that signs (default: the Director's). */
  role?: string;
  /** Extra certificates for x5c after the signer's (e.g. an intermediate CA). */
  chain?: string;
  /** State count and digest in the manifest from the raw file (for files `batch sign --records` refuses). */
  rawDigest?: boolean;
}

/** A staffed desk holding the fixture reference, a test PKI, and a signed batch of the fixture requests. */
export async function preparedDesk(
  name: string,
  recordsFile = path.join(FIXTURE, 'requests.csv'),
  rawDigest = false,
  referenceFile = path.join(FIXTURE, 'reference.csv'),
) {
  const dir = tempDir(name);
  const db = path.join(dir, 'desk.duckdb');
  const keys = path.join(dir, 'keys');
  const ddesk = (...args: string[]) => runCli(['--db', db, ...args]);
  /** `ddesk` as one of the test's people (test/cli.ts PEOPLE). */
  const as = (person: string, ...args: string[]) => runCli(['--db', db, '--actor', person, ...args]);
  await staffDesk(db);
  assert.equal((await ddesk('keys', 'init', '--dir', keys)).code, 0);
  const batchId = `E2E-${name}`;

  /** Signs a manifest for `records` (the batch id, program and official as given, unless overridden). */
  async function signedManifest(
    file: string,
    records: string,
    options: ManifestOptions = {},
  ): Promise<string> {
    const manifest = path.join(dir, `${path.basename(file, '.jws')}.json`);
    writeFileSync(
      manifest,
      JSON.stringify({
        program: 'irs-ice-6103i2',
        batch_id: batchId,
        requesting_agency: 'DHS-ICE',
        requesting_official: 'Director ICE (SYNTHETIC TEST)',
        statutory_authority: '8 U.S.C. § 1253(a)(1)',
        attestation:
          'Each person named is subject to a final order of removal and under criminal investigation.',
        // A malformed file cannot be digested by `batch sign --records`: the test states its digest itself.
        record_count: options.rawDigest ? readFileSync(records, 'utf8').trim().split('\n').length - 1 : 0,
        records_sha256: options.rawDigest
          ? createHash('sha256').update(readFileSync(records)).digest('hex')
          : '0'.repeat(64),
        // Signed today: intake refuses a manifest older than the program's freshness window.
        date: isoDate(new Date()),
        ...options.fields,
      }),
    );
    const role = options.role ?? 'director';
    const signed = await ddesk(
      'batch',
      'sign',
      manifest,
      '--key',
      path.join(keys, `${role}.key.pem`),
      '--cert',
      path.join(keys, `${role}.cert.pem`),
      ...(options.chain ? ['--chain', options.chain] : []),
      ...(options.rawDigest ? [] : ['--records', records]),
      '--out',
      file,
    );
    assert.equal(signed.code, 0, signed.stderr);
    return file;
  }

  const jws = await signedManifest(path.join(dir, 'manifest.jws'), recordsFile, { rawDigest });
  const loaded = await ddesk('reference', 'load', referenceFile);
  assert.equal(loaded.code, 0, loaded.stderr);
  return { dir, db, keys, jws, ddesk, as, batchId, recordsFile, signedManifest };
}

export type PreparedDesk = Awaited<ReturnType<typeof preparedDesk>>;

/**
 * A desk holding a small synthetic world (`ddesk synth`: households, namesakes, moves) and its
 * signed, not yet submitted batch; `asOf` is the world's screening date.
 */
export async function syntheticDesk(
  name: string,
  { seed = 11, taxpayers = 1500, requests = 400 } = {},
): Promise<PreparedDesk & { asOf: string; referenceFile: string }> {
  const data = path.join(tempDir(`${name}-synth`), 'data');
  const made = await runCli([
    'synth',
    '--out',
    data,
    '--seed',
    String(seed),
    '--taxpayers',
    String(taxpayers),
    '--requests',
    String(requests),
  ]);
  assert.equal(made.code, 0, made.stderr);
  const asOf = (JSON.parse(readFileSync(path.join(data, 'meta.json'), 'utf8')) as { as_of: string }).as_of;
  const referenceFile = path.join(data, 'reference.csv');
  const desk = await preparedDesk(name, path.join(data, 'requests.csv'), false, referenceFile);
  return { ...desk, asOf, referenceFile };
}

/** A synthetic desk whose batch the clerk has submitted, screened and matched — so that some requests await review. */
export async function syntheticMatchedDesk(
  name: string,
  world: { seed?: number; taxpayers?: number; requests?: number } = {},
): Promise<PreparedDesk & { asOf: string }> {
  const desk = await syntheticDesk(name, world);
  await matchedBatch(desk, desk.asOf);
  return desk;
}

/** Submits, screens and matches the desk's batch (as the clerk), leaving it matched. */
export async function matchedBatch(desk: PreparedDesk, asOf = AS_OF): Promise<void> {
  const { as, jws, keys, batchId, recordsFile } = desk;
  const submitted = await as('clerk', 'batch', 'submit', jws, recordsFile, '--keys', keys);
  assert.equal(submitted.code, 0, submitted.stderr);
  const screened = await as('clerk', 'batch', 'screen', batchId, '--as-of', asOf);
  assert.equal(screened.code, 0, screened.stderr);
  const matched = await as('clerk', 'batch', 'match', batchId);
  assert.equal(matched.code, 0, matched.stderr);
}
