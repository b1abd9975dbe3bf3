import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { neutralizeFormula, toCsv } from './response-file.ts';

describe('response file', () => {
  it('prefixes a field that a spreadsheet would run as a formula', () => {
    assert.equal(neutralizeFormula('=HYPERLINK("http://x")'), `'=HYPERLINK("http://x")`);
    assert.equal(neutralizeFormula('@SUM(A1)'), `'@SUM(A1)`);
    assert.equal(neutralizeFormula('GARCIA'), 'GARCIA');
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
