import { PERSON_COLUMNS } from '../person-columns.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizeRecord, type RawPersonFields } from '../linkage/normalize/normalize-record.ts';
import {
  encodeNormalizedPage,
  NORMALIZATION_GROUPS,
  normalizeDecodedPage,
  normalizeGroupPage,
  normalizeGroupValue,
} from './normalization-groups.ts';

const FIELDS: readonly (keyof RawPersonFields)[] = PERSON_COLUMNS;

/** Values that reach the interesting branches: suffixes, particles, unit designators, ZIP forms. */
const word = fc.constantFrom(
  'Jr',
  'III',
  'de',
  'la',
  'Garcia',
  "O'Brien",
  'José',
  'Apt',
  '#',
  '12',
  '221B',
  'N',
  'Main',
  'St',
  'PO',
  'Box',
  'Calle',
  'Springfield',
  'IL',
  'Illinois',
  '62704',
  '62704-1234',
  '3212',
  '1980-2-3',
  '123-45-6789',
  'Bill',
  'Alex',
  'Mc',
  '-',
  ',',
  ' ',
);
const field = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.array(word, { maxLength: 5 }).map((w) => w.join(' ')),
);
const record = fc.record(
  Object.fromEntries(FIELDS.map((f) => [f, field])) as Record<keyof RawPersonFields, typeof field>,
);

describe('normalization groups', () => {
  it('put together, give exactly what normalizeRecord gives, for any record', () => {
    fc.assert(
      fc.property(record, (raw) => {
        const whole = normalizeRecord(raw);
        for (const group of NORMALIZATION_GROUPS) {
          const values = normalizeGroupValue(
            group,
            group.fields.map((f) => raw[f]),
          );
          group.columns.forEach((column, i) =>
            assert.equal(values[i], whole[column], `${group.name}: ${column} of ${JSON.stringify(raw)}`),
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('normalize a page as the decoded rows normalized one by one give it, for any page', () => {
    // Any field, NULL or empty; a separator character in some field sends the page as JSON.
    const value = fc.oneof(field, fc.constant(null), fc.constant(''), fc.constantFrom('A\u001fB', '\u001c'));
    const page = fc.integer({ min: 0, max: NORMALIZATION_GROUPS.length - 1 }).chain((group) =>
      fc.record({
        group: fc.constant(group),
        rows: fc.array(
          fc.array(value, {
            minLength: NORMALIZATION_GROUPS[group]?.fields.length ?? 0,
            maxLength: NORMALIZATION_GROUPS[group]?.fields.length ?? 0,
          }),
          { maxLength: 8 },
        ),
      }),
    );
    fc.assert(
      fc.property(page, ({ group, rows }) => {
        const definition = NORMALIZATION_GROUPS[group];
        assert.ok(definition);
        const encoded = encodeNormalizedPage(rows.map((values, i) => [String(i + 1), ...values]));
        assert.deepEqual(normalizeGroupPage(group, encoded), normalizeDecodedPage(definition, encoded));
      }),
      { numRuns: 3000 },
    );
  });
});
