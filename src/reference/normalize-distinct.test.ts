import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { readCsvHeader } from '../intake/read-records.ts';
import { normalizeTin } from '../linkage/normalize/normalize-record.ts';
import { REFERENCE_COLUMNS, REQUIRED_REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { generateSynthFolder } from '../synth/synth-folder.ts';
import { decodePage, encodeNormalizedPage, NORMALIZATION_GROUPS, tinSql } from './normalization-groups.ts';
import {
  distinctValuesPageSql,
  insertNormalizedPageSql,
  normalizeDistinctValues,
} from './normalize-distinct.ts';
import { readReferenceCsvSql } from './reference-sql.ts';
import { REFERENCE_TABLES } from './reference-tables.ts';

/** Every character JavaScript's `\s` matches, and some it does not (NEL, a zero-width space). */
const SPACES = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a'];
const MORE_SPACES = ['\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u200b'];
const separator = fc.constantFrom('', '', '', '-', ...SPACES, ...MORE_SPACES);
/** Strings near TINs: nine (or eight, or ten) digits with separators between them, and anything else. */
const tinLike = fc.oneof(
  fc.string({ maxLength: 14 }),
  fc
    .array(fc.tuple(fc.constantFrom('0', '1', '5', '9', '٣', 'x'), separator), {
      minLength: 8,
      maxLength: 10,
    })
    .map((parts) => parts.map(([digit, sep]) => digit + sep).join('')),
  fc
    .array(fc.tuple(fc.constantFrom('0', '1', '5', '9'), separator), { minLength: 9, maxLength: 9 })
    .map((parts) => parts.map(([digit, sep]) => sep + digit).join('')),
);

describe('normalizing reference values in SQL', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  it('gives the TIN normalizeTin gives, for any string', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tinLike, { minLength: 1, maxLength: 50 }), async (values) => {
        const rows = await store.all<{ i: bigint; n_tin: string | null }>(
          `SELECT i, ${tinSql('v')} AS n_tin FROM (SELECT unnest(from_json($1, '["VARCHAR"]')) AS v, generate_subscripts(from_json($1, '["VARCHAR"]'), 1) AS i) ORDER BY i`,
          [JSON.stringify(values)],
        );
        rows.forEach((row) =>
          assert.equal(
            row.n_tin,
            normalizeTin(values[Number(row.i) - 1] ?? ''),
            JSON.stringify(values[Number(row.i) - 1]),
          ),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reads a normalized page back as written: NULLs, empty strings, quotes, and control characters (as JSON)', async () => {
    const value = fc.option(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', '\u001e', '\u001f', '\u001c', '"', "'")),
      {
        nil: null,
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 30 }),
        async (values) => {
          const rows = values.map((columns, i) => [String(i + 1), ...columns]);
          const page = encodeNormalizedPage(rows);
          await store.run(
            'CREATE OR REPLACE TEMP TABLE page_test (id BIGINT, a VARCHAR, b VARCHAR, c VARCHAR)',
          );
          await store.run(insertNormalizedPageSql('page_test', ['a', 'b', 'c'], page.format), [page.text]);
          const back = await store.all<{ id: bigint; a: string | null; b: string | null; c: string | null }>(
            'SELECT * FROM page_test ORDER BY id',
          );
          assert.deepEqual(
            back.map((row) => [String(row.id), row.a, row.b, row.c]),
            rows,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a page of distinct values out as stored: NULLs, empty strings, and control characters (as JSON)', async () => {
    const name = NORMALIZATION_GROUPS.find((group) => group.name === 'name');
    assert.ok(name);
    const value = fc.option(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('', '\u001e', '\u001f', '\u001c', ',', '"')),
      { nil: null },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 30 }),
        async (values) => {
          const rows = values.map((fields, i) => [String(i + 1), ...fields]);
          await store.run(
            'CREATE OR REPLACE TEMP TABLE values_test (id BIGINT, first_name VARCHAR, middle_name VARCHAR, last_name VARCHAR)',
          );
          await store.run(
            `INSERT INTO values_test SELECT r[1]::BIGINT, r[2], r[3], r[4] FROM (SELECT unnest(from_json($1, '[["VARCHAR"]]')) AS r)`,
            [JSON.stringify(rows)],
          );
          const control = rows.some((row) => row.some((v) => v !== null && /[\u001c-\u001f]/.test(v)));
          const { format, sql } = distinctValuesPageSql(name, control ? 'json' : 'separated', 'values_test');
          const [page] = await store.all<{ page: string | null }>(sql, [0, rows.length]);
          assert.deepEqual(decodePage({ format, text: page?.page ?? '' }), rows);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('sends a page holding a separator character as JSON', () => {
    assert.equal(encodeNormalizedPage([['1', 'A\u001fB']]).format, 'json');
    assert.equal(encodeNormalizedPage([['1', 'AB', null]]).format, 'separated');
  });

  it('stores the same tables whether the values are normalized on the calling thread or on worker threads, page after page', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'ddesk-normalize-'));
    await generateSynthFolder({ out: folder, seed: 14, taxpayers: 500, requests: 0 });
    const file = path.join(folder, 'reference.csv');
    const header = readCsvHeader(file, {
      columns: REFERENCE_COLUMNS,
      required: REQUIRED_REFERENCE_COLUMNS,
      strictColumns: false,
    });
    /** Every reference table, row by row, after staging the file and normalizing it with `options`. */
    const tablesAfter = async (options: { threads: number; pageSize?: number }) => {
      const desk = await DuckDbStore.open(':memory:');
      try {
        await desk.run(readReferenceCsvSql(file, header));
        const rows = await normalizeDistinctValues(desk, undefined, options);
        const tables: Record<string, unknown[]> = {};
        for (const table of REFERENCE_TABLES)
          tables[table] = await desk.all(`SELECT * FROM ${table} ORDER BY ALL`);
        return { rows, tables };
      } finally {
        desk.close();
      }
    };
    const calling = await tablesAfter({ threads: 0 });
    assert.ok(calling.rows > 1000);
    assert.ok((calling.tables['reference_names']?.length ?? 0) > 300);
    // Pages of a few dozen values, several in flight across the workers and across the boundary
    // between the names and the addresses, appended as they come back.
    for (const options of [
      { threads: 2, pageSize: 37 },
      { threads: 3, pageSize: 101 },
    ])
      assert.deepEqual(await tablesAfter(options), calling, JSON.stringify(options));
    rmSync(folder, { recursive: true, force: true });
  });
});
