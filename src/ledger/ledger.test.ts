import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { annualReport } from './annual-report.ts';
import { reportAsHtml } from './report-html.ts';
import { reportAsCsv, reportAsText } from './report-text.ts';
import { taxpayerAccounting } from './taxpayer-accounting.ts';

/**
 * Two batches from DHS-ICE in 2026 citing one authority in two spellings, one in 2025; requests
 * with their decisions; ledger rows for the confirmations, with purposes that differ only in case
 * and spacing, and many distinct ones.
 */
async function seed(store: DuckDbStore): Promise<void> {
  const batch = (id: string, received: string, authority: string) =>
    store.run(
      `INSERT INTO batches (batch_id, program_id, program_version, requesting_agency, requesting_official, statutory_authority, record_count, records_sha256, manifest_json, stage, received_at, updated_at)
       VALUES ($1, 'p', '1', 'DHS-ICE', 'Director', $3, 0, 'x', '{}', 'released', $2::TIMESTAMP, $2::TIMESTAMP)`,
      [id, received, authority],
    );
  await batch('A', '2026-02-03', '8 U.S.C. § 1253(a)(1)');
  await batch('B', '2026-05-06', '8 USC 1253(a)(1)');
  await store.run("UPDATE batches SET attestation = 'Sought for  the investigation' WHERE batch_id = 'B'");
  await batch('OLD', '2025-06-01', '8 U.S.C. § 1253(a)(1)');
  const request = (
    batchId: string,
    id: string,
    row: number,
    tin: string | null,
    outcome: string,
    taxpayer: string | null,
  ) =>
    Promise.all([
      store.run(
        "INSERT INTO requests (batch_id, row_number, request_id, n_tin, statutory_authority) VALUES ($1, $2, $3, $4, '')",
        [batchId, row, id, tin],
      ),
      store.run(
        "INSERT INTO decisions (batch_id, request_id, outcome, reason, taxpayer_id, decided_by, decided_at) VALUES ($1, $2, $3, 'r', $4, 'desk', '2026-01-01')",
        [batchId, id, outcome, taxpayer],
      ),
    ]);
  await request('A', 'A1', 1, '900700001', 'CONFIRMED', 'T1');
  await request('A', 'A2', 2, null, 'CONFIRMED', 'T2');
  await request('A', 'A3', 3, '900700001', 'NOT_CONFIRMED', null);
  await request('A', 'A4', 4, null, 'REJECTED', null);
  await request('B', 'B1', 1, null, 'CONFIRMED', 'T1');
  await request('OLD', 'O1', 1, null, 'CONFIRMED', 'T3');
  for (let i = 2; i <= 14; i++) await request('B', `B${i}`, i, null, 'CONFIRMED', `T${10 + i}`);
  const disclose = (
    batchId: string,
    requestId: string,
    taxpayer: string,
    at: string,
    authority: string,
    purpose: string,
  ) =>
    store.run(
      `INSERT INTO ledger VALUES ($2 || '-' || $1, $1, $2, $3, 2024, 'DHS-ICE', 'p', '1', $5, $6, 'officer', 'confirmation', $4::TIMESTAMP, 'sha')`,
      [batchId, requestId, taxpayer, at, authority, purpose],
    );
  await disclose('A', 'A1', 'T1', '2026-02-10', '8 U.S.C. § 1253(a)(1)', 'Locating for prosecution');
  await disclose('A', 'A2', 'T2', '2026-02-10', '8 U.S.C. § 1253(a)(1)', 'locating  for PROSECUTION');
  await disclose('B', 'B1', 'T1', '2026-05-10', '8 USC 1253(a)(1)', 'Locating for prosecution');
  for (let i = 2; i <= 14; i++)
    await disclose('B', `B${i}`, `T${10 + i}`, '2026-05-10', '8 USC 1253(a)(1)', `reason number ${i}`);
  await disclose('OLD', 'O1', 'T3', '2025-06-05', '8 U.S.C. § 1253(a)(1)', 'Locating for prosecution');
  await store.run(
    "INSERT INTO reference_rows (taxpayer_id, tax_year, n_tin) VALUES ('T1', 2024, '900700001'), ('T2', 2024, '900700002')",
  );
}

