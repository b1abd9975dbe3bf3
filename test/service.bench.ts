/**
 * Figures for the HTTP service (run: `nice node test/service.bench.ts [--taxpayers N] [--requests N] [--big-rows N]`):
 * 1. streaming: the server's peak resident memory (VmHWM) before and after receiving a records file
 *    of --big-rows rows (default 1.3 million) under a manifest already received (refused as a replay
 *    once stored), against the file's size (what buffering it would need);
 * 2. working while a batch matches: latency of a reviewer's request to the desk, idle and while
 *    the match job runs (median and 95th percentile, and their ratio).
 */
import assert from 'node:assert/strict';
import { createWriteStream, openAsBlob, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { runCli, tempDir } from './cli.ts';
import { preparedDesk } from './desk-fixture.ts';
import { addAccount, ServiceClient, startServer } from './service-client.ts';

const { values } = parseArgs({
  options: {
    taxpayers: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '5000' },
    'big-rows': { type: 'string', default: '1300000' },
  },
});

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function timed(fn: () => Promise<{ status: number }>): Promise<number> {
  const start = performance.now();
  const answer = await fn();
  assert.equal(answer.status, 200);
  return performance.now() - start;
}

const data = path.join(tempDir('service-bench'), 'data');
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
assert.equal(made.code, 0, made.stderr);
const asOf = (JSON.parse(readFileSync(path.join(data, 'meta.json'), 'utf8')) as { as_of: string }).as_of;
const desk = await preparedDesk(
  'bench',
  path.join(data, 'requests.csv'),
  false,
  path.join(data, 'reference.csv'),
);
const token = await addAccount(desk.db, 'ice-intake', 'agency-client', 'DHS-ICE');
const clerkPassword = await addAccount(desk.db, 'clerk', 'intake-clerk');
const reviewerPassword = await addAccount(desk.db, 'rita', 'reviewer');
const server = await startServer(desk.db, ['--keys', desk.keys, '--out', path.join(desk.dir, 'responses')]);
const pid = server.child.pid ?? 0;
const agency = new ServiceClient(server.url, token);

const uploaded = await agency.upload(desk.jws, desk.recordsFile);
assert.equal(uploaded.status, 201, uploaded.text);

// 1. A big records file (the batch's rows repeated) under the same, valid manifest: the route
//    streams it to disk, then intake refuses it as a replay before reading it, so the figure is the
//    upload's alone (intake's own memory is DuckDB's).
const big = path.join(desk.dir, 'big.csv');
const lines = readFileSync(desk.recordsFile, 'utf8').trimEnd().split('\n');
const [header, ...rows] = lines;
const out = createWriteStream(big);
out.write(`${header}\n`);
for (let i = 0; i < Number(values['big-rows']); i++) {
  const row = rows[i % rows.length] ?? '';
  if (!out.write(`B${i}${row.slice(row.indexOf(','))}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
const bigMb = statSync(big).size / 1024 / 1024;
const before = peakRssMb(pid);
const bigStart = performance.now();
const form = new FormData();
form.append('manifest', readFileSync(desk.jws, 'utf8'));
// A file-backed Blob: the client streams it too, so that no one holds the file in memory.
form.append('records', await openAsBlob(big, { type: 'text/csv' }), 'big.csv');
const bigAnswer = await fetch(`${server.url}/api/batches`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}` },
  body: form,
});
const bigSeconds = (performance.now() - bigStart) / 1000;
const bigText = await bigAnswer.text();
const after = peakRssMb(pid);

// 2. Screen the batch, then a reviewer's reads idle and while the batch matches.
const clerk = await ServiceClient.signIn(server.url, 'clerk', clerkPassword);
assert.equal((await clerk.call('POST', `/api/batches/${desk.batchId}/screen`, { asOf })).status, 200);
const rita = await ServiceClient.signIn(server.url, 'rita', reviewerPassword);
const read = () => rita.call('GET', `/api/batches/${desk.batchId}`);
const idle: number[] = [];
for (let i = 0; i < 40; i++) idle.push(await timed(read));
const started = await clerk.call<{ state: string }>('POST', `/api/batches/${desk.batchId}/match`, {});
assert.equal(started.status, 202, started.text);
const matchStart = performance.now();
const during: number[] = [];
let state = 'queued';
while (state === 'queued' || state === 'running') {
  during.push(await timed(read));
  state = (await clerk.call<{ state: string }>('GET', `/api/batches/${desk.batchId}/match`)).body.state;
}
const matchSeconds = (performance.now() - matchStart) / 1000;
assert.equal(state, 'succeeded');
await server.stop();

idle.sort((a, b) => a - b);
during.sort((a, b) => a - b);
const f = (n: number) => n.toFixed(1);
process.stdout.write(
  [
    `streamed upload: ${values['big-rows']} rows, ${f(bigMb)} MiB in ${f(bigSeconds)} s (answer ${bigAnswer.status}: ${bigText.slice(0, 100)})`,
    `  server peak RSS before ${f(before)} MiB, after ${f(after)} MiB: +${f(after - before)} MiB for a ${f(bigMb)} MiB file (${f(((after - before) / bigMb) * 100)}% of its size)`,
    `match job: ${values.requests} requests against ${values.taxpayers} taxpayers in ${f(matchSeconds)} s`,
    `reviewer GET /api/batches/{id}: idle median ${f(quantile(idle, 0.5))} ms, p95 ${f(quantile(idle, 0.95))} ms (n=${idle.length})`,
    `  while matching:            median ${f(quantile(during, 0.5))} ms, p95 ${f(quantile(during, 0.95))} ms (n=${during.length}); median ratio ${f(quantile(during, 0.5) / quantile(idle, 0.5))}x`,
    '',
  ].join('\n'),
);
