import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { neutralizeFormula, toCsv, toCsvRows } from './response-file.ts';

describe('response file', () => {
  it('prefixes a field that a spreadsheet would run as a formula', () => {
    assert.equal(neutralizeFormula('=HYPERLINK("http://x")'), `'=HYPERLINK("http://x")`);
    assert.equal(neutralizeFormula('@SUM(A1)'), `'@SUM(A1)`);
    assert.equal(neutralizeFormula('GARCIA'), 'GARCIA');
  });

  it('writes the bytes csv-stringify wrote with its defaults, and reads back as written (property)', () => {
    const field = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', "'", '=', '-', 'é', '😀') }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), (rows) => {
        const cells = rows.map((row) => row.map((value) => neutralizeFormula(value ?? '')));
        const header = ['a', 'b', 'c', 'd'];
        assert.equal(toCsvRows(rows), rows.length ? stringify(cells, { record_delimiter: 'unix' }) : '');
        assert.equal(toCsv(header, rows), stringify([header, ...cells], { record_delimiter: 'unix' }));
        assert.deepEqual(parse(toCsv(header, rows), { relax_column_count: true }), [header, ...cells]);
      }),
    );
  });

  it('never writes a cell that starts with a formula character (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (values) => {
        const csv = toCsv(['a', 'b', 'c', 'd', 'e'].slice(0, values.length), [values]);
        const rows: string[][] = parse(csv, {});
        const cells = rows[1] ?? [];
        return cells.length === values.length && cells.every((cell) => !/^[=+\-@\t\r]/.test(cell));
      }),
    );
  });
});
