import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';
import { runCli, tempDir } from './cli.ts';
import { type PreparedDesk, syntheticDesk } from './desk-fixture.ts';
import { addAccount, ServiceClient, startServer } from './service-client.ts';

/**
 * The service with its record on PostgreSQL (`ddesk --pg URL serve`, --db the engine holding the
 * taxpayer reference): the steps that run there today (docs/storage.md), each asserted against the
 * server's own tables. Needs the server `.ci/start-postgres` starts (it exports
 * DDESK_TEST_PG_OWNER_URL and DDESK_TEST_PG_APP_URL); without it the suite is skipped, and says so.
 */
const OWNER_URL = process.env['DDESK_TEST_PG_OWNER_URL'];
const APP_URL = process.env['DDESK_TEST_PG_APP_URL'];
const skip =
  OWNER_URL && APP_URL
    ? false
    : 'no PostgreSQL: DDESK_TEST_PG_OWNER_URL/DDESK_TEST_PG_APP_URL unset (eval "$(.ci/start-postgres)" starts one)';
if (skip) process.stderr.write(`service on PostgreSQL: skipped, ${skip}\n`);

/** Requests in the batch of `syntheticDesk` (its default size). */
const REQUESTS = 400;

interface Job {
  jobId: string;
  state: string;
  outcomes: Record<string, number> | null;
  error: unknown;
}
interface ReviewViewBody {
  requestId: string;
  candidates: {
    taxpayerId: string;
    foundBy: string;
    rank: number | null;
    values: { name: string | null; tin: string | null; zip: string | null };
    addressOfRecord: { agrees: boolean };
  }[];
  explanation: { kind: string };
}
interface AuditEventView {
  actor: string;
  action: string;
  outcome: string;
  interface: string | null;
}

/**
 * Calls every route of the service's OpenAPI document (but signing out) for one batch and request,
 * GETs only unless `all`, with bodies and queries that reach each handler's work rather than its
 * validation; returns the answers that were server errors.
 */
