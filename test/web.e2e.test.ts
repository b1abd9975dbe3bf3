import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Browser, Locator, Page } from 'playwright-core';
import { PEOPLE, runCli, tempDir } from './cli.ts';
import { preparedDesk, type PreparedDesk } from './desk-fixture.ts';
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
import { addAccounts, PASSWORD } from './web-accounts.ts';

const skip = browserMissing();
if (skip) console.log(`# ${skip}`);

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

  before(async () => {
    const data = path.join(tempDir('web-synth'), 'data');
    const made = await runCli([
      'synth',
      '--out',
      data,
      '--seed',
      '11',
      '--taxpayers',
      '1500',
      '--requests',
      '400',
    ]);
    assert.equal(made.code, 0, made.stderr);
    asOf = (JSON.parse(readFileSync(path.join(data, 'meta.json'), 'utf8')) as { as_of: string }).as_of;
    referenceFile = path.join(data, 'reference.csv');
    desk = await preparedDesk(
      'web',
      path.join(data, 'requests.csv'),
      false,
      path.join(data, 'reference.csv'),
    );
    await addAccounts(desk.db);
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
    await page.close();
  });

  step('lets two reviewers clear the queue with the keyboard alone', async () => {
    const { page, errors } = await signIn(PEOPLE.reviewer);
    await page.goto(`${service.url}/#/review/${encodeURIComponent(desk.batchId)}`);
    await page.getByRole('heading', { name: /^Request / }).waitFor();
    // The queue narrows by kind of reason; every kind is offered with its count.
    const reasons = await page.getByLabel('Reason').locator('option').allInnerTexts();
    assert.ok(reasons.length >= 2 && reasons.slice(1).every((r) => /\(\d+\)$/.test(r)), reasons.join(' | '));
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

    // The second reviewer adjudicates: concurs with the proposal, decides the referral.
    const second = await signIn(PEOPLE.secondReviewer);
    await second.page.goto(`${service.url}/#/review/${encodeURIComponent(desk.batchId)}`);
    const outcomes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const panel = second.page.getByTestId('second-review');
      await panel.waitFor();
      if (i === 0) await checkPage(second.page, second.errors, '07-second-review');
      const text = await panel.innerText();
      assert.match(text, new RegExp(PEOPLE.reviewer));
      if (/proposes to confirm/.test(text)) {
        await second.page.keyboard.press('q');
        await second.page.keyboard.press('c');
        await second.page.getByText(/you concurred: CONFIRMED/).waitFor();
        outcomes.push('concurred');
      } else {
        assert.match(text, /sent this request to a second reviewer/);
        await second.page.keyboard.press('w');
        await second.page.keyboard.press('n');
        await second.page
          .getByText(new RegExp(`decided NO_RECORD, adjudicating ${PEOPLE.reviewer}'s referral`))
          .waitFor();
        outcomes.push('referral decided');
      }
    }
    assert.deepEqual(outcomes.sort(), ['concurred', 'referral decided']);
    await second.page.getByTestId('queue-done').waitFor();
    await checkPage(second.page, second.errors, '07b-second-review-done');
    await second.page.close();
  });

  step('lets an officer who reviewed nothing approve and release', async () => {
    const { page, errors } = await signIn(PEOPLE.officer);
    await page.goto(`${service.url}/#/batches/${encodeURIComponent(desk.batchId)}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expectThen(page, page.getByRole('button', { name: 'Release' }));
    await page.getByRole('button', { name: 'Release' }).click();
    await expectThen(page, page.getByRole('heading', { name: /· released/ }));
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
      assert.match(totals, /\b400\s+requests/, 'the batch received today');
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
});