describe('the § 6103(p)(3) accounting', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
    await seed(store);
  });
  after(() => store.close());

  it('counts requests, rejections, disclosures and taxpayers per agency and authority, whatever the spelling of the authority', async () => {
    const report = await annualReport(store, { year: 2026, generatedAt: 'now', topPurposes: 3 });
    assert.equal(report.lines.length, 1, 'two spellings of 8 U.S.C. § 1253(a)(1) are one line');
    const [line] = report.lines;
    assert.equal(line?.agency, 'DHS-ICE');
    assert.equal(line?.requests, 18);
    assert.equal(line?.rejected, 1);
    assert.equal(line?.disclosures, 16);
    assert.equal(line?.taxpayers, 15, 'T1 twice is one taxpayer');
    assert.deepEqual(report.totals, { requests: 18, rejected: 1, disclosures: 16, taxpayers: 15 });
  });

  it("groups disclosures by the purpose the agency head attested, or the request's reason where none was, ignoring case and spacing", async () => {
    const report = await annualReport(store, { year: 2026, generatedAt: 'now', topPurposes: 2 });
    const [line] = report.lines;
    assert.deepEqual(line?.purposes, [
      { purpose: 'Sought for  the investigation', disclosures: 14 },
      { purpose: 'Locating for prosecution', disclosures: 2 },
    ]);
    assert.equal(line?.specificReasons, 15, 'the record-level reasons are counted');
    const shorter = await annualReport(store, { year: 2026, generatedAt: 'now', topPurposes: 1 });
    assert.deepEqual(shorter.lines[0]?.otherPurposes, { purposes: 1, disclosures: 2 });
  });

  it('counts by month and leaves other years out', async () => {
    const report = await annualReport(store, { year: 2026, generatedAt: 'now' });
    assert.deepEqual(report.months[1], { month: 2, requests: 4, disclosures: 2 });
    assert.deepEqual(report.months[4], { month: 5, requests: 14, disclosures: 14 });
    const earlier = await annualReport(store, { year: 2025, generatedAt: 'now' });
    assert.equal(earlier.totals.disclosures, 1);
  });

  it('writes CSV with one row per purpose, text, and a self-contained HTML page with a chart', async () => {
    const report = await annualReport(store, { year: 2026, generatedAt: 'now', topPurposes: 1 });
    const rows: Record<string, string>[] = parse(reportAsCsv(report), { columns: true });
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.['purpose_disclosures'], '14');
    assert.equal(rows[1]?.['purpose'], '(1 other purposes)');
    assert.match(reportAsText(report), /DHS-ICE\s+8 U\.S\.C\. § 1253\(a\)\(1\)\s+18\s+1\s+16\s+15/);
    const html = reportAsHtml(report);
    assert.match(html, /<svg[^>]*role="img"/);
    assert.doesNotMatch(html, /(src|href)=["']?(https?:)?\/\//, 'nothing is fetched from elsewhere');
    assert.doesNotMatch(html, /<script/);
  });

  it('escapes what the agency wrote before putting it in the page', async () => {
    await store.run(
      "INSERT INTO ledger VALUES ('X', 'A', 'A9', 'T9', 2024, 'DHS-ICE', 'p', '1', 'x', '<img src=x onerror=alert(1)>', 'o', 'confirmation', '2026-03-01', 's')",
    );
    const html = reportAsHtml(await annualReport(store, { year: 2026, generatedAt: 'now' }));
    assert.doesNotMatch(html, /<img/);
    await store.run("DELETE FROM ledger WHERE entry_id = 'X'");
  });

  it("finds a taxpayer's requests and disclosures by TIN, with requests that named the TIN but were not confirmed", async () => {
    const accounting = await taxpayerAccounting(store, '900-70-0001');
    assert.equal(accounting.tin, '***-**-0001');
    assert.deepEqual(accounting.taxpayerIds, ['T1']);
    assert.deepEqual(
      accounting.requests.map((r) => [r.request_id, r.concerns, r.disclosed]),
      [
        ['A1', 'identified, named-by-tin', true],
        ['A3', 'named-by-tin', false],
        ['B1', 'identified', true],
      ],
    );
    assert.deepEqual(
      accounting.disclosures.map((d) => d.request_id),
      ['A1', 'B1'],
    );
  });

  it('refuses a TIN that is not 9 digits without repeating it', async () => {
    await assert.rejects(
      taxpayerAccounting(store, '9007000'),
      (error: Error) => !error.message.includes('9007000'),
    );
  });
});
