import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixedClock } from '../../src/clock.ts';
import type { Manifest } from '../../src/intake/manifest.ts';
import { recordsDigest } from '../../src/intake/signature/records-digest.ts';
import { signManifest } from '../../src/intake/signature/sign-manifest.ts';
import { createTestPki } from '../../src/intake/signature/test-pki.ts';
import { actorLabel } from '../../src/people/actor.ts';
import { staffDemoDesk } from '../../src/people/demo-staff.ts';
import { loadProgram } from '../../src/programs/program.ts';
import { loadReference } from '../../src/reference/load-reference.ts';
import { DuckDbStore } from '../../src/store/duckdb/duckdb-store.ts';
import { CRASH_BATCH, CRASH_TIME } from './crash-constants.ts';

const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'bench-tiny');

/** A desk with its keys, staff, reference and a signed batch waiting to be submitted. */
export async function prepareCrashDesk(dir: string): Promise<void> {
  const clock = fixedClock(CRASH_TIME);
  const keys = path.join(dir, 'keys');
  await createTestPki(keys, { now: clock.now(), force: true });
  const requests = path.join(dir, 'requests.csv');
  copyFileSync(path.join(FIXTURE, 'requests.csv'), requests);
  const program = loadProgram();
  const manifest: Manifest = {
    program: program.id,
    batch_id: CRASH_BATCH,
    requesting_agency: program.requestingAgency.code,
    requesting_official: 'Director ICE (SYNTHETIC TEST)',
    statutory_authority: '8 U.S.C. § 1253(a)(1)',
    attestation: 'Each person named is subject to a final order of removal and under criminal investigation.',
    ...(await recordsDigest(requests)),
    date: CRASH_TIME.slice(0, 10),
  };
  const jws = await signManifest(
    manifest,
    readFileSync(path.join(keys, 'director.key.pem'), 'utf8'),
    [readFileSync(path.join(keys, 'director.cert.pem'), 'utf8')],
    { issuedAt: clock.now() },
  );
  writeFileSync(path.join(dir, 'manifest.jws'), jws);
  const store = await DuckDbStore.open(path.join(dir, 'desk.duckdb'));
  try {
    const people = await staffDemoDesk(store, clock);
    await loadReference(store, clock, {
      file: path.join(FIXTURE, 'reference.csv'),
      replace: true,
      actor: actorLabel(people.admin),
    });
  } finally {
    store.close();
  }
}
