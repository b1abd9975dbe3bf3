import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadProgram, OUTCOMES, type Outcome, type Program } from '../programs/program.ts';
import { externalCode } from './response-codes.ts';
import { toCsv } from './response-file.ts';
import {
  ANSWER_COLUMNS,
  parseResponse,
  RESPONSE_FORMAT,
  RESPONSE_FORMATS,
  renderResponse,
  renderResponseRows,
  renderResponseStart,
  responseColumns,
  responseRow,
  type Answer,
  type ResponseHeader,
} from './response-document.ts';

const shipped = loadProgram();
const header: ResponseHeader = {
  format: RESPONSE_FORMAT,
  batch_id: 'B-1',
  program_id: shipped.id,
  program_version: shipped.version,
  requesting_agency: 'DHS-ICE',
  record_count: '0',
  request_file_sha256: 'a'.repeat(64),
  released_at: '2026-01-15T12:00:00.000Z',
};

/** What the desk knows about a request, including return information it must not send. */
function answer(requestId: string, outcome: Outcome, extra: Partial<Answer> = {}): Answer {
  return {
    request_id: requestId,
    outcome,
    rule_id: outcome === 'REJECTED' ? 'address.usable' : null,
    reason:
      outcome === 'REJECTED'
        ? 'the address is a placeholder, not an address'
        : `identity probability 0.4, the address differs from the address of record`,
    address_of_record: '12 OAK ST, AUSTIN, TX 78701',
    tax_year_of_address: 2024,
    ...extra,
  };
}

function render(program: Program, answers: readonly Answer[], format: (typeof RESPONSE_FORMATS)[number]) {
  const columns = responseColumns(program);
  const text = renderResponse(
    {
      header: { ...header, record_count: String(answers.length) },
      columns,
      rows: answers.map((a) => responseRow(program, columns, a)),
    },
    format,
  );
  return parseResponse(text, format, 'test');
}

/** A program that also discloses the address of record and its tax year with a confirmation. */
const addressDisclosing: Program = {
  ...shipped,
  disclosure: {
    ...shipped.disclosure,
    CONFIRMED: ['confirmation', 'address_of_record', 'tax_year_of_address'],
  },
};

describe('the response file', () => {
  for (const program of [shipped, addressDisclosing])
    for (const format of RESPONSE_FORMATS)
      it(`carries in every column only what the disclosure table of the program allows (${program === shipped ? 'shipped' : 'address-disclosing'} program, ${format})`, () => {
        const answers = OUTCOMES.map((outcome, i) => answer(`R${i}`, outcome));
        const document = render(program, answers, format);
        const disclosable = new Set(OUTCOMES.flatMap((outcome) => program.disclosure[outcome]));
        for (const column of document.columns)
          assert.ok(
            (ANSWER_COLUMNS as readonly string[]).includes(column) || disclosable.has(column as never),
            `column ${column} is neither an answer column nor a field the program discloses`,
          );
        for (const [i, row] of document.rows.entries()) {
          const given = answers[i];
          assert.ok(given);
          const disclosed = program.disclosure[given.outcome];
          const cell = (column: string) => row[document.columns.indexOf(column)] ?? '';
          assert.equal(cell('request_id'), given.request_id);
          assert.equal(cell('code'), externalCode(program, given.outcome).code);
          assert.equal(cell('code') === 'CONFIRMED', disclosed.includes('confirmation'));
          if (given.outcome === 'REJECTED') {
            assert.equal(cell('rule_id'), given.rule_id);
            assert.equal(cell('message'), given.reason);
          } else {
            assert.equal(cell('rule_id'), '');
            assert.equal(cell('message'), externalCode(program, given.outcome).meaning);
          }
          for (const column of document.columns.filter(
            (c) => !(ANSWER_COLUMNS as readonly string[]).includes(c),
          ))
            assert.equal(
              cell(column) !== '',
              disclosed.includes(column as never),
              `${given.outcome} ${column}`,
            );
        }
        assert.equal(document.columns.includes('address_of_record'), program === addressDisclosing);
      });

  it('answers no record, another address and unresolved identically (property)', () => {
    const silent = ['NOT_CONFIRMED', 'NO_RECORD', 'AMBIGUOUS'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...silent),
        fc.constantFrom(...silent),
        fc.string(),
        fc.option(fc.string(), { nil: null }),
        fc.option(fc.integer({ min: 1990, max: 2030 }), { nil: null }),
        (a, b, reason, address, year) => {
          const columns = responseColumns(shipped);
          const strip = (row: string[]) => row.slice(1);
          const one = responseRow(
            shipped,
            columns,
            answer('X', a, { reason, address_of_record: address, tax_year_of_address: year }),
          );
          const other = responseRow(shipped, columns, answer('Y', b));
          return JSON.stringify(strip(one)) === JSON.stringify(strip(other));
        },
      ),
    );
  });

  it('reads back what it wrote, header block included, in both formats', () => {
    for (const format of RESPONSE_FORMATS) {
      const document = render(shipped, [answer('R1', 'CONFIRMED'), answer('R2', 'REJECTED')], format);
      assert.deepEqual(document.header, { ...header, record_count: '2' });
      assert.deepEqual(document.columns, ['request_id', 'code', 'rule_id', 'message']);
    }
  });

  it('refuses a file whose header counts other rows than it holds', () => {
    const columns = responseColumns(shipped);
    const text = renderResponse(
      {
        header: { ...header, record_count: '3' },
        columns,
        rows: [responseRow(shipped, columns, answer('R1', 'CONFIRMED'))],
      },
      'csv',
    );
    assert.throws(() => parseResponse(text, 'csv', 'x.csv'), /says 3 records, the file has 1/);
  });

  it('written page by page, is the same text as written whole, in both formats (property)', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('=1+1', 'a,b', 'say "hi"', 'x\ny', ''),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 30 }),
        fc.array(fc.nat({ max: 30 }), { maxLength: 5 }),
        fc.constantFrom(...RESPONSE_FORMATS),
        (rows, cuts, format) => {
          const columns = [...ANSWER_COLUMNS];
          const bounds = [
            ...new Set([0, ...cuts.map((cut) => Math.min(cut, rows.length)), rows.length]),
          ].sort((a, b) => a - b);
          const paged =
            renderResponseStart(header, columns, format) +
            bounds
              .slice(1)
              .map((end, i) => renderResponseRows(columns, rows.slice(bounds[i], end), format))
              .join('');
          assert.equal(paged, renderResponse({ header, columns, rows }, format));
          // As the whole document was written before it was written by pages.
          const whole =
            format === 'csv'
              ? Object.entries(header)
                  .map(([field, value]) => `# ${field}: ${value}\n`)
                  .join('') + toCsv(columns, rows)
              : [
                  JSON.stringify({ response_header: header }),
                  ...rows.map((row) =>
                    JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, row[i] ?? '']))),
                  ),
                ]
                  .map((line) => `${line}\n`)
                  .join('');
          assert.equal(paged, whole);
        },
      ),
      { numRuns: 200 },
    );
  });
});
