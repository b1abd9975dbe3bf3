import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvLine } from './csv-line.ts';

describe('csvLine', () => {
  it('round-trips any fields through a CSV parser', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 2, maxLength: 6 }), (fields) => {
        const parsed: string[][] = parse(csvLine(fields), { relax_column_count: true });
        assert.deepEqual(parsed[0], fields);
      }),
    );
  });
});
