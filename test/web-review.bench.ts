/**
 * How many review decisions per minute the workbench allows by keyboard, against the CLI a reviewer
 * would use otherwise (`ddesk review decide`, one command per decision), on the same synthetic desk
 * in the same run. Not a test: it prints figures.
 *
 *   node test/web-review.bench.ts [--decisions N]     (needs chromium; see README "The web app")
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PEOPLE, runCli, tempDir } from './cli.ts';
import { matchedBatch, preparedDesk } from './desk-fixture.ts';
import { addAccounts, PASSWORD } from './web-accounts.ts';
import { browserMissing, ensureWebBuild, launchBrowser, openPage, startService } from './web-browser.ts';

const { values } = parseArgs({ options: { decisions: { type: 'string', default: '20' } } });
const n = Number(values.decisions);
const missing = browserMissing();
if (missing) {
  console.error(missing);
  process.exit(2);
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

const data = path.join(tempDir('bench-web'), 'data');
const made = await runCli([
  'synth',
  '--out',
  data,
  '--seed',
  '5',
  '--taxpayers',
  '16000',
  '--requests',
  '7000',
  // The matcher now decides all but about 1 request in 300: namesakes in the same household or
  // city are most of what it leaves to reviewers, so the bench asks for more of them.
  '--mix',
  'confirmed=1,household-non-filer=1,same-name-same-city=1',
]);
if (made.code !== 0) throw new Error(made.stderr);
const asOf = (JSON.parse(readFileSync(path.join(data, 'meta.json'), 'utf8')) as { as_of: string }).as_of;
const desk = await preparedDesk(
  'bench-web',
  path.join(data, 'requests.csv'),
  false,
  path.join(data, 'reference.csv'),
);
await matchedBatch(desk, asOf);
const listed = await desk.as(PEOPLE.reviewer, 'review', 'list', desk.batchId, '--json');
const queue = (JSON.parse(listed.stdout) as { request_id: string; status: string }[]).filter(
  (row) => row.status === 'awaiting review',
);
if (queue.length < 2 * n)
  throw new Error(`the synthetic batch leaves ${queue.length} to review; need ${2 * n}`);
console.log(`desk: ${queue.length} requests awaiting review; ${n} decided each way (NO_RECORD, preset note)`);

// Baseline: the CLI, one `review decide` per decision, as a reviewer at a terminal would.
const cli: number[] = [];
for (const row of queue.slice(queue.length - n)) {
  const start = performance.now();
  const decided = await desk.as(
    PEOPLE.reviewer,
    'review',
    'decide',
    desk.batchId,
    row.request_id,
    '--outcome',
    'NO_RECORD',
    '--note',
    'Different person: date of birth or TIN differs',
  );
  if (decided.code !== 0) throw new Error(decided.stderr);
  cli.push(performance.now() - start);
}

// The workbench: two keys per decision (preset note, verdict), timed until the next request shows.
await addAccounts(desk.db);
await ensureWebBuild();
const service = await startService(desk.db, ['--keys', desk.keys, '--out', path.join(desk.dir, 'responses')]);
const browser = await launchBrowser();
const web: number[] = [];
try {
  const { page } = await openPage(browser);
  await page.goto(service.url);
  await page.getByLabel('Account').fill(PEOPLE.reviewer);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('account').waitFor();
  await page.goto(`${service.url}/#/review/${encodeURIComponent(desk.batchId)}`);
  for (let i = 0; i < n; i++) {
    const heading = page.getByRole('heading', { name: /^Request / });
    await heading.waitFor();
    const request = (await heading.innerText()).split(/\s+/)[1] ?? '';
    const start = performance.now();
    await page.keyboard.press('w');
    await page.keyboard.press('n');
    // Checked every animation frame in the page: Playwright's own locator polling backs off to
    // 500 ms and would measure its polling interval, not the workbench.
    await page.waitForFunction(
      `(() => {
        if (document.querySelector('[data-testid="queue-done"]')) return true;
        const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent.startsWith('Request '));
        return heading !== undefined && heading.textContent.split(/\\s+/)[1] !== ${JSON.stringify(request)};
      })()`,
      undefined,
      { polling: 'raf' },
    );
    web.push(performance.now() - start);
  }
} finally {
  await browser.close();
  await service.stop();
}

const cliMs = median(cli);
const webMs = median(web);
console.log(
  `ddesk review decide (CLI): median ${cliMs.toFixed(0)} ms per decision, ${(60_000 / cliMs).toFixed(1)} per minute`,
);
console.log(
  `workbench by keyboard:     median ${webMs.toFixed(0)} ms per decision, ${(60_000 / webMs).toFixed(1)} per minute`,
);
console.log(`ratio (workbench / CLI decisions per minute): ${(cliMs / webMs).toFixed(1)}`);
console.log('(machine time only: the time a reviewer takes to read a case comes on top of both)');
