import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { normalizeRecord } from '../linkage/normalize/normalize-record.ts';
import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { REFERENCE_COLUMNS } from '../linkage/reference-record.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { SqlValue } from '../store/store.ts';

const MIGRATION = path.join(
  import.meta.dirname,
  '..',
  'store',
  'migrations',
  '120-reference-distinct-values.sql',
);

const PEOPLE = [
  [
    'T1',
    '2023',
    'Ana',
    '',
    'Ruiz',
    '1970-01-02',
    '1 Elm St',
    '',
    'Springfield',
    'IL',
    '62704',
    '123-45-6789',
    'SSN',
  ],
  [
    'T1',
    '2024',
    'Ana',
    '',
    'Ruiz',
    '1970-01-02',
    '9 Oak Ave',
    'Apt 2',
    'Springfield',
    'IL',
    '62704',
    '123-45-6789',
    'SSN',
  ],
  ['T2', '2024', 'Bo', 'K', 'Li', '', '1 Elm St', '', 'Springfield', 'IL', '62704', '', ''],
  ['T3', '', 'José', '', 'de la Cruz', '02/03/1980', 'PO Box 7', '', 'Austin', 'TX', '73301', '', ''],
];

describe('migration 120: the reference as distinct names and addresses', () => {
  it('keeps every stored row: the view gives the same columns, in the same order, with the same values', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      // The table as it was before the migration, filled as the loads before it filled it.
      await store.run(
        'DROP VIEW reference_records; DROP TABLE reference_rows; DROP TABLE reference_names; DROP TABLE reference_addresses',
      );
      const columns = [...REFERENCE_COLUMNS, ...NORMALIZED_COLUMNS];
      await store.run(
        `CREATE TABLE reference_records (taxpayer_id VARCHAR NOT NULL, tax_year INTEGER, ${columns
          .slice(2)
          .map((c) => `${c} VARCHAR`)
          .join(', ')})`,
      );
      const before = PEOPLE.map((values): SqlValue[] => {
        const raw = Object.fromEntries(REFERENCE_COLUMNS.map((c, i) => [c, values[i] ?? '']));
        const normalized = normalizeRecord(raw as never);
        return [
          raw['taxpayer_id'] ?? '',
          raw['tax_year'] ? Number(raw['tax_year']) : null,
          ...values.slice(2),
          ...NORMALIZED_COLUMNS.map((c) => normalized[c]),
        ];
      });
      await store.append('reference_records', before);
      // A row written with only a few columns (as a test once wrote them) survives too.
      await store.run(
        "INSERT INTO reference_records (taxpayer_id, tax_year, n_tin) VALUES ('T9', 2024, '900700001')",
      );
      const read = () => store.all<Record<string, unknown>>('SELECT * FROM reference_records ORDER BY ALL');
      const expected = await read();
      await store.run(readFileSync(MIGRATION, 'utf8'));
      const described = await store.all<{ column_name: string }>('DESCRIBE reference_records');
      assert.deepEqual(
        described.map((c) => c.column_name),
        columns,
      );
      assert.deepEqual(await read(), expected);
      const [names] = await store.all<{ n: bigint }>('SELECT count(*) AS n FROM reference_names');
      assert.equal(Number(names?.n), 4, 'Ana Ruiz, Bo K Li, José de la Cruz, and the row without a name');
    } finally {
      store.close();
    }
  });
});
