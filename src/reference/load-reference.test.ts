import { PERSON_COLUMNS } from '../person-columns.ts';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../clock.ts';
import { DeskError } from '../errors.ts';
import { normalizeRecord, type RawPersonFields } from '../linkage/normalize/normalize-record.ts';
import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { Store } from '../store/store.ts';
import { generateSynthFolder } from '../synth/synth-folder.ts';
import { loadReference } from './load-reference.ts';
import { distinctReferenceSql } from './reference-tables.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ddesk-reference-'));
const clock = fixedClock('2026-01-15T10:00:00.000Z');
const HEADER =
  'taxpayer_id,tax_year,first_name,middle_name,last_name,dob,address_line1,address_line2,city,state,zip,tin,tin_type';

function fileWith(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The same store seen without its DuckDB class: the load takes the streaming path (as another store would). */
function streamingView(store: Store): Store {
  const view: Store = {
    dialect: store.dialect,
    all: (sql, params) => store.all(sql, params),
    run: (sql, params) => store.run(sql, params),
    append: (table, rows) => store.append(table, rows),
    transaction: (fn) => store.transaction(() => fn(view)),
    close: () => undefined,
  };
  return view;
}

async function loaded(store: Store, file: string): Promise<Record<string, unknown>[]> {
  await loadReference(store, clock, { file, replace: true, actor: 'loader' });
  return store.all('SELECT * FROM reference_records ORDER BY ALL');
}

async function refusal(store: Store, file: string): Promise<DeskError> {
  try {
    await loadReference(store, clock, { file, replace: true, actor: 'loader' });
  } catch (error) {
    assert.ok(error instanceof DeskError, `expected a DeskError, got ${String(error)}`);
    assert.equal(error.code, 'MALFORMED_FILE');
    return error;
  }
  assert.fail('the file was accepted');
}

describe('loadReference', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  it('loads exactly the rows the streaming reader loads, normalized the same, on a synthetic reference', async () => {
    const folder = path.join(dir, 'synth');
    await generateSynthFolder({ out: folder, seed: 11, taxpayers: 400, requests: 0 });
    const file = path.join(folder, 'reference.csv');
    const inSql = await loaded(store, file);
    const streamed = await loaded(streamingView(store), file);
    assert.ok(inSql.length > 1000);
    assert.deepEqual(inSql, streamed);
  });

  it('stores every row normalized exactly as normalizeRecord normalizes it, each distinct name and address once', async () => {
    const folder = path.join(dir, 'synth-normalized');
    await generateSynthFolder({ out: folder, seed: 12, taxpayers: 300, requests: 0 });
    const rows = await loaded(store, path.join(folder, 'reference.csv'));
    for (const row of rows) {
      const raw = Object.fromEntries(
        PERSON_COLUMNS.map((field) => [field, (row[field] as string | null) ?? '']),
      ) as unknown as RawPersonFields;
      const expected = normalizeRecord(raw);
      for (const column of NORMALIZED_COLUMNS)
        assert.equal(row[column], expected[column], `${String(row['taxpayer_id'])} ${column}`);
    }
    const [names] = await store.all<{ rows: bigint; values: bigint }>(
      'SELECT count(*) AS rows, count(DISTINCT (first_name, middle_name, last_name)) AS values FROM reference_names',
    );
    assert.equal(names?.rows, names?.values, 'one stored name per distinct value');
    assert.ok(Number(names?.rows) < rows.length, 'fewer names than taxpayer-years');
  });

  it('reads the distinct taxpayers and columns through the ids as the view gives them', async () => {
    const folder = path.join(dir, 'synth-distinct');
    await generateSynthFolder({ out: folder, seed: 13, taxpayers: 300, requests: 0 });
    await loaded(store, path.join(folder, 'reference.csv'));
    for (const columns of [
      ['nm_first', 'nm_last_phon', 'n_dob', 'n_tin', 'ad_postcode', 'ad_city'],
      ['first_name', 'dob', 'zip', 'tin_type'],
      [...NORMALIZED_COLUMNS],
    ]) {
      const direct = await store.all(
        `SELECT DISTINCT taxpayer_id, ${columns.join(', ')} FROM reference_records ORDER BY ALL`,
      );
      const throughIds = await store.all(`SELECT * FROM (${distinctReferenceSql(columns)}) ORDER BY ALL`);
      assert.ok(direct.length > 300);
      assert.deepEqual(throughIds, direct, columns.join(', '));
    }
  });

  it('appends a second file reusing the names and addresses already stored, and reads both files back', async () => {
    const first = fileWith(
      'year1.csv',
      `${HEADER}\nT1,2023,Ana,,Ruiz,1970-01-02,1 Elm St,,Springfield,IL,62704,,\n`,
    );
    const second = fileWith(
      'year2.csv',
      `${HEADER}\nT1,2024,Ana,,Ruiz,1970-01-02,1 Elm St,,Springfield,IL,62704,,\nT2,2024,Bo,,Li,,1 Elm St,,Springfield,IL,62704,,\n`,
    );
    await loadReference(store, clock, { file: first, replace: true, actor: 'loader' });
    await loadReference(store, clock, { file: second, replace: false, actor: 'loader' });
    const count = async (table: string) =>
      Number((await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
    assert.deepEqual(
      {
        rows: await count('reference_rows'),
        names: await count('reference_names'),
        addresses: await count('reference_addresses'),
      },
      { rows: 3, names: 2, addresses: 1 },
    );
    const view = await store.all<{ taxpayer_id: string; tax_year: number; nm_last: string; ad_city: string }>(
      'SELECT taxpayer_id, tax_year, nm_last, ad_city FROM reference_records ORDER BY ALL',
    );
    assert.deepEqual(
      view.map((row) => [row.taxpayer_id, row.tax_year, row.nm_last, row.ad_city]),
      [
        ['T1', 2023, 'RUIZ', 'SPRINGFIELD'],
        ['T1', 2024, 'RUIZ', 'SPRINGFIELD'],
        ['T2', 2024, 'LI', 'SPRINGFIELD'],
      ],
    );
  });

  it('reads a BOM, CRLF, quoted commas and newlines, missing optional and unknown columns as the streaming reader does', async () => {
    const file = fileWith(
      'tricky.csv',
      '\uFEFFtaxpayer_id,first_name,last_name,address_line1,zip,note,tax_year\r\n' +
        'T1,"José, Jr",de la Cruz,"12 Main St\nApt 4",62704-1234,x,2024\r\n' +
        'T1,José,de la Cruz,"12 Main St, Apt 4",62704,,2023\r\n' +
        '\r\n' +
        'T2,"Bill ""B""",O\'Brien,PO Box 7,,, 2022 \r\n' +
        'T3,Mary,,,,,\r\n',
    );
    const inSql = await loaded(store, file);
    const streamed = await loaded(streamingView(store), file);
    assert.equal(inSql.length, 4);
    assert.deepEqual(inSql, streamed);
    assert.equal(inSql.find((row) => row['taxpayer_id'] === 'T2')?.['tax_year'], 2022);
    assert.equal(inSql.find((row) => row['taxpayer_id'] === 'T3')?.['tax_year'], null);
  });

  it('returns a receipt with rows, taxpayers and the SHA-256 of the file, and appends with replace off', async () => {
    const file = fileWith('two.csv', `${HEADER}\nT1,2024,A,,B,,,,,,,,\nT2,2024,C,,D,,,,,,,,\n`);
    const receipt = await loadReference(store, clock, { file, replace: true, actor: 'loader' });
    assert.deepEqual({ rows: receipt.rows, taxpayers: receipt.taxpayers }, { rows: 2, taxpayers: 2 });
    assert.match(receipt.sha256, /^[0-9a-f]{64}$/);
    const more = fileWith('more.csv', `${HEADER}\nT3,2024,E,,F,,,,,,,,\n`);
    const appended = await loadReference(store, clock, { file: more, replace: false, actor: 'loader' });
    assert.deepEqual({ rows: appended.rows, taxpayers: appended.taxpayers }, { rows: 1, taxpayers: 3 });
  });

  it('writes the loaded reference into the database file (checkpointed), leaving the settings of DuckDB as they were', async () => {
    const db = path.join(dir, 'checkpointed.duckdb');
    const file = fileWith(
      'three.csv',
      `${HEADER}\nT1,2024,A,,B,,,,,,,,\nT1,2025,A,,B,,,,,,,,\nT2,2024,C,,D,,,,,,,,\n`,
    );
    const desk = await DuckDbStore.open(db);
    let rows: Record<string, unknown>[];
    try {
      await desk.run('SET max_vacuum_tasks = 7');
      rows = await loaded(desk, file);
      assert.equal(rows.length, 3);
      // Checkpointed: nothing of the load is left in the write-ahead log.
      const wal = `${db}.wal`;
      assert.ok(!existsSync(wal) || statSync(wal).size < 10_000, 'the load is in the database file');
      const [setting] = await desk.all<{ tasks: string }>(
        `SELECT current_setting('max_vacuum_tasks')::VARCHAR AS tasks`,
      );
      assert.equal(setting?.tasks, '7');
      // A replacing load of the same file reads back the same, and so does the file reopened.
      assert.deepEqual(await loaded(desk, file), rows);
    } finally {
      desk.close();
    }
    const reopened = await DuckDbStore.open(db);
    try {
      assert.deepEqual(await reopened.all('SELECT * FROM reference_records ORDER BY ALL'), rows);
    } finally {
      reopened.close();
    }
  });

  it('refuses a malformed file naming the row (and column), and leaves the reference as it was', async () => {
    await loaded(store, fileWith('good.csv', `${HEADER}\nT1,2024,A,,B,,,,,,,,\n`));
    const cases: [string, string, RegExp][] = [
      [
        'no-id.csv',
        `${HEADER}\nT1,2024,A,,B,,,,,,,,\n ,2024,A,,B,,,,,,,,\n`,
        /row 2, column taxpayer_id: empty/,
      ],
      [
        'year.csv',
        `${HEADER}\nT1,2024,A,,B,,,,,,,,\nT2,20x4,A,,B,,,,,,,,\n`,
        /row 2, column tax_year: not a year/,
      ],
      [
        'long.csv',
        `${HEADER}\nT1,2024,A,,${'B'.repeat(1001)},,,,,,,,\n`,
        /row 1, column last_name: field longer than 1000/,
      ],
      ['short.csv', `${HEADER}\nT1,2024,A,,B,,,,,,,,\nT2,2024,A\n`, /row 2: .*[Cc]olumns/],
      ['quote.csv', `${HEADER}\nT1,2024,"A,,B,,,,,,,,\n`, /unterminated quote|never closed/],
      [
        'header.csv',
        'taxpayer_id,tax_year,last_name\nT1,2024,B\n',
        /missing required column\(s\) first_name/,
      ],
      ['empty.csv', '', /empty/],
    ];
    for (const [name, content, message] of cases) {
      const error = await refusal(store, fileWith(name, content));
      assert.match(error.message, message, name);
      assert.doesNotMatch(error.message, /Original Line/, 'the offending line (personal data) is not quoted');
    }
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\nT1,2024,`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(',,B,,,,,,,,\n'),
    ]);
    assert.match((await refusal(store, fileWith('latin1.csv', bytes))).message, /unicode|UTF-8/i);
    const [left] = await store.all<{ n: bigint }>('SELECT count(*) AS n FROM reference_records');
    assert.equal(Number(left?.n), 1, 'a refused load changes nothing');
  });
});
