import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { STREET_SUFFIXES } from '../address/pub28-street-suffixes.ts';
import { normalizeRecord, type RawPersonFields } from './normalize/normalize-record.ts';
import { requestsReadAgainstReferenceSql } from './street-spelling.ts';

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

describe('a street or city misspelt, read against the streets of its ZIP code and the cities of its state', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  const columns = [
    'ad_number',
    'ad_predir',
    'ad_street',
    'ad_suffix',
    'ad_postcode',
    'ad_state',
    'ad_city',
  ] as const;

  /** Each request (line 1, or [line 1, city]) read against a reference listing `streets` (the same). */
  async function read(
    requests: readonly (string | readonly [string, string])[],
    streets: readonly (string | readonly [string, string])[],
    zip = '82501',
  ) {
    for (const table of ['q', 'ref'])
      await store.run(
        `CREATE OR REPLACE TEMP TABLE ${table} (request_id VARCHAR, ${columns.map((c) => `${c} VARCHAR`).join(', ')})`,
      );
    for (const [table, lines] of [
      ['q', requests],
      ['ref', streets],
    ] as const)
      for (const [i, written] of lines.entries()) {
        const [line, city] = typeof written === 'string' ? [written, person.city] : written;
        const n = normalizeRecord({
          ...person,
          address_line1: line,
          city,
          zip: table === 'q' ? zip : '82501',
        });
        await store.run(`INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
          `R${i}`,
          ...columns.map((c) => n[c]),
        ]);
      }
    return store.all<{
      request_id: string;
      ad_street: string | null;
      ad_suffix: string | null;
      ad_city: string | null;
    }>(
      `SELECT request_id, ad_street, ad_suffix, ad_city FROM ${requestsReadAgainstReferenceSql('q', 'ref')} s ORDER BY request_id`,
    );
  }

  /** The street each request is read as. */
  async function readAs(requests: readonly string[], streets: readonly string[], zip = '82501') {
    return (await read(requests, streets, zip)).map((row) => row.ad_street);
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

  it('reads a three-letter name one key off as the one listed street it can be: EKM ST is ELM ST', async () => {
    assert.deepEqual(await readAs(['123 Ekm St', '5 Oal Ave'], ['123 ELM ST', '5 OAK AVE']), ['ELM', 'OAK']);
    // ELK and ELM are both listed: ELL stays as written.
    assert.deepEqual(await readAs(['123 Ell St'], ['123 ELM ST', '9 ELK ST']), ['ELL']);
  });

  it('reads a street type misspelt past reading as the listed type of that name: ELM WQY is ELM WAY', async () => {
    const rows = await read(
      [
        '123 Elm Wqy',
        '123 Elm Wsy',
        '7 Martin Luther King Bkvd',
        '40 Oak De',
        '40 Pine Dt',
        '7 4th Stt',
        '8 Cedar Avw',
      ],
      [
        '123 ELM WAY',
        '7 MARTIN LUTHER KING BLVD',
        '40 OAK DR',
        '3 PINE DR',
        '4 PINE CT',
        '9 4TH ST',
        '8 CEDAR AVE',
      ],
    );
    assert.deepEqual(
      rows.map((row) => [row.ad_street, row.ad_suffix]),
      [
        ['ELM', 'WAY'],
        ['ELM', 'WAY'],
        ['MARTIN LUTHER KING JR', 'BLVD'],
        ['OAK', 'DR'],
        // DT is one letter from DR and from CT, and the ZIP code lists PINE DR and PINE CT.
        ['PINE DT', null],
        // A numbered street's name is read exactly; only its type was slipped.
        ['4TH', 'ST'],
        ['CEDAR', 'AVE'],
      ],
    );
  });

  it('reads a type slipped after a street named by a compass point as the listed street: EAST AVW is EAST AVE', async () => {
    const rows = await read(
      ['8344 East Avw', '8344 E Avw', '151 N Roa', '365 East Lqne', '9233 E W Cur', '100 N Avon'],
      ['8344 E AVE', '151 NORTH RD', '365 EAST LN', '9233 E WEST CIR', '100 NORTH AVE'],
    );
    assert.deepEqual(
      rows.map((row) => [row.ad_street, row.ad_suffix]),
      [
        ['EAST', 'AVE'],
        ['EAST', 'AVE'],
        ['NORTH', 'RD'],
        ['EAST', 'LN'],
        ['WEST', 'CIR'],
        // AVON is no slip of AVE or AVENUE: North Avon stays.
        ['AVON', null],
      ],
    );
    // The place lists S ROA as written: it is read as itself, not as SOUTH RD.
    assert.deepEqual(await readAs(['7 S Roa'], ['7 SOUTH RD', '8 S ROA']), ['ROA']);
  });

  it('reads a type word one slip from two common types as the one of them the place lists under the name, its first letter kept', async () => {
    // SR is one key from ST and from DR; DT from DR, CT and ST; CR from CT, CIR and DR; SY from ST
    // and WY; PK from PL and PKY. Each place below lists the name with one type the word is near.
    const rows = await read(
      ['8603 Center Sr', '40 Oak Dt', '7 4th Sy', '12 Maple Cr', '5 Holly Pk', '68 68th Dt'],
      ['8603 CENTER ST', '40 OAK DR', '9 4TH ST', '12 MAPLE CT', '5 HOLLY PL', '68 68TH DR'],
    );
    assert.deepEqual(
      rows.map((row) => [row.ad_street, row.ad_suffix]),
      [
        ['CENTER', 'ST'],
        ['OAK', 'DR'],
        ['4TH', 'ST'],
        ['MAPLE', 'CT'],
        ['HOLLY', 'PL'],
        ['68TH', 'DR'],
      ],
    );
    // Read as the listed type only through a slip of its first letter, the word stays: SR for a
    // listed DR, DT for a listed CT or ST, CR for a listed DR (the writer may have meant the street
    // of the type whose first letter the word keeps, which nobody on the reference files from).
    assert.deepEqual(
      await readAs(
        ['8603 Center Sr', '40 Oak Dt', '7 Elm Dt', '12 Maple Cr'],
        ['8603 CENTER DR', '40 OAK CT', '7 ELM ST', '12 MAPLE DR'],
      ),
      ['CENTER SR', 'OAK DT', 'ELM DT', 'MAPLE CR'],
    );
  });

  it('leaves such a word as written where the place lists the name with both types, or with neither', async () => {
    const rows = await read(
      ['8603 Center Sr', '40 Oak Dt', '7 4th Sy', '12 Maple Cr', '8 Birch Sr', '8 Aspen Sr'],
      [
        '8603 CENTER ST',
        '10 CENTER DR',
        '40 OAK DR',
        '3 OAK CT',
        '9 4TH ST',
        '2 4TH WAY',
        '12 MAPLE CT',
        '4 MAPLE CIR',
        // BIRCH is listed with another type alone; ASPEN not at all.
        '8 BIRCH AVE',
      ],
    );
    assert.deepEqual(
      rows.map((row) => [row.ad_street, row.ad_suffix]),
      [
        ['CENTER SR', null],
        ['OAK DT', null],
        ['4TH SY', null],
        ['MAPLE CR', null],
        ['BIRCH SR', null],
        ['ASPEN SR', null],
      ],
    );
  });

  it('leaves such a word as written where the place lists the name with a type kept as written that may be the other (TR: TER or TRL)', async () => {
    // TRE is one slip from TER and from TRL; TR, listed, may be either.
    const rows = await read(['9 Pine Tre', '9 Fir Tre'], ['9 PINE TER', '4 PINE TR', '9 FIR TER']);
    assert.deepEqual(
      rows.map((row) => [row.ad_street, row.ad_suffix]),
      [
        ['PINE TRE', null],
        ['FIR', 'TER'],
      ],
    );
  });

  it('never reads a type word one slip from two types the place lists under the name as either (property)', async () => {
    const types = ['ST', 'DR', 'CT', 'CIR', 'WAY', 'PL', 'RD', 'LN', 'AVE', 'TER', 'TRL', 'SQ', 'PKWY'];
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...types),
        fc.constantFrom(...types),
        fc.nat(),
        fc.constantFrom(...letters),
        fc.constantFrom('substitute', 'insert', 'delete'),
        fc.constantFrom('CENTER', 'MAPLE', 'HOLLY', '68TH', 'EAST', 'N'),
        async (record, other, at, letter, slip, name) => {
          fc.pre(record !== other);
          const i = at % (record.length + (slip === 'insert' ? 1 : 0));
          const word =
            slip === 'substitute'
              ? `${record.slice(0, i)}${letter}${record.slice(i + 1)}`
              : slip === 'insert'
                ? `${record.slice(0, i)}${letter}${record.slice(i)}`
                : `${record.slice(0, i)}${record.slice(i + 1)}`;
          // Only a word the standardizer left unread (not a type's spelling, nor a directional).
          const written = normalizeRecord({ ...person, address_line1: `12 ${name} ${word}` });
          fc.pre(written.ad_suffix === null);
          const [row] = await read([`12 ${name} ${word}`], [`12 ${name} ${record}`, `3 ${name} ${other}`]);
          // Read as either listed street only where the word is no slip of any spelling of the other.
          if (row?.ad_suffix === record || row?.ad_suffix === other) {
            const notRead = row.ad_suffix === record ? other : record;
            assert.ok(
              ![...STREET_SUFFIXES].some(([spelling, type]) => type === notRead && withinOne(word, spelling)),
              `${name} ${word} read as ${row.ad_street} ${row.ad_suffix} where ${name} ${record} and ${name} ${other} are listed`,
            );
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('leaves a type word as written where the place lists the name with a rarer type one slip from it too', async () => {
    // SQT is one slip from ST and from SQ (SQUARE), no common type: where the ZIP code lists an
    // ELM SQ, ELM SQT may be it; where it lists only OAK ST, OAK SQT is OAK ST.
    const rows = await read(['5 Elm Sqt', '5 Oak Sqt'], ['5 ELM ST', '9 ELM SQ', '5 OAK ST']);
    assert.deepEqual(
      rows.map((row) => [row.ad_street, row.ad_suffix]),
      [
        ['ELM SQT', null],
        ['OAK', 'ST'],
      ],
    );
  });

  it('reads a city written without its vowels as the one city of its state so written: HSTN is HOUSTON', async () => {
    const rows = await read(
      [
        ['1 Main St', 'Hstn'],
        ['1 Main St', 'Sn Antn'],
        ['1 Main St', 'Slm'],
        ['1 Main St', 'Austin'],
      ],
      [
        ['1 MAIN ST', 'HOUSTON'],
        ['1 MAIN ST', 'SAN ANTONIO'],
        ['1 MAIN ST', 'SALEM'],
        ['1 MAIN ST', 'SELMA'],
      ],
    );
    // SLM is SALEM or SELMA: left as written. AUSTIN, unlisted and unlike any listed city, too.
    assert.deepEqual(
      rows.map((row) => row.ad_city),
      ['HOUSTON', 'SAN ANTONIO', 'SLM', 'AUSTIN'],
    );
  });

  it('reads a request without a ZIP code against the streets of its city and state, the city read first', async () => {
    const rows = await read(
      [
        ['123 Mapel St', 'Riverton'],
        ['123 Mapel St', 'Rvrtn'],
        ['123 Mapel St', 'Lander'],
      ],
      [
        ['123 MAPLE ST', 'RIVERTON'],
        ['9 OAK AVE', 'LANDER'],
      ],
      '',
    );
    // Lander lists no street one letter from MAPEL: left as written.
    assert.deepEqual(
      rows.map((row) => row.ad_street),
      ['MAPLE', 'MAPLE', 'MAPEL'],
    );
  });

  it('leaves numbered streets, short names, other ZIP codes and requests without a house number alone', async () => {
    assert.deepEqual(await readAs(['123 75th St'], ['123 76TH ST']), ['75TH']);
    assert.deepEqual(await readAs(['123 Ek St'], ['123 EL ST']), ['EK']);
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