async function walkRoutes(
  client: ServiceClient,
  ids: { batchId: string; requestId: string; asOf?: string },
  options: { all?: boolean } = { all: true },
): Promise<{ calls: number; failures: string[] }> {
  const spec = (await client.call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json'))
    .body;
  const year = new Date().getUTCFullYear();
  const bodies: Record<string, unknown> = {
    'POST /api/ledger/taxpayer': { tin: '900-00-0001' },
    'POST /api/retention/run': { dryRun: true },
    'POST /api/batches/{batchId}/reviews/{requestId}/search': { lastName: 'Smith', zip: '78701' },
    'POST /api/batches/{batchId}/reviews/{requestId}': { outcome: 'NO_RECORD', note: 'walk' },
    'POST /api/batches/{batchId}/screen': { asOf: ids.asOf ?? '2026-01-15' },
  };
  const queries: Record<string, string> = {
    'GET /api/ledger/report': `?year=${year}`,
    'GET /api/ledger': `?batchId=${ids.batchId}&limit=5`,
    'GET /api/audit/events': `?batchId=${ids.batchId}&limit=5`,
    'GET /api/batches/{batchId}/reviews': '?all=true',
  };
  const calls = Object.entries(spec.paths)
    .flatMap(([route, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${route}`))
    .filter((call) => call !== 'DELETE /api/session' && (options.all || call.startsWith('GET ')));
  const failures: string[] = [];
  // The HTML report is its own page.
  for (const call of [...calls, 'GET /api/ledger/report (html)']) {
    const [method = 'GET', route = ''] = call.split(' ');
    const query = call.endsWith('(html)') ? `?year=${year}&format=html` : (queries[call] ?? '');
    const url =
      route
        .replace('{batchId}', ids.batchId)
        .replace('{requestId}', ids.requestId)
        .replace('{ruleId}', 'rule.none') + query;
    const answer = await client.call(method, url, method === 'GET' ? undefined : (bodies[call] ?? {}));
    if (answer.status >= 500) failures.push(`${call}: ${answer.status} ${answer.text.slice(0, 300)}`);
  }
  return { calls: calls.length, failures };
}

describe('the desk as a service with its record on PostgreSQL', { skip }, () => {
  const schema = `e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  let desk: PreparedDesk & { asOf: string };
  let server: Awaited<ReturnType<typeof startServer>>;
  const password: Record<string, string> = {};
  let agencyToken: string;
  let jobId: string;
  /** A request of the released batch that was disclosed (the route walk asks about it). */
  let disclosedRequest = '';
  const saved: Record<string, string | undefined> = {};
  const serve = () => startServer(desk.db, ['--keys', desk.keys, '--out', path.join(desk.dir, 'responses')]);

  before(async () => {
    // The engine: a desk file holding the reference (and a test PKI and the signed batch).
    // The same world as the embedded service's end-to-end test (test/service.e2e.test.ts): its batch
    // leaves requests to reviewers.
    desk = await syntheticDesk('service-pg');
    // From here every command and the server keep their record in this schema.
    for (const [name, value] of [
      ['DDESK_PG_URL', APP_URL],
      ['DDESK_PG_SCHEMA', schema],
      ['DDESK_PG_OWNER_URL', OWNER_URL],
    ] as const) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    for (const [account, role] of [
      ['clerk', 'intake-clerk'],
      ['audrey', 'auditor'],
      ['olga', 'disclosure-officer'],
      ['rita', 'reviewer'],
    ] as const)
      password[account] = await addAccount(desk.db, account, role);
    // A second reviewer who is also a disclosure officer: the two-person rule keeps him from approving.
    const ravi = await runCli([
      '--db',
      desk.db,
      'user',
      'add',
      'ravi',
      '--role',
      'reviewer',
      'disclosure-officer',
      '--json',
    ]);
    assert.equal(ravi.code, 0, ravi.stderr);
    password['ravi'] = (JSON.parse(ravi.stdout) as { password: string }).password;
    // Someone holding every staff role walks the routes (an agency client's are the agency's).
    const walker = await runCli([
      '--db',
      desk.db,
      'user',
      'add',
      'walker',
      '--role',
      'intake-clerk',
      'reviewer',
      'disclosure-officer',
      'auditor',
      'admin',
      '--json',
    ]);
    assert.equal(walker.code, 0, walker.stderr);
    password['walker'] = (JSON.parse(walker.stdout) as { password: string }).password;
    agencyToken = await addAccount(desk.db, 'ice-intake', 'agency-client', 'DHS-ICE');
    server = await serve();
  });

  after(async () => {
    if (server.child.exitCode === null) await server.stop();
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    if (OWNER_URL) {
      const owner = await PostgresStore.open(OWNER_URL, { schema: 'public' });
      await owner.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await owner.end();
    }
  });

  it('takes an upload to its release and download, each step audited, all kept on PostgreSQL', async () => {
    const agency = new ServiceClient(server.url, agencyToken);
    const { batchId, asOf } = desk;

    const uploads = await Promise.all([
      agency.upload(desk.jws, desk.recordsFile),
      agency.upload(desk.jws, desk.recordsFile),
    ]);
    assert.deepEqual(uploads.map((u) => u.status).sort(), [201, 409], uploads.map((u) => u.text).join('\n'));
    assert.equal(uploads.find((u) => u.status === 409)?.body.code, 'REPLAY');
    const listed = await agency.call<{ batchId: string; stage: string; records: number }[]>(
      'GET',
      '/api/batches',
    );
    assert.deepEqual(
      listed.body.map((b) => [b.batchId, b.stage, b.records]),
      [[batchId, 'verified', REQUESTS]],
    );
    // Every read answers without a server error before screening, as staff and as the agency.
    const walker = await ServiceClient.signIn(server.url, 'walker', password['walker'] ?? '');
    for (const caller of [walker, agency])
      assert.deepEqual(
        (await walkRoutes(caller, { batchId, requestId: 'R-none' }, { all: false })).failures,
        [],
      );

    const clerk = await ServiceClient.signIn(server.url, 'clerk', password['clerk'] ?? '');
    const screened = await clerk.call<{ screened: number; rejected: number }>(
      'POST',
      `/api/batches/${batchId}/screen`,
      { asOf },
    );
    assert.equal(screened.status, 200, screened.text);
    assert.equal(screened.body.screened, REQUESTS);
    const report = await clerk.call<{ rejected: number }>('GET', `/api/batches/${batchId}/screening`);
    assert.equal(report.status, 200, report.text);
    assert.equal(report.body.rejected, screened.body.rejected);

    const started = await clerk.call<Job>('POST', `/api/batches/${batchId}/match`, {});
    assert.equal(started.status, 202, started.text);
    jobId = started.body.jobId;
    let job = started.body;
    for (let i = 0; i < 600 && (job.state === 'queued' || job.state === 'running'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = (await clerk.call<Job>('GET', `/api/batches/${batchId}/match`)).body;
    }
    assert.equal(job.state, 'succeeded', JSON.stringify(job.error));
    const decided = Object.values(job.outcomes ?? {}).reduce((a, b) => a + b, 0);
    assert.equal(decided, REQUESTS, 'one decision per request');

    const detail = await clerk.call<{
      stage: string;
      timeline: { action: string }[];
      outcomes: Record<string, number>;
    }>('GET', `/api/batches/${batchId}`);
    assert.equal(detail.status, 200, detail.text);
    assert.equal(detail.body.stage, 'matched');
    assert.deepEqual(detail.body.outcomes, job.outcomes);
    for (const action of ['batch.submit', 'batch.screen', 'batch.match'])
      assert.ok(
        detail.body.timeline.some((e) => e.action === action),
        `${action} in the timeline`,
      );

    // Every read answers without a server error while the batch awaits its reviewers.
    const ambiguous = (await walker.call<{ request_id: string }[]>('GET', `/api/batches/${batchId}/reviews`))
      .body[0]?.request_id;
    assert.deepEqual(
      (await walkRoutes(walker, { batchId, requestId: ambiguous ?? '' }, { all: false })).failures,
      [],
    );

    // A reviewer works the queue as on an embedded desk: the request beside its candidates (the
    // matcher's, kept with the engine), a search of the engine's reference, and verdicts written back
    // to the record — a confirmation proposed by one reviewer and concurred with by another.
    const rita = await ServiceClient.signIn(server.url, 'rita', password['rita'] ?? '');
    const ravi = await ServiceClient.signIn(server.url, 'ravi', password['ravi'] ?? '');
    const queue = await rita.call<{ request_id: string; status: string }[]>(
      'GET',
      `/api/batches/${batchId}/reviews`,
    );
    assert.equal(queue.status, 200, queue.text);
    const awaiting = queue.body.filter((item) => item.status === 'awaiting review');
    assert.equal(awaiting.length, job.outcomes?.['AMBIGUOUS'] ?? 0);
    assert.ok(awaiting.length >= 3, 'one request to confirm, one to search for, the rest in bulk');
    const views = new Map<string, ReviewViewBody>();
    for (const item of awaiting) {
      const view = await rita.call<ReviewViewBody>(
        'GET',
        `/api/batches/${batchId}/reviews/${item.request_id}`,
      );
      assert.equal(view.status, 200, view.text);
      views.set(item.request_id, view.body);
    }
    const candidates = [...views.values()].flatMap((v) => v.candidates);
    assert.ok(candidates.length > 0, 'the engine shows the candidates');
    assert.ok(
      candidates.every((c) => c.foundBy === 'candidate' && c.rank !== null && c.values.name),
      'each candidate with its rank and its address of record',
    );
    assert.ok([...views.values()].every((v) => v.explanation.kind === 'matched'));
    const explained = await rita.call<{ kind: string }>(
      'GET',
      `/api/batches/${batchId}/requests/${awaiting[0]?.request_id}/explanation`,
    );
    assert.equal(explained.status, 200, explained.text);
    assert.equal(explained.body.kind, 'matched');

    // A confirmation: proposed by rita, concurred with by ravi (the program's second reviewer).
    const toConfirm = [...views.values()].find((v) => v.candidates.some((c) => c.addressOfRecord.agrees));
    assert.ok(toConfirm, 'a request whose candidate agrees at the address of record');
    const confirmedTaxpayer = toConfirm.candidates.find((c) => c.addressOfRecord.agrees)?.taxpayerId;
    const route = `/api/batches/${batchId}/reviews/${toConfirm.requestId}`;
    const proposed = await rita.call<{ results: { step: string; outcome: string }[] }>('POST', route, {
      outcome: 'CONFIRMED',
      taxpayerId: confirmedTaxpayer,
      note: 'name, date of birth and address agree',
    });
    assert.equal(proposed.status, 200, proposed.text);
    assert.deepEqual(proposed.body.results[0], {
      ...proposed.body.results[0],
      step: 'proposed',
      outcome: 'AMBIGUOUS',
    });
    const concurred = await ravi.call<{ results: { step: string; outcome: string }[] }>('POST', route, {
      outcome: 'CONFIRMED',
      taxpayerId: confirmedTaxpayer,
      note: 'agree: the same person',
    });
    assert.equal(concurred.status, 200, concurred.text);
    assert.deepEqual(concurred.body.results[0], {
      ...concurred.body.results[0],
      step: 'concurred',
      outcome: 'CONFIRMED',
    });
    // Someone never a candidate, and never found by a search, cannot be named.
    const rest = awaiting.filter((item) => item.request_id !== toConfirm.requestId);
    const [first, second, ...others] = rest;
    const stranger = await rita.call<{ code: string }>(
      'POST',
      `/api/batches/${batchId}/reviews/${first?.request_id}`,
      {
        outcome: 'NOT_CONFIRMED',
        taxpayerId: confirmedTaxpayer === 'T-none' ? 'T-other' : 'T-none',
        note: 'not a candidate',
      },
    );
    assert.ok([403, 404].includes(stranger.status), stranger.text);
    // A search of the engine's reference, kept in the record, lets rita name whom it found.
    const target = views.get(second?.request_id ?? '')?.candidates[0];
    assert.ok(target?.values.tin, 'a candidate with a TIN to search by');
    const searched = await rita.call<{ searchId: string; hits: { taxpayer_id: string }[] }>(
      'POST',
      `/api/batches/${batchId}/reviews/${first?.request_id}/search`,
      { lastName: target.values.name?.split(' ').at(-1), zip: target.values.zip },
    );
    assert.equal(searched.status, 200, searched.text);
    const hit = searched.body.hits[0]?.taxpayer_id;
    assert.ok(hit, searched.text);
    const notConfirmed = await rita.call('POST', `/api/batches/${batchId}/reviews/${first?.request_id}`, {
      outcome: 'NOT_CONFIRMED',
      taxpayerId: hit,
      note: 'the person found by the search lives elsewhere',
    });
    assert.equal(notConfirmed.status, 200, notConfirmed.text);
    // The rest (at least the second) in one bulk call, all or nothing.
    const bulk = await rita.call<{ remaining: number }>('POST', `/api/batches/${batchId}/reviews`, {
      decisions: [second, ...others].map((item) => ({
        requestId: item?.request_id,
        outcome: 'NO_RECORD',
        note: 'not confidently the person named',
      })),
    });
    assert.equal(bulk.status, 200, bulk.text);
    assert.equal(bulk.body.remaining, 0);
    const decidedQueue = await rita.call<{ status: string; decided_by: string | null }[]>(
      'GET',
      `/api/batches/${batchId}/reviews?all=true`,
    );
    assert.deepEqual(
      decidedQueue.body.map((item) => `${item.status} by ${item.decided_by}`).sort(),
      [
        'decided: CONFIRMED by rita+ravi',
        'decided: NOT_CONFIRMED by rita',
        ...[second, ...others].map(() => 'decided: NO_RECORD by rita'),
      ].sort(),
    );

    // The two-person rule: the reviewer cannot approve; the officer, who reviewed nothing, does.
    const olga = await ServiceClient.signIn(server.url, 'olga', password['olga'] ?? '');
    assert.equal((await rita.call('POST', `/api/batches/${batchId}/approve`, {})).status, 403);
    const twoPerson = await ravi.call<{ message: string }>('POST', `/api/batches/${batchId}/approve`, {});
    assert.equal(twoPerson.status, 403, twoPerson.text);
    assert.match(twoPerson.body.message, /two-person rule/);
    // The batch's timeline shows the refused approval, who tried and why.
    const refusedOnTimeline = (
      await olga.call<{
        timeline: { action: string; outcome: string; actor: string; description: string | null }[];
      }>('GET', `/api/batches/${batchId}`)
    ).body.timeline.filter((e) => e.action === 'batch.approve' && e.outcome === 'refused');
    assert.deepEqual(
      refusedOnTimeline.map((e) => e.actor),
      ['session:rita', 'session:ravi'],
    );
    assert.match(refusedOnTimeline[1]?.description ?? '', /two-person rule/);
    const approved = await olga.call<{ ambiguousWithheld: number }>(
      'POST',
      `/api/batches/${batchId}/approve`,
      {},
    );
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.body.ambiguousWithheld, 0);
    // Two releases at once: one release, one clear "already released".
    const releases = await Promise.all(
      [1, 2].map(() =>
        olga.call<{ disclosures: number; code?: string }>('POST', `/api/batches/${batchId}/release`, {}),
      ),
    );
    assert.deepEqual(
      releases.map((r) => r.status).sort(),
      [200, 409],
      releases.map((r) => r.text).join('\n'),
    );
    assert.equal(releases.find((r) => r.status === 409)?.body.code, 'ALREADY_RELEASED');
    const receipt = releases.find((r) => r.status === 200)?.body;
    assert.ok(receipt && receipt.disclosures > 0, 'something is disclosed');

    // The agency downloads its response and checks the desk's signature.
    const response = await agency.call('GET', `/api/batches/${batchId}/response`);
    assert.equal(response.status, 200, response.text);
    const signature = await agency.call('GET', `/api/batches/${batchId}/response/signature`);
    assert.equal(signature.status, 200);
    const file = path.join(tempDir('service-pg-download'), `${batchId}.response.csv`);
    writeFileSync(file, response.text);
    writeFileSync(`${file}.jws`, signature.text);
    const verified = await runCli(['response', 'verify', file, '--keys', desk.keys]);
    assert.equal(verified.code, 0, verified.stderr);
    const confirmedRows = response.text.split('\n').filter((line) => line.split(',')[1] === 'CONFIRMED');
    disclosedRequest = confirmedRows[0]?.split(',')[0] ?? '';
    assert.equal(confirmedRows.length, receipt.disclosures);

    const auditor = await ServiceClient.signIn(server.url, 'audrey', password['audrey'] ?? '');
    const verdict = await auditor.call<{ kind: string }>('POST', '/api/audit/verify', {});
    assert.equal(verdict.body.kind, 'intact', verdict.text);
    const events = (
      await auditor.call<AuditEventView[]>('GET', `/api/audit/events?batchId=${batchId}&limit=1000`)
    ).body;
    const of = (action: string, outcome = 'success') =>
      events.filter((e) => e.action === action && e.outcome === outcome);
    assert.equal(of('batch.submit')[0]?.actor, 'token:ice-intake');
    assert.equal(of('batch.submit')[0]?.interface, 'http');
    assert.equal(of('batch.submit', 'refused').length, 1, 'the second upload is a refused event');
    assert.equal(of('batch.screen')[0]?.actor, 'session:clerk');
    assert.equal(of('batch.match')[0]?.actor, 'session:clerk');
    // One event per verdict: the proposal and the concurrence are two; the stranger's a refusal.
    assert.equal(of('review.decide').length, awaiting.length + 1);
    assert.deepEqual(
      of('review.decide').filter((e) => e.actor === 'session:ravi').length,
      1,
      'the second reviewer concurred once',
    );
    assert.equal(of('review.decide', 'refused').length, 1);
    for (const action of ['review.show', 'reference.search', 'decision.explain'])
      assert.ok(of(action).length > 0, `${action} audited`);
    assert.deepEqual(
      of('batch.approve', 'refused')
        .map((e) => e.actor)
        .sort(),
      ['session:ravi', 'session:rita'],
    );
    assert.equal(of('batch.approve')[0]?.actor, 'session:olga');
    assert.equal(of('batch.release').length, 1);
    assert.equal(of('batch.release', 'refused').length, 1);
    assert.equal(of('response.download')[0]?.actor, 'token:ice-intake');
    const ledger = await auditor.call<{ request_id: string }[]>(
      'GET',
      `/api/ledger?batchId=${batchId}&limit=1000`,
    );
    assert.equal(ledger.status, 200, ledger.text);
    assert.deepEqual(
      ledger.body.map((row) => row.request_id).sort(),
      confirmedRows.map((line) => line.split(',')[0]).sort(),
      'the auditor finds every disclosure in the ledger',
    );

    // The record is PostgreSQL's: its tables hold the batch; the engine holds none of it.
    const owner = await PostgresStore.open(OWNER_URL ?? '', { schema });
    try {
      const [rows] = await owner.all<{
        requests: bigint;
        decisions: bigint;
        ledger: bigint;
        without_year: bigint;
        stage: string;
      }>(
        `SELECT (SELECT count(*) FROM requests WHERE batch_id = $1) AS requests,
                (SELECT count(*) FROM decisions WHERE batch_id = $1) AS decisions,
                (SELECT count(*) FROM ledger WHERE batch_id = $1) AS ledger,
                (SELECT count(*) FROM ledger WHERE batch_id = $1 AND tax_year IS NULL) AS without_year,
                (SELECT stage FROM batches WHERE batch_id = $1) AS stage`,
        [batchId],
      );
      assert.deepEqual(
        [Number(rows?.requests), Number(rows?.decisions), Number(rows?.ledger), rows?.stage],
        [REQUESTS, REQUESTS, receipt.disclosures, 'released'],
      );
      // Each ledger row names the tax year of the address of record, read from the engine's reference.
      assert.equal(Number(rows?.without_year), 0);
    } finally {
      await owner.end();
    }
  });

  it('answers every route without a server error, as a person holding every staff role', async () => {
    const walker = await ServiceClient.signIn(server.url, 'walker', password['walker'] ?? '');
    // The released batch, then ids the record does not hold (every change refused, none a 5xx).
    const released = await walkRoutes(walker, { batchId: desk.batchId, requestId: disclosedRequest });
    const unknown = await walkRoutes(walker, { batchId: 'NO-SUCH-BATCH', requestId: 'NO-SUCH-REQUEST' });
    assert.ok(released.calls >= 25, `${released.calls} routes walked`);
    assert.deepEqual([...released.failures, ...unknown.failures], []);
    // Signing out is the walk's last call.
    assert.equal((await walker.call('DELETE', '/api/session')).status, 204);
  });

  it('stops gracefully, and after a restart still reports the match job', async () => {
    const stopped = await server.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stderr, /stopped/);
    const engine = await DuckDbStore.open(desk.db);
    try {
      const [kept] = await engine.all<{ requests: bigint; ledger: bigint }>(
        'SELECT (SELECT count(*) FROM requests) AS requests, (SELECT count(*) FROM ledger) AS ledger',
      );
      assert.deepEqual(
        [Number(kept?.requests), Number(kept?.ledger)],
        [0, 0],
        'nothing of the batch in the engine',
      );
    } finally {
      engine.close();
    }
    server = await serve();
    const clerk = await ServiceClient.signIn(server.url, 'clerk', password['clerk'] ?? '');
    const job = await clerk.call<Job>('GET', `/api/batches/${desk.batchId}/match`);
    assert.equal(job.status, 200, job.text);
    assert.equal(job.body.jobId, jobId);
    assert.equal(job.body.state, 'succeeded');
  });
});
