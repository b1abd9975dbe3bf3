import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Browser, Locator, Page } from 'playwright-core';
import { PEOPLE, runCli, tempDir } from './cli.ts';
import { type PreparedDesk, syntheticDesk } from './desk-fixture.ts';
import {
  browserMissing,
  ensureWebBuild,
  launchBrowser,
  openPage,
  screenshot,
  seriousViolations,
  startService,
  type RunningService,
} from './web-browser.ts';
import { addAccounts, PASSWORD, WEB_PEOPLE } from './web-accounts.ts';

const skip = browserMissing();
if (skip) console.log(`# ${skip}`);
/** The batch the clerk matches: large enough that several requests wait for a reviewer. */
const WEB_BATCH_REQUESTS = 800;

/**
 * The operators' web app in Debian's chromium against the real `ddesk serve` on a fresh desk:
 * each role signs in and sees its pages, a clerk submits, screens and matches a synthetic batch,
 * two reviewers clear its queue with the keyboard alone, an officer who reviewed nothing approves
 * and releases, and an auditor finds the disclosure in the ledger, the report and a verified chain.
 * Screenshots go to out/test-artifacts/web/; any console error or serious axe violation fails.
 */
describe('the web app in a real browser', { skip: skip ?? false }, () => {
  let desk: PreparedDesk;
  let service: RunningService;
  let browser: Browser;
  let asOf: string;
  let confirmedTaxpayer: string | null = null;
  let referenceFile: string;
  let agencyToken: string;
  let heldData: string;
  let heldRecords: string;
  let heldJws: string;
  const HELD_BATCH = 'E2E-web-held';

  before(async () => {
    const synthetic = await syntheticDesk('web', { taxpayers: 3000, requests: WEB_BATCH_REQUESTS });
    ({ asOf, referenceFile } = synthetic);
    desk = synthetic;
    heldData = path.join(tempDir('web-held'), 'data');
    ({ agencyToken } = await addAccounts(desk.db));
    // A second batch naming one investigating officer on more records than the program allows one
    // person (maxRecordsPerOfficer 500): screening holds it for a disclosure officer.
    const synthHeld = await runCli([
      'synth',
      '--out',
      heldData,
      '--seed',
      '12',
      '--taxpayers',
      '300',
      '--requests',
      '520',
    ]);
    assert.equal(synthHeld.code, 0, synthHeld.stderr);
    const rows = parse<Record<string, string>>(readFileSync(path.join(heldData, 'requests.csv')), {
      columns: true,
    });
    heldRecords = path.join(heldData, 'held-requests.csv');
    writeFileSync(
      heldRecords,
      stringify(
        rows.map((row) => ({ ...row, investigating_officer: 'SA J. Doe (SYNTHETIC)' })),
        { header: true },
      ),
    );
    heldJws = await desk.signedManifest(path.join(desk.dir, 'held.jws'), heldRecords, {
      fields: { batch_id: HELD_BATCH },
    });
    await ensureWebBuild();
    service = await startService(desk.db, ['--keys', desk.keys, '--out', path.join(desk.dir, 'responses')]);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  // The steps build on each other: after a failure the rest are skipped, not failed again.
  let failed: string | null = null;
  const step = (name: string, fn: () => Promise<void>): void =>
    void it(name, async (t) => {
      if (failed) return t.skip(`skipped after the failed step "${failed}"`);
      try {
        await fn();
      } catch (error) {
        failed = name;
        // What the browser showed when it failed, for the artifacts.
        for (const [i, page] of browser
          .contexts()
          .flatMap((c) => c.pages())
          .entries())
          if (!page.isClosed()) await screenshot(page, `failed-${i}`).catch(() => undefined);
        throw error;
      }
    });

  /** Signs in as `account` on a fresh 1280×800 page; returns it with its console errors. */
  async function signIn(account: string): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(browser);
    await opened.page.goto(service.url);
    await opened.page.getByLabel('Account').fill(account);
    await opened.page.getByLabel('Password').fill(PASSWORD);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.getByTestId('account').waitFor();
    return opened;
  }

  /** Waits for `target`; an alert shown first (the service refused) fails the test with its text. */
  async function expectThen(page: Page, target: Locator, timeout = 30_000): Promise<void> {
    const alert = page.getByRole('alert');
    const shown = await Promise.race([
      target.waitFor({ timeout }).then(() => 'target' as const),
      alert.waitFor({ timeout }).then(() => 'alert' as const),
    ]);
    if (shown === 'alert') assert.fail(`the page says: ${await alert.innerText()}`);
  }

  async function navLabels(page: Page): Promise<string[]> {
    return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
  }

  /**
   * Screenshot, axe and console check of the page as it stands. `expected` lists the console
   * errors the step provokes on purpose (the browser logs a refused request's status itself).
   */
  async function checkPage(
    page: Page,
    errors: string[],
    name: string,
    expected: RegExp[] = [],
  ): Promise<void> {
    await screenshot(page, name);
    assert.deepEqual(await seriousViolations(page), [], `axe on ${name}`);
    const unexpected = errors.filter((error) => !expected.some((pattern) => pattern.test(error)));
    assert.deepEqual(unexpected, [], `console errors on ${name}`);
    errors.length = 0;
  }

  step('refuses a wrong password on an accessible sign-in page', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(service.url);
    await page.getByLabel('Account').fill(PEOPLE.clerk);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /password|sign in|account/i);
    await checkPage(page, errors, '01-sign-in-refused', [/status of 401 .*\/api\/session\)$/]);
    await page.close();
  });

  step('shows each role only its pages', async () => {
    const expected: Record<string, string[]> = {
      [PEOPLE.clerk]: ['Batches', 'Submit a batch'],
      [PEOPLE.reviewer]: ['Batches', 'Review'],
      [PEOPLE.officer]: ['Batches', 'Ledger', 'Annual report'],
      [PEOPLE.auditor]: ['Batches', 'Ledger', 'Annual report', 'Audit'],
      [WEB_PEOPLE.admin]: ['Batches', 'Audit'],
      [WEB_PEOPLE.dual]: ['Batches', 'Review', 'Ledger', 'Annual report'],
    };
    for (const [account, labels] of Object.entries(expected)) {
      const { page, errors } = await signIn(account);
      assert.deepEqual(await navLabels(page), labels, account);
      await checkPage(page, errors, `02-home-${account}`);
      await page.close();
    }
  });

  step('lets the clerk submit, screen and match a signed batch', async () => {
    const { page, errors } = await signIn(PEOPLE.clerk);
    await page.getByRole('link', { name: 'Submit a batch' }).click();
    await page.getByLabel('Signed manifest (.jws)').setInputFiles(desk.jws);
    await page.getByLabel('Records file (.csv)').setInputFiles(desk.recordsFile);
    await checkPage(page, errors, '03-submit');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expectThen(page, page.getByRole('heading', { name: new RegExp(`Batch ${desk.batchId}`) }));
    await page.getByLabel('Screen as of').fill(asOf);
    await page.getByRole('button', { name: 'Screen' }).click();
    await expectThen(page, page.getByRole('button', { name: 'Match' }));
    await page.getByRole('button', { name: 'Match' }).click();
    await expectThen(page, page.getByRole('heading', { name: /· matched/ }), 120_000);
    await checkPage(page, errors, '04-batch-matched');
    // The batch list shows what matching decided, by outcome.
    await page.getByRole('link', { name: 'Batches' }).click();
    await page.getByRole('heading', { name: 'Batches', level: 1 }).waitFor();
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: desk.batchId, exact: true }) });
    await row.waitFor();
    assert.match(await row.innerText(), /CONFIRMED \d+/);
    await page.close();
  });

  step('lets two reviewers clear the queue with the keyboard alone', async () => {
    const { page, errors } = await signIn(PEOPLE.reviewer);
    await page.goto(`${service.url}/#/review/${encodeURIComponent(desk.batchId)}`);
    await page.getByRole('heading', { name: /^Request / }).waitFor();
    // The queue narrows by kind of reason; every kind is offered with its count.
    const reasons = await page.getByLabel('Reason').locator('option').allInnerTexts();
    assert.ok(reasons.length >= 2 && reasons.slice(1).every((r) => /\(\d+\)$/.test(r)), reasons.join(' | '));
    // And by how long a request has waited: nothing in this fresh batch has waited a day.
    await page.getByLabel('Age').selectOption({ label: 'waiting over 1 day' });
    await page.getByTestId('queue-done').waitFor();
    await page.getByLabel('Age').selectOption({ label: 'any' });
    await page.getByRole('heading', { name: /^Request / }).waitFor();
    // Focus leaves the filter, so that keys are the workbench's again.
    await page.getByLabel('Age').blur();
    await checkPage(page, errors, '05-workbench');
    let decided = 0;
    let referred: string | null = null;
    let undone = false;
    let otherYears = 0;
    while (!(await page.getByTestId('queue-done').isVisible())) {
      const request = await page.getByRole('heading', { name: /^Request / }).innerText();
      const requestId = request.split(/\s+/)[1] ?? '';
      // Each candidate's other tax years are shown beside it (addresses by year).
      for (const cell of await page.getByTestId('other-years').allInnerTexts())
        if (/\b(19|20)\d\d\b/.test(cell)) otherYears++;
      const agreeing = page.getByRole('cell', { name: /✓ agrees/ });
      let expect: RegExp;
      if (confirmedTaxpayer === null && (await agreeing.count()) > 0) {
        // The first column whose address of record agrees: select it by its number key, then confirm.
        const headers = await page.locator('table thead th button').allInnerTexts();
        const agrees = page.locator('table tbody tr').filter({ hasText: 'Address of record' }).locator('td');
        const texts = await agrees.allInnerTexts();
        const column = texts.findIndex((text, i) => i > 0 && text.includes('✓ agrees'));
        assert.ok(column > 0, `${request}: ${texts.join(' | ')}`);
        const header = headers[column - 1] ?? '';
        confirmedTaxpayer = header.replace(/^\d+\s*/, '').trim();
        await page.keyboard.press(String(column));
        await page.keyboard.press('q');
        await page.keyboard.press('c');
        expect = /confirmation proposed/;
      } else if (referred === null) {
        // First a look beyond the candidates (an audited search by TIN): whom it finds joins them.
        const shownIds = (await page.locator('table thead th button').allInnerTexts()).map((h) =>
          h.replace(/^\d+\s*/, '').trim(),
        );
        const other = parse<Record<string, string>>(readFileSync(referenceFile), { columns: true }).find(
          (row) => row['tin'] && !shownIds.includes(row['taxpayer_id'] ?? ''),
        );
        assert.ok(other?.['tin'] && other['taxpayer_id']);
        await page.getByText('Search the reference beyond the candidates (audited)').click();
        await page.getByLabel('TIN', { exact: true }).fill(other['tin']);
        await page.getByRole('button', { name: 'Search', exact: true }).click();
        await page.getByText(/^1 taxpayer found; shown beside the candidates/).waitFor();
        await page.getByRole('button', { name: new RegExp(`${other['taxpayer_id']}$`) }).waitFor();
        assert.match(await page.locator('table thead').innerText(), /found by a reviewer's search/);
        await checkPage(page, errors, '05b-search');
        // "Send to expert": another reviewer decides it.
        referred = requestId;
        await page.keyboard.press('t');
        await page.keyboard.press('s');
        expect = /sent to a second reviewer/;
      } else {
        await page.keyboard.press('w');
        await page.keyboard.press('n');
        expect = /decided NO_RECORD/;
      }
      await page.getByText(new RegExp(`${requestId}: ${expect.source}`)).waitFor();
      decided++;
      if (!undone && expect.source === 'decided NO_RECORD') {
        // Undo: u reopens the last decision; the next answer revises it.
        undone = true;
        await page.keyboard.press('u');
        await page.getByText(new RegExp(`Reopened ${requestId}`)).waitFor();
        assert.match(
          await page.getByRole('heading', { name: /^Request / }).innerText(),
          new RegExp(requestId),
        );
        await page.keyboard.press('e');
        await page.keyboard.press('n');
        await page.getByText(new RegExp(`${requestId}: decided NO_RECORD`)).waitFor();
      }
      assert.ok(decided < 200, 'the queue ends');
    }
    assert.ok(decided >= 4, `decided ${decided}`);
    assert.ok(undone, 'a decision was undone and revised');
    assert.ok(confirmedTaxpayer, 'a candidate whose address of record agrees was proposed');
    assert.ok(referred, 'a request was sent to a second reviewer');
    assert.ok(otherYears > 0, "some candidate's other tax years were shown");
    await checkPage(page, errors, '06-queue-cleared');
    await page.close();

    // Second reviewers adjudicate, each picking their cases by kind of reason: one concurs with the
    // proposal, another (a reviewer who is also an officer) decides the referral.
    const second = await signIn(PEOPLE.secondReviewer);
    await second.page.goto(`${service.url}/#/review/${encodeURIComponent(desk.batchId)}`);
    await second.page.getByRole('heading', { name: /^Request / }).waitFor();
    await second.page
      .getByLabel('Reason')
      .selectOption({ label: 'confirmation proposed, awaiting a second reviewer (1)' });
    const panel = second.page.getByTestId('second-review');
    await panel.waitFor();
    assert.match(
      await panel.innerText(),
      new RegExp(`${PEOPLE.reviewer} proposes to confirm ${confirmedTaxpayer}`),
    );
    await checkPage(second.page, second.errors, '07-second-review');
    await second.page.keyboard.press('q');
    await second.page.keyboard.press('c');
    await second.page.getByText(/you concurred: CONFIRMED/).waitFor();
    await second.page.getByTestId('queue-done').waitFor();
    await second.page.close();

    const dual = await signIn(WEB_PEOPLE.dual);
    await dual.page.goto(`${service.url}/#/review/${encodeURIComponent(desk.batchId)}`);
    await dual.page.getByRole('heading', { name: /^Request / }).waitFor();
    await dual.page.getByLabel('Reason').selectOption({ label: 'sent to a second reviewer (1)' });
    assert.match(
      await dual.page.getByTestId('second-review').innerText(),
      new RegExp(`${PEOPLE.reviewer} sent this request to a second reviewer`),
    );
    await dual.page.keyboard.press('w');
    await dual.page.keyboard.press('n');
    await dual.page
      .getByText(new RegExp(`${referred}: decided NO_RECORD, adjudicating ${PEOPLE.reviewer}'s referral`))
      .waitFor();
    await dual.page.getByTestId('queue-done').waitFor();
    await checkPage(dual.page, dual.errors, '07b-referral-decided');
    await dual.page.close();
  });

  step('refuses approval to an officer who reviewed the batch (two-person rule)', async () => {
    const { page, errors } = await signIn(WEB_PEOPLE.dual);
    await page.goto(`${service.url}/#/batches/${encodeURIComponent(desk.batchId)}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /review/i);
    assert.match(await page.getByRole('heading', { name: /^Batch / }).innerText(), /· reviewed/);
    await checkPage(page, errors, '08a-two-person-refused', [/status of 403/]);
    await page.close();
  });

  step('lets an officer who reviewed nothing approve and release, with the receipt shown', async () => {
    const { page, errors } = await signIn(PEOPLE.officer);
    await page.goto(`${service.url}/#/batches/${encodeURIComponent(desk.batchId)}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expectThen(page, page.getByRole('button', { name: 'Release' }));
    await page.getByRole('button', { name: 'Release' }).click();
    await expectThen(page, page.getByRole('heading', { name: /· released/ }));
    assert.match(await page.getByTestId('release-receipt').innerText(), /SHA-256 [0-9a-f]{64}/);
    // The response goes to the requesting agency only: the page offers no download, and the
    // service refuses one the page does not offer.
    await page.getByText('Released: the requesting agency downloads the signed response.').waitFor();
    const download = await page.request.get(
      `${service.url}/api/batches/${encodeURIComponent(desk.batchId)}/response`,
    );
    assert.equal(download.status(), 403);
    await checkPage(page, errors, '08-released');
    await page.close();
  });

  step("lets the agency's client, with its API token, download the response and its signature", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(service.url);
    await page.getByText('Requesting agency: use an API token').click();
    await page.getByLabel('API token').fill(agencyToken);
    await page.getByRole('button', { name: 'Use the token' }).click();
    await page.getByTestId('account').waitFor();
    assert.deepEqual(await navLabels(page), ['Batches', 'Submit a batch']);
    await page.goto(`${service.url}/#/batches/${encodeURIComponent(desk.batchId)}`);
    const folder = tempDir('web-download');
    const saved: string[] = [];
    for (const name of ['Download the response', 'Download its signature (.jws)']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name }).click(),
      ]);
      const file = path.join(folder, download.suggestedFilename());
      await download.saveAs(file);
      saved.push(file);
    }
    assert.deepEqual(
      saved.map((file) => path.basename(file)),
      [`${desk.batchId}.response.csv`, `${desk.batchId}.response.csv.jws`],
    );
    assert.match(readFileSync(saved[0] ?? '', 'utf8'), /^# format: disclosure-response\/1/);
    // The agency's own check: the file verifies against the desk's signature.
    const verified = await runCli(['response', 'verify', saved[0] ?? '', '--keys', desk.keys]);
    assert.equal(verified.code, 0, verified.stderr);
    await checkPage(page, errors, '08b-agency-download');
    await page.close();
  });

  step('holds a batch whose officer is named on too many records until an officer resolves it', async () => {
    const clerk = await signIn(PEOPLE.clerk);
    await clerk.page.getByRole('link', { name: 'Submit a batch' }).click();
    await clerk.page.getByLabel('Signed manifest (.jws)').setInputFiles(heldJws);
    await clerk.page.getByLabel('Records file (.csv)').setInputFiles(heldRecords);
    await clerk.page.getByRole('button', { name: 'Submit' }).click();
    await expectThen(
      clerk.page,
      clerk.page.getByRole('heading', { name: new RegExp(`Batch ${HELD_BATCH}`) }),
    );
    await clerk.page.getByLabel('Screen as of').fill(asOf);
    await clerk.page.getByRole('button', { name: 'Screen' }).click();
    await expectThen(clerk.page, clerk.page.getByRole('heading', { name: 'Holds and findings' }));
    await clerk.page.close();

    const { page, errors } = await signIn(PEOPLE.officer);
    await page.goto(`${service.url}/#/batches/${encodeURIComponent(HELD_BATCH)}`);
    const holds = page.getByRole('list', { name: 'Holds and findings' });
    await holds.waitFor();
    assert.match(await holds.innerText(), /6103\(i\)\(2\)\(A\).*hold-batch/);
    await checkPage(page, errors, '09a-hold');
    await page
      .getByLabel('Resolution note')
      .fill('Confirmed with DHS-ICE: a task force lead, each case checked');
    await page.getByRole('button', { name: 'Resolve hold' }).click();
    await expectThen(page, holds.getByText('resolved by'));
    assert.match(await holds.innerText(), /resolved by .*officer.*task force lead/);
    await checkPage(page, errors, '09b-hold-resolved');
    await page.close();
  });

  step(
    'lets the auditor find the disclosure in the ledger, read the annual report and verify the chain',
    async () => {
      const { page, errors } = await signIn(PEOPLE.auditor);
      assert.ok(confirmedTaxpayer, 'a confirmation was released');
      await page.getByRole('link', { name: 'Ledger' }).click();
      // By TIN (the reference's, as an auditor answering a taxpayer would have it): an audited read.
      const rows = parse<Record<string, string>>(readFileSync(referenceFile), { columns: true });
      const tin = rows.find((row) => row['taxpayer_id'] === confirmedTaxpayer && row['tin'])?.['tin'];
      assert.ok(tin, `taxpayer ${confirmedTaxpayer} has a TIN in the reference`);
      await page.getByLabel('Taxpayer TIN').fill(tin);
      await page.getByRole('button', { name: 'Look up' }).click();
      await expectThen(page, page.getByTestId('taxpayer-accounting'));
      assert.equal(await page.getByTestId('tin-disclosures').innerText(), '1');
      assert.ok(Number(await page.getByTestId('tin-requests').innerText()) >= 1);
      assert.match(
        await page.getByTestId('taxpayer-accounting').innerText(),
        new RegExp(`${confirmedTaxpayer}[\\s\\S]*${desk.batchId}`),
      );
      const shown = await page.getByTestId('taxpayer-accounting').innerText();
      assert.ok(!shown.includes(tin), 'the TIN is not shown back in full');
      assert.match(shown, new RegExp(`${tin.slice(-4)}`));
      assert.equal(
        await page.getByLabel('Taxpayer TIN').inputValue(),
        '',
        'the TIN does not linger in the form',
      );
      // By the desk's taxpayer id, in the list of disclosures.
      await page.getByLabel('Taxpayer id').fill(confirmedTaxpayer);
      await page.getByRole('button', { name: 'Search' }).click();
      await expectThen(page, page.getByTestId('ledger-count').getByText('1 disclosure', { exact: true }));
      await checkPage(page, errors, '09-ledger');

      // This year's report (the release was today), with its charts.
      await page.getByRole('link', { name: 'Annual report' }).click();
      await expectThen(page, page.getByTestId('report-totals'));
      const totals = await page.getByTestId('report-totals').innerText();
      assert.match(
        totals,
        new RegExp(`\\b${WEB_BATCH_REQUESTS + 520}\\s+requests`),
        'both batches were received today',
      );
      assert.ok(Number(/(\d+)\s+disclosures/.exec(totals)?.[1]) >= 1, totals);
      await page.getByRole('img', { name: /Requests and disclosures by month/ }).waitFor();
      await page.getByRole('img', { name: /By agency and statutory authority/ }).waitFor();
      await page
        .getByRole('table', { name: /Lines of the accounting/ })
        .getByRole('cell', { name: 'DHS-ICE' })
        .first()
        .waitFor();
      await checkPage(page, errors, '10-report');

      await page.getByRole('link', { name: 'Audit' }).click();
      await page.getByRole('button', { name: 'Verify the audit chain' }).click();
      assert.match(await page.getByTestId('audit-verdict').innerText(), /^Intact/);
      await checkPage(page, errors, '11-audit');
      await page.close();
    },
  );

  step('can be used by keyboard alone: sign in, move through the navigation, verify the chain', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(service.url);
    // The account field has focus on arrival; Tab moves on, Enter submits. Keys typed before the
    // app has mounted and focused it would be lost, so wait for that focus first.
    await page.getByLabel('Account').waitFor();
    await page.waitForFunction(
      "document.activeElement?.closest('label')?.textContent?.startsWith('Account') === true",
    );
    await page.keyboard.type(PEOPLE.auditor);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('account').waitFor();
    const focusOn = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        // (Test files have no DOM types: the page evaluates the expression as written.)
        const focused = String(await page.evaluate("document.activeElement?.textContent?.trim() ?? ''"));
        if (focused === name) return;
      }
      assert.fail(`Tab never reached "${name}"`);
    };
    await focusOn('Ledger');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ledger', level: 1 }).waitFor();
    await focusOn('Audit');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    await focusOn('Verify the audit chain');
    // A visible focus indicator (the app's :focus-visible outline).
    const outline = String(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'));
    assert.notEqual(outline, 'none', 'the focused control shows it has focus');
    await page.keyboard.press('Enter');
    await page.getByTestId('audit-verdict').waitFor();
    assert.match(await page.getByTestId('audit-verdict').innerText(), /^Intact/);
    await checkPage(page, errors, '12-keyboard-only');
    await page.close();
  });
});
