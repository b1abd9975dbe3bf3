import { parse } from 'csv-parse/sync';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, tempDir } from './cli.ts';
import { type PreparedDesk, syntheticDesk } from './desk-fixture.ts';
import { addAccount, ServiceClient, startServer } from './service-client.ts';

interface AuditEventView {
  seq: number;
  actor: string;
  action: string;
  outcome: string;
  interface: string | null;
  batchId: string | null;
  detail: Record<string, unknown>;
}
interface Job {
  state: string;
  steps: { step: string }[];
  outcomes: Record<string, number> | null;
  error: unknown;
}

describe('the desk as a service, end to end over HTTP', () => {
  let desk: PreparedDesk & { asOf: string };
  let server: Awaited<ReturnType<typeof startServer>>;
  let url: string;
  const password: Record<string, string> = {};
  let agencyToken: string;
  const responses = () => path.join(desk.dir, 'responses');

  before(async () => {
    // A small synthetic world, so that some requests need a reviewer.
    desk = await syntheticDesk('service');
    for (const [account, role] of [
      ['clerk', 'intake-clerk'],
      ['rita', 'reviewer'],
      ['rob', 'reviewer'],
      ['olga', 'disclosure-officer'],
      ['audrey', 'auditor'],
    ] as const)
      password[account] = await addAccount(desk.db, account, role);
    agencyToken = await addAccount(desk.db, 'ice-intake', 'agency-client', 'DHS-ICE');
    server = await startServer(desk.db, ['--keys', desk.keys, '--out', responses()]);
    url = server.url;
  });
  after(async () => {
    if (server.child.exitCode === null) await server.stop();
  });

  it('takes a batch from an agency upload to its download and the accounting, each step audited', async () => {
    const agency = new ServiceClient(url, agencyToken);
    const { batchId, asOf } = desk;

    // A manifest whose signature fails is refused before the records are stored.
    const forged = path.join(tempDir('service-forged'), 'manifest.jws');
    writeFileSync(forged, `${readFileSync(desk.jws, 'utf8').trim().slice(0, -8)}AAAAAAAA`);
    const refusedUpload = await agency.upload(forged, desk.recordsFile);
    assert.equal(refusedUpload.status, 403, refusedUpload.text);
    assert.equal(refusedUpload.body.code, 'SIGNATURE_INVALID');
    assert.deepEqual(readdirSync(`${desk.db}.uploads`), [], 'nothing of the refused upload stays on disk');

    // Two uploads of the same signed batch at once: exactly one is accepted.
    const uploads = await Promise.all([
      agency.upload(desk.jws, desk.recordsFile),
      agency.upload(desk.jws, desk.recordsFile),
    ]);
    const statuses = uploads.map((u) => u.status).sort();
    assert.deepEqual(statuses, [201, 409], uploads.map((u) => u.text).join('\n'));
    assert.equal(uploads.find((u) => u.status === 201)?.body.batchId, batchId);
    assert.equal(uploads.find((u) => u.status === 409)?.body.code, 'REPLAY');
    const agencyBatches = await agency.call<{ batchId: string; stage: string }[]>('GET', '/api/batches');
    assert.deepEqual(
      agencyBatches.body.map((b) => [b.batchId, b.stage]),
      [[batchId, 'verified']],
    );

    const clerk = await ServiceClient.signIn(url, 'clerk', password['clerk'] ?? '');
    const screened = await clerk.call<{ screened: number }>('POST', `/api/batches/${batchId}/screen`, {
      asOf,
    });
    assert.equal(screened.status, 200, screened.text);
    assert.equal(screened.body.screened, 400);
    const report = await clerk.call<{ rules: { ruleId: string; citation: string }[]; rejected: number }>(
      'GET',
      `/api/batches/${batchId}/screening`,
    );
    assert.equal(report.status, 200);
    assert.ok(report.body.rules.every((rule) => rule.citation.length > 0));

    // Matching runs as a job; the desk keeps answering meanwhile.
    const started = await clerk.call<Job>('POST', `/api/batches/${batchId}/match`, {});
    assert.equal(started.status, 202, started.text);
    const auditor = await ServiceClient.signIn(url, 'audrey', password['audrey'] ?? '');
    const meanwhile = await auditor.call('GET', '/api/audit/checkpoints');
    assert.equal(meanwhile.status, 200);
    let job = started.body;
    for (let i = 0; i < 600 && (job.state === 'queued' || job.state === 'running'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = (await clerk.call<Job>('GET', `/api/batches/${batchId}/match`)).body;
    }
    assert.equal(job.state, 'succeeded', JSON.stringify(job.error));
    assert.ok(
      job.steps.some((s) => /blocking/.test(s.step)),
      'the job reports the matcher steps',
    );
    assert.ok((job.outcomes?.['AMBIGUOUS'] ?? 0) > 0, 'some requests await a reviewer');

    const rita = await ServiceClient.signIn(url, 'rita', password['rita'] ?? '');
    const queue = await rita.call<{ request_id: string; status: string }[]>(
      'GET',
      `/api/batches/${batchId}/reviews`,
    );
    assert.equal(queue.status, 200, queue.text);
    const awaiting = queue.body.filter((item) => item.status === 'awaiting review');
    assert.ok(awaiting.length > 1);
    const [first, ...rest] = awaiting;
    const single = await rita.call('POST', `/api/batches/${batchId}/reviews/${first?.request_id}`, {
      outcome: 'NO_RECORD',
      note: 'date of birth and TIN disagree with every candidate',
    });
    assert.equal(single.status, 200, single.text);
    const bulk = await rita.call<{ remaining: number }>('POST', `/api/batches/${batchId}/reviews`, {
      decisions: rest.map((item) => ({
        requestId: item.request_id,
        outcome: 'NO_RECORD',
        note: 'not confidently the person named',
      })),
    });
    assert.equal(bulk.status, 200, bulk.text);
    assert.equal(bulk.body.remaining, 0);

    // The reviewer cannot approve what she decided; the officer can.
    assert.equal((await rita.call('POST', `/api/batches/${batchId}/approve`, {})).status, 403);
    const olga = await ServiceClient.signIn(url, 'olga', password['olga'] ?? '');
    const approved = await olga.call('POST', `/api/batches/${batchId}/approve`, {});
    assert.equal(approved.status, 200, approved.text);

    // Two releases at once: one release, one clear "already released".
    const releases = await Promise.all([
      olga.call<{ disclosures: number; code?: string; message?: string }>(
        'POST',
        `/api/batches/${batchId}/release`,
        {},
      ),
      olga.call<{ disclosures: number; code?: string; message?: string }>(
        'POST',
        `/api/batches/${batchId}/release`,
        {},
      ),
    ]);
    assert.deepEqual(
      releases.map((r) => r.status).sort(),
      [200, 409],
      releases.map((r) => r.text).join('\n'),
    );
    const refused = releases.find((r) => r.status === 409);
    assert.equal(refused?.body.code, 'ALREADY_RELEASED');
    assert.match(refused?.body.message ?? '', /already released/);
    const receipt = releases.find((r) => r.status === 200)?.body;

    // The agency downloads its response, once, and checks the desk's signature.
    const response = await agency.call('GET', `/api/batches/${batchId}/response`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(response.text, new RegExp(`# batch_id: ${batchId}`));
    const signature = await agency.call('GET', `/api/batches/${batchId}/response/signature`);
    assert.equal(signature.status, 200);
    const file = path.join(tempDir('service-download'), `${batchId}.response.csv`);
    writeFileSync(file, response.text);
    writeFileSync(`${file}.jws`, signature.text);
    const verified = await runCli(['response', 'verify', file, '--keys', desk.keys]);
    assert.equal(verified.code, 0, verified.stderr);
    const confirmedRows = response.text.split('\n').filter((line) => line.split(',')[1] === 'CONFIRMED');
    assert.equal(confirmedRows.length, receipt?.disclosures);
    assert.equal(
      (await clerk.call('GET', `/api/batches/${batchId}/response`)).status,
      403,
      'the response is the agency’s',
    );

    // The auditor verifies the chain and finds the disclosures in the ledger.
    const verdict = await auditor.call<{ kind: string }>('POST', '/api/audit/verify', {});
    assert.equal(verdict.body.kind, 'intact', verdict.text);
    const ledger = await auditor.call<{ request_id: string }[]>(
      'GET',
      `/api/ledger?batchId=${batchId}&limit=10000`,
    );
    assert.equal(ledger.status, 200);
    assert.deepEqual(
      ledger.body.map((row) => row.request_id).sort(),
      confirmedRows.map((line) => line.split(',')[0]).sort(),
    );

    // The ledger by TIN (sent in the body): the taxpayer's disclosures, typed in the API description.
    const confirmedIds = new Set(confirmedRows.map((line) => line.split(',')[0]));
    const requestRows = parse<Record<string, string>>(readFileSync(desk.recordsFile), { columns: true });
    // A request's TIN may carry a typo (synthetic drift): the first whose TIN is the taxpayer's.
    type Accounting = {
      tin: string;
      requests: { request_id: string; disclosed: boolean }[];
      disclosures: { request_id: string; batch_id: string }[];
    };
    let disclosed: Record<string, string> | undefined;
    let byTin: Awaited<ReturnType<typeof auditor.call<Accounting>>> | undefined;
    for (const row of requestRows.filter((r) => confirmedIds.has(r['request_id']) && r['tin'])) {
      byTin = await auditor.call<Accounting>('POST', '/api/ledger/taxpayer', { tin: row['tin'] });
      assert.equal(byTin.status, 200, byTin.text);
      assert.equal(byTin.body.tin, `***-**-${(row['tin'] ?? '').replace(/\D/g, '').slice(-4)}`);
      if (byTin.body.disclosures.some((d) => d.request_id === row['request_id'] && d.batch_id === batchId)) {
        disclosed = row;
        break;
      }
    }
    assert.ok(disclosed && byTin, 'the ledger finds a disclosed request by its TIN');
    assert.ok(byTin.body.requests.some((r) => r.request_id === disclosed['request_id'] && r.disclosed));
    assert.doesNotMatch(byTin.text, new RegExp((disclosed['tin'] ?? '').replace(/\D/g, '')));
    const annual = await auditor.call<{ totals: { disclosures: number } }>(
      'GET',
      `/api/ledger/report?year=${new Date().getUTCFullYear()}`,
    );
    assert.equal(annual.status, 200, annual.text);
    assert.equal(annual.body.totals.disclosures, receipt?.disclosures);
    const page = await auditor.call(
      'GET',
      `/api/ledger/report?year=${new Date().getUTCFullYear()}&format=html`,
    );
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);

    // The waterfall of a decision the matcher made, as `ddesk explain --json` gives it.
    const explained = await rita.call<{
      kind: string;
      requestId: string;
      priorBits: number;
      fields: { field: string; bits: number }[];
    }>('GET', `/api/batches/${batchId}/requests/${disclosed['request_id']}/explanation`);
    assert.equal(explained.status, 200, explained.text);
    assert.equal(explained.body.kind, 'matched');
    assert.ok(explained.body.fields.some((f) => f.field === 'last_name' && f.bits > 0));
    const missing = await rita.call('GET', `/api/batches/${batchId}/requests/no-such-request/explanation`);
    assert.equal(missing.status, 404);
    assert.equal(
      (await agency.call('GET', `/api/batches/${batchId}/requests/${disclosed['request_id']}/explanation`))
        .status,
      403,
    );

    const events = (
      await auditor.call<AuditEventView[]>('GET', `/api/audit/events?batchId=${batchId}&limit=10000`)
    ).body;
    const of = (action: string, outcome = 'success') =>
      events.filter((e) => e.action === action && e.outcome === outcome);
    assert.equal(of('batch.submit').length, 1);
    const submits = (await auditor.call<AuditEventView[]>('GET', '/api/audit/events?action=batch.submit'))
      .body;
    assert.deepEqual(
      submits.map((e) => [e.outcome, e.detail['code'] ?? null]).sort(),
      [
        ['refused', 'REPLAY'],
        ['refused', 'SIGNATURE_INVALID'],
        ['success', null],
      ],
      'the forged manifest and the second upload are refused events',
    );
    assert.equal(of('batch.submit')[0]?.actor, 'token:ice-intake');
    assert.equal(of('batch.submit')[0]?.interface, 'http');
    assert.equal(of('batch.screen')[0]?.actor, 'session:clerk');
    assert.equal(of('batch.match')[0]?.actor, 'session:clerk');
    assert.equal(of('review.decide').length, awaiting.length);
    assert.ok(of('review.decide').every((e) => e.actor === 'session:rita'));
    assert.equal(of('batch.approve', 'refused')[0]?.actor, 'session:rita');
    assert.equal(of('batch.approve')[0]?.actor, 'session:olga');
    assert.equal(of('batch.release').length, 1);
    assert.equal(of('batch.release', 'refused')[0]?.detail['code'], 'ALREADY_RELEASED');
    assert.equal(of('response.download').length, 1);
    assert.equal(of('response.download')[0]?.actor, 'token:ice-intake');
    assert.equal(of('decision.explain')[0]?.actor, 'session:rita');
    const reads = (await auditor.call<AuditEventView[]>('GET', '/api/audit/events?limit=10000')).body;
    for (const action of ['ledger.taxpayer', 'ledger.report', 'ledger.list'])
      assert.ok(
        reads.some((e) => e.action === action && e.actor === 'session:audrey'),
        `${action} is an audited read`,
      );
    const tokenUses = (
      await auditor.call<AuditEventView[]>('GET', '/api/audit/events?action=account.token-use&limit=10000')
    ).body;
    assert.ok(
      tokenUses.length >= 5 &&
        tokenUses.every((e) => e.actor === 'token:ice-intake' && typeof e.detail['client'] === 'string'),
    );
    const signIns = (await auditor.call<AuditEventView[]>('GET', '/api/audit/events?action=account.sign-in'))
      .body;
    assert.deepEqual(
      new Set(signIns.map((e) => e.actor)),
      new Set(['session:clerk', 'session:audrey', 'session:rita', 'session:olga']),
    );
  });

  it('stops gracefully on SIGTERM, and the database is the CLI’s again', async () => {
    const stopped = await server.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stderr, /stopped/);
    const list = await runCli(['--db', desk.db, 'batch', 'list', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /"stage": "released"/);
  });
});
