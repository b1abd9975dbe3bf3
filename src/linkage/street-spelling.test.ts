import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { normalizeRecord, type RawPersonFields } from './normalize/normalize-record.ts';
import { requestsWithStreetsReadSql } from './street-spelling.ts';

const person: RawPersonFields = {
  first_name: 'Nadia',
  middle_name: '',
  last_name: 'Okafor',
  dob: '1979-06-02',
  address_line1: '',
  address_line2: '',
  city: 'Riverton',
  state: 'WY',
  zip: '82501',
  tin: '',
};

describe('a street name misspelt by one letter, read against the streets of its ZIP code', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  /** The street each request is read as, against a reference listing `streets` (line 1, ZIP). */
  async function readAs(requests: readonly string[], streets: readonly string[], zip = '82501') {
    const columns = ['ad_number', 'ad_street', 'ad_suffix', 'ad_postcode'] as const;
    await store.run(
      'CREATE OR REPLACE TEMP TABLE q (request_id VARCHAR, ad_number VARCHAR, ad_street VARCHAR, ad_suffix VARCHAR, ad_postcode VARCHAR)',
    );
    await store.run(
      'CREATE OR REPLACE TEMP TABLE ref (request_id VARCHAR, ad_number VARCHAR, ad_street VARCHAR, ad_suffix VARCHAR, ad_postcode VARCHAR)',
    );
    for (const [table, lines] of [
      ['q', requests],
      ['ref', streets],
    ] as const)
      for (const [i, line] of lines.entries()) {
        const n = normalizeRecord({ ...person, address_line1: line, zip: table === 'q' ? zip : '82501' });
        await store.run(`INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5)`, [
          `R${i}`,
          ...columns.map((c) => n[c]),
        ]);
      }
    const rows = await store.all<{ request_id: string; ad_street: string | null }>(
      `SELECT request_id, ad_street FROM ${requestsWithStreetsReadSql('q', 'ref')} s ORDER BY request_id`,
    );
    return rows.map((row) => row.ad_street);
  }

  it('reads 123 MAPEL ST as MAPLE ST where MAPLE ST is the one street of the ZIP code one letter away', async () => {
    assert.deepEqual(
      await readAs(
        ['123 Mapel St', '123 Maple Stt', '9 Mapple St', '9 Mapke Street', '9 Aple St'],
        ['123 MAPLE ST', '5 OAK AVE'],
      ),
      ['MAPLE', 'MAPLE', 'MAPLE', 'MAPLE', 'MAPLE'],
    );
  });

  it('never reads a street the reference lists in that ZIP code as another (PIKE ST stays PIKE)', async () => {
    assert.deepEqual(await readAs(['123 Pike St'], ['123 PINE ST', '40 PIKE ST']), ['PIKE']);
  });

  it('leaves the name as written when two streets are one letter away, or the type differs', async () => {
    assert.deepEqual(await readAs(['123 Pime St'], ['123 PINE ST', '40 LIME ST']), ['PIME']);
    assert.deepEqual(await readAs(['123 Mapel Ave'], ['123 MAPLE ST']), ['MAPEL']);
    // A type missing on one side is no conflict.
    assert.deepEqual(await readAs(['123 Mapel'], ['123 MAPLE ST']), ['MAPLE']);
  });

  it('leaves numbered streets, short names, other ZIP codes and requests without a house number alone', async () => {
    assert.deepEqual(await readAs(['123 75th St'], ['123 76TH ST']), ['75TH']);
    assert.deepEqual(await readAs(['123 Eln St'], ['123 ELM ST']), ['ELN']);
    assert.deepEqual(await readAs(['123 Mapel St'], ['123 MAPLE ST'], '82520'), ['MAPEL']);
    assert.deepEqual(await readAs(['Mapel St'], ['123 MAPLE ST']), ['MAPEL']);
  });

  it('never makes two streets the reference lists in one ZIP code one, whatever the letter changed (property)', async () => {
    const name = fc.stringMatching(/^[A-Z]{4,9}$/);
    await fc.assert(
      fc.asyncProperty(
        name,
        name,
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom('A', 'E', 'K', 'Q'),
        async (a, b, at, letter) => {
          // A request naming street `a` with one letter changed, where the reference lists `a` and `b`.
          const i = at % a.length;
          const typo = `${a.slice(0, i)}${letter}${a.slice(i + 1)}`;
          const [read] = await readAs([`1 ${typo} St`], [`1 ${a} ST`, `2 ${b} ST`]);
          // Read as typed when the typo is itself a listed street; never read as a listed street
          // other than the one it is uniquely closest to.
          if (typo === a || typo === b) assert.equal(read, typo);
          else if (read !== typo) {
            assert.ok(read === a || read === b);
            const other = read === a ? b : a;
            assert.ok(
              other === read || !withinOne(typo, other),
              `${typo} read as ${read} though ${other} is as close`,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

function withinOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  return s.slice(i) === l.slice(i + 1);
}
