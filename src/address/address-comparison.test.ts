import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { levelCaseSql } from '../linkage/comparison-level.ts';
import {
  ADDRESS_CONFIRMS_AT,
  ADDRESS_TYPE_UNCERTAIN,
  comparisonOf,
  levelAt,
} from '../linkage/comparison-levels.ts';
import { normalizeRecord, type RawPersonFields } from '../linkage/normalize/normalize-record.ts';
import { NORMALIZED_COLUMNS } from '../linkage/normalize/normalized-fields.ts';
import { requestsReadAgainstReferenceSql } from '../linkage/street-spelling.ts';
import { COMMON_SUFFIXES, STREET_SUFFIXES, STREET_SUFFIX_NAMES } from './pub28-street-suffixes.ts';
import { withinOneEdit } from './street-words.ts';

/** The address comparison as the matcher runs it: SQL over normalized request and reference rows. */

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

type Address = Pick<RawPersonFields, 'address_line1'> & Partial<RawPersonFields>;

describe('address comparison (SQL)', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  /** The address level of each request address against its reference address, in one query. */
  async function addressLevels(pairs: readonly (readonly [Address, Address])[]): Promise<number[]> {
    const columns = ['pair', ...NORMALIZED_COLUMNS];
    for (const [table, side] of [
      ['r', 0],
      ['f', 1],
    ] as const) {
      await store.run(
        `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT 0 AS pair, ${NORMALIZED_COLUMNS.join(', ')} FROM requests LIMIT 0`,
      );
      for (const [i, pair] of pairs.entries()) {
        const normalized = normalizeRecord({ ...person, ...pair[side] });
        await store.run(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, j) => `$${j + 1}`).join(', ')})`,
          [i, ...NORMALIZED_COLUMNS.map((c) => normalized[c])],
        );
      }
    }
    const rows = await store.all<{ level: number }>(
      `SELECT (${levelCaseSql(comparisonOf('address'))})::INTEGER AS level FROM r JOIN f USING (pair) ORDER BY pair`,
    );
    return rows.map((row) => row.level);
  }
  /**
   * The address level of each pair as the matcher reaches it: the request first read against the
   * streets the reference lists in its place (street-spelling.ts; here the records of the pairs,
   * all in one ZIP code, and the lines `alsoListed` there).
   */
  async function levelsReadAgainstRecord(
    pairs: readonly (readonly [Address, Address])[],
    alsoListed: readonly string[] = [],
  ): Promise<number[]> {
    await addressLevels(pairs);
    await store.run(`CREATE OR REPLACE TEMP TABLE listing AS SELECT * FROM f`);
    for (const line of alsoListed) {
      const normalized = normalizeRecord({ ...person, address_line1: line });
      await store.run(
        `INSERT INTO listing (pair, ${NORMALIZED_COLUMNS.join(', ')}) VALUES (-1, ${NORMALIZED_COLUMNS.map((_, j) => `$${j + 1}`).join(', ')})`,
        NORMALIZED_COLUMNS.map((c) => normalized[c]),
      );
    }
    await store.run(
      `CREATE OR REPLACE TEMP TABLE q AS SELECT pair::VARCHAR AS request_id, * FROM r;
       CREATE OR REPLACE TEMP TABLE r AS SELECT * EXCLUDE (request_id) FROM ${requestsReadAgainstReferenceSql('q', 'listing')}`,
    );
    const rows = await store.all<{ level: number }>(
      `SELECT (${levelCaseSql(comparisonOf('address'))})::INTEGER AS level FROM r JOIN f USING (pair) ORDER BY pair`,
    );
    return rows.map((row) => row.level);
  }
  const levelName = (code: number | undefined) => levelAt('address', code ?? -1)?.name;
  const nameOf = async (request: string, record: string, more: Partial<RawPersonFields> = {}) =>
    levelName((await addressLevels([[{ address_line1: request, ...more }, { address_line1: record }]]))[0]);

  it('does not take another apartment of the building for the same home', async () => {
    assert.equal(await nameOf('4410 Larkspur Blvd Apt 270', '4410 LARKSPUR BLVD APT 27'), 'another unit');
    assert.equal(await nameOf('88 W Quarry Rd Apartment C', '88 W QUARRY RD APT 9'), 'another unit');
    assert.equal(await nameOf('502 Tamarind Ave # E', '502 TAMARIND AVE SPC B'), 'another unit');
    assert.ok(
      ADDRESS_CONFIRMS_AT >
        (await addressLevels([[{ address_line1: '1 A St Apt 1' }, { address_line1: '1 A ST APT 2' }]]))[0]!,
    );
  });

  it('takes the same apartment written with another designator or leading zeros for the same home', async () => {
    for (const written of [
      '4410 Larkspur Blvd Unit 027',
      '4410 Larkspur Blvd # 27',
      '4410 Larkspur Boulevard No 27',
    ])
      assert.equal(await nameOf(written, '4410 LARKSPUR BLVD APT 27'), 'same home', written);
    assert.equal(await nameOf('91 Juniper Ct Space 14', '91 JUNIPER CT SPC 14'), 'exact');
    assert.equal(await nameOf('91 Juniper Ct Lot 14', '91 JUNIPER CT SPC 14'), 'same home');
  });

  it('still takes a unit written on one side only for the same home', async () => {
    assert.equal(await nameOf('4410 Larkspur Blvd', '4410 LARKSPUR BLVD APT 27'), 'same home');
    assert.equal(await nameOf('4410 Larkspur Blvd Apt 27', '4410 LARKSPUR BLVD'), 'same home');
    assert.equal(await nameOf('4410 Larkspur Blvd Apt 27', '4410 LARKSPUR BLVD BLDG 3 APT 27'), 'same home');
  });

  it('compares PO boxes: the same box in the same place is the same home', async () => {
    for (const written of ['PO Box 6142', 'POB 6142', 'Box 6142', 'P.O. Box 06142', 'Post Office Box 6142'])
      assert.ok(
        ['same home', 'exact'].includes(
          levelName(
            (await addressLevels([[{ address_line1: written }, { address_line1: 'PO BOX 6142' }]]))[0],
          ) ?? '',
        ),
        written,
      );
    assert.equal(await nameOf('PO Box 6142', 'PO BOX 6142', { city: '', zip: '82501' }), 'exact');
    assert.equal(await nameOf('PO Box 6143', 'PO BOX 6142'), 'same postal code');
    assert.equal(
      await nameOf('PO Box 6142', 'PO BOX 6142', { zip: '59901', city: 'Kalispell' }),
      'different',
    );
    assert.equal(await nameOf('RR 2 Box 6142', 'PO BOX 6142'), 'same postal code');
  });

  it('does not take a PO box for a street address or a street address for a PO box', async () => {
    assert.equal(await nameOf('PO Box 17', '17 CEDAR ST'), 'same postal code');
    assert.equal(await nameOf('17 Cedar St', 'PO BOX 17', { zip: '59901', city: 'Kalispell' }), 'different');
  });

  it('takes the spellings of one street for the same street', async () => {
    const same: [string, string][] = [
      ['618 Martin Luther King Jr Blvd', '618 MLK BLVD'],
      ['618 M L King Blvd', '618 MARTIN LUTHER KING BLVD'],
      ['618 Dr. Martin Luther King Jr. Boulevard', '618 ML KING JR BLVD'],
      ['2290 S Orchard', '2290 S ORCHARD ST'],
      ['2290 NW Meadow', '2290 NW MEADOW DR'],
      ['77 Linden Crt., Apt #12', '77 LINDEN CT APT 12'],
      ['77 Linden Crt, No 12', '77 LINDEN CT APT 12'],
      ['1450 Wahsington Strt Apartment 8', '1450 WASHINGTON ST APT 8'],
      ['310 Chesnut La', '310 CHESTNUT LN'],
      ['45 Cypress Rd Space 3', '45 CYPRESS RD SPC 3'],
      ['45 Cypress Rd Lot 3', '45 CYPRESS RD SPC 3'],
      ['812 No Avenu', '812 NO AVENUE'],
      ['196 Spring Valley Rad', '196 SPRING VALLEY RAD'],
      // A numbered street written bare, and a number sign before the house number.
      ['123 76 St', '123 76TH ST'],
      ['40 First Ave', '40 1 AVE'],
      ['Nº 1193 Calle Sol', '1193 CALLE SOL'],
      ['PO Bx 4417', 'PO BOX 4417'],
      // A directional slipped before the name.
      ['2290 Soth Orchard St', '2290 S ORCHARD ST'],
      ['2290 Norht Orchard St', '2290 N ORCHARD ST'],
      ['2290 Esat Orchard St', '2290 E ORCHARD ST'],
      // A type left in the name: no type on the other side, or the same type misspelt.
      ['515 Sycamore Wqy', '515 SYCAMORE WAY'],
      ['700 Santa Rosa Wsy', '700 SANTA ROSA WAY'],
      ['515 Sycamore Wqy', '515 SYCAMORE'],
      ['12 Cowcher Dlace', '12 COWCHER PL'],
      ['196 Spring Vly', '196 SPRING VALLEY RD'],
      // A street named by a compass point, by its letter or spelled out, the type misspelt too.
      ['198 S St', '198 SOUTH ST'],
      ['198 South Street', '198 S ST'],
      ['198 S. Street', '198 SOUTH ST'],
      ['5286 W Stret', '5286 WEST ST'],
      ['15151 N Blvd', '15151 NORTH BLVD'],
      ['4256 East St', '4256 E ST'],
      ['4256 E St', '4256 EAST ST'],
      // A county grid number spaced after its letter.
      ['N 39291 W Broadway', 'N39291 W BROADWAY'],
      ['W 12177 Cypress Court', 'W12177 CYPRESS CT'],
      ['S 19159 E Pine Aveneu', 'S19159 E PINE AVE'],
    ];
    const codes = await addressLevels(same.map(([a, b]) => [{ address_line1: a }, { address_line1: b }]));
    for (const [i, code] of codes.entries())
      assert.ok(code >= ADDRESS_CONFIRMS_AT, `${same[i]?.join(' / ')}: ${levelName(code)}`);
  });

  it('does not take another street for a spelling of the same one', async () => {
    const other: [string, string][] = [
      ['618 Martin Luther King Jr Blvd', '618 KING BLVD'],
      ['100 N St', '100 N ORCHARD ST'],
      ['812 No Avenue', '812 NORTH AVE'],
      ['198 S St', '198 S MAIN ST'],
      ['198 S St', '198 N ST'],
      ['198 S St', '198 SOUTH AVE'],
      ['W 12177 Cypress Ct', 'W12178 CYPRESS CT'],
      ['N 39291 W Broadway', 'N39291 E BROADWAY'],
      ['196 Spring Valley Rad', '196 SPRING VALLEY ST'],
      // RAD is Pub. 28's RADIAL, or ROAD with its O dropped: either street, so neither confirms.
      ['196 Spring Valley Rad', '196 SPRING VALLEY RD'],
      ['196 Spring Valley Rad', '196 SPRING VALLEY RADIAL'],
      // TR is written for TERRACE and for TRAIL alike.
      ['2290 Orchard Tr', '2290 ORCHARD TER'],
      ['2290 Orchard Tr', '2290 ORCHARD TRL'],
      ['123 75 St', '123 76TH ST'],
      // Two numbered streets are never a typo apart, however close Jaro–Winkler finds them.
      ['12 4th Ave', '12 45TH AVE'],
      ['12 68th St', '12 6TH ST'],
      ['12 1175th St', '12 1176TH ST'],
      ['123 76 St', '76 123RD ST'],
      // A first letter added or changed is another street (both often in one ZIP code).
      ['100 Ridge Dr', '100 BRIDGE DR'],
      ['100 Bridge Dr', '100 RIDGE DR'],
      ['9 Hillcrest Rd', '9 WILLCREST RD'],
      // A street type misspelt past reading is still a type: SYCAMORE WAY is not SYCAMORE ST.
      ['515 Sycamore Wqy', '515 SYCAMORE ST'],
      ['515 Sycamore Ave', '515 SYCAMORE WSY'],
      ['2946 Willow Avw', '2946 WILLOW CIR'],
      ['700 Santa Rosa Wsy', '700 SANTA ROSA AVE'],
      // And with a letter of the name slipped too: LOCUSY DT is a LOCUST of another type than AVE.
      ['10 Locusy Dt', '10 LOCUST AVE'],
      ['10 Locust Ave', '10 LOCUSY DT'],
    ];
    const codes = await addressLevels(other.map(([a, b]) => [{ address_line1: a }, { address_line1: b }]));
    for (const [i, code] of codes.entries())
      assert.ok(code < ADDRESS_CONFIRMS_AT, `${other[i]?.join(' / ')}: ${levelName(code)}`);
  });

  it('never takes a street of one type for another whose type was slipped past reading (property)', async () => {
    const types = COMMON_SUFFIXES.map((type) => [type, STREET_SUFFIX_NAMES.get(type) ?? type] as const);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('SYCAMORE', 'SANTA', 'ROSA', 'ELM', 'OAK', 'MARTIN', 'HILL'), {
          minLength: 1,
          maxLength: 2,
        }),
        fc.constantFrom(...types),
        fc.constantFrom(...types),
        fc.nat(),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.option(fc.tuple(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'))),
        async (name, [recordType, recordSpelled], [writtenType], at, letter, nameSlip) => {
          fc.pre(recordType !== writtenType && writtenType.length >= 2);
          const i = 1 + (at % (writtenType.length - 1));
          const slipped = `${writtenType.slice(0, i)}${letter}${writtenType.slice(i + 1)}`;
          // A letter of the name's last word slipped as well (not its first letter).
          const written: string[] = [...name];
          const last = written[written.length - 1] ?? '';
          if (nameSlip) {
            const [p, l] = nameSlip;
            const j = 1 + (p % (last.length - 1));
            written[written.length - 1] = `${last.slice(0, j)}${l}${last.slice(j + 1)}`;
          }
          const request = `12 ${written.join(' ')} ${slipped}`;
          // Only a slip the standardizer leaves in the name, and no slip of the record's own type.
          const read = normalizeRecord({ ...person, address_line1: request });
          fc.pre(read.ad_suffix === null && read.ad_street === `${written.join(' ')} ${slipped}`);
          fc.pre(![recordType, recordSpelled].some((spelling) => withinOneEdit(spelling, slipped)));
          const [code] = await addressLevels([
            [{ address_line1: request }, { address_line1: `12 ${name.join(' ')} ${recordType}` }],
          ]);
          assert.ok((code ?? 0) < ADDRESS_CONFIRMS_AT, `${request}: ${levelName(code)}`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("takes no type word one slip from two common types for the record's type (CENTER SR: CENTER DR or CENTER ST)", async () => {
    const pairs: [string, string][] = [
      ['8603 Center Sr', '8603 CENTER DR'],
      ['8603 Center Sr', '8603 CENTER ST'],
      ['8603 Center Sr', '8603 CENTER'],
      ['40 Oak Dt', '40 OAK DR'],
      ['40 Oak Dt', '40 OAK CT'],
      ['7 Elm Sy', '7 ELM WAY'],
      ['7 Elm Sy', '7 ELM ST'],
      // TRE is one slip from TER and from TRL (TRE, TR with an E): the standardizer reads it as neither.
      ['9 Pine Tre', '9 PINE TER'],
      ['9 Pine Tre', '9 PINE TRL'],
    ];
    const sides = pairs.map(([a, b]) => [{ address_line1: a }, { address_line1: b }] as const);
    for (const codes of [await addressLevels(sides), await levelsReadAgainstRecord(sides)])
      for (const [i, code] of codes.entries())
        if (pairs[i]?.[1] === '8603 CENTER')
          // No type on the record: nothing to take the word for, and nothing it contradicts.
          assert.ok(code >= ADDRESS_CONFIRMS_AT, `${pairs[i]?.join(' / ')}: ${levelName(code)}`);
        else assert.ok(code < ADDRESS_CONFIRMS_AT, `${pairs[i]?.join(' / ')}: ${levelName(code)}`);
    // Where the record's type is one of the two, the same home is still possible: its own level,
    // which a reviewer resolves (not 'different'); where it is neither, the street is another.
    const codes = await addressLevels(sides);
    for (const [i, code] of codes.entries())
      if (pairs[i]?.[1] !== '8603 CENTER')
        assert.equal(levelName(code), levelName(ADDRESS_TYPE_UNCERTAIN), pairs[i]?.join(' / '));
    const neither = await addressLevels([
      [{ address_line1: '8603 Center Sr' }, { address_line1: '8603 CENTER AVE' }],
    ]);
    assert.ok((neither[0] ?? 0) < ADDRESS_TYPE_UNCERTAIN, levelName(neither[0]));
    // A slip of one type only is still that type: AVW, DE, WQY.
    const one = [
      ['2946 Willow Avw', '2946 WILLOW AVE'],
      ['40 Cedar De', '40 CEDAR DR'],
      ['515 Sycamore Wqy', '515 SYCAMORE WAY'],
    ].map(([a, b]) => [{ address_line1: a ?? '' }, { address_line1: b ?? '' }] as const);
    for (const codes of [await addressLevels(one), await levelsReadAgainstRecord(one)])
      for (const [i, code] of codes.entries())
        assert.ok(code >= ADDRESS_CONFIRMS_AT, `${one[i]?.[0].address_line1}: ${levelName(code)}`);
  });

  it("takes a type slipped after a street named by a compass point for the record's type once read against the record (EAST AVW)", async () => {
    const pairs: [string, string, boolean][] = [
      ['8344 East Avw', '8344 E AVE', true],
      ['151 N Roa', '151 NORTH RD', true],
      ['9233 E W Cur', '9233 E WEST CIR', true],
      // AVON is no slip of a type: North Avon is not North Avenue.
      ['100 N Avon', '100 NORTH AVE', false],
      // SR is one slip from ST and from DR.
      ['146 East Sr', '146 EAST ST', false],
      ['146 East Sr', '146 EAST DR', false],
    ];
    const sides = pairs.map(([a, b]) => [{ address_line1: a }, { address_line1: b }] as const);
    for (const [i, code] of (await levelsReadAgainstRecord(sides)).entries())
      assert.equal(
        code >= ADDRESS_CONFIRMS_AT,
        pairs[i]?.[2],
        `${pairs[i]?.join(' / ')}: ${levelName(code)}`,
      );
  });

  it('never confirms a street whose type word is one slip from two common types where the place lists the name with two of them, nor unread; listed with one, reads it as that one (property)', async () => {
    // Every word one slip (a letter changed, dropped, added; two neighbours swapped) from a
    // spelling of a common street type that is no Publication 28 spelling itself, with the common
    // types it is one slip from: where two or more, the writer's street may be either.
    const spellings = [...STREET_SUFFIXES].filter(([, type]) => COMMON_SUFFIXES.includes(type));
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const slips = new Set<string>();
    for (const [spelling] of spellings)
      for (let i = 0; i <= spelling.length; i++) {
        for (const c of letters) {
          slips.add(spelling.slice(0, i) + c + spelling.slice(i));
          if (i < spelling.length) slips.add(spelling.slice(0, i) + c + spelling.slice(i + 1));
        }
        if (i < spelling.length) slips.add(spelling.slice(0, i) + spelling.slice(i + 1));
        if (i + 1 < spelling.length)
          slips.add(
            spelling.slice(0, i) + (spelling[i + 1] ?? '') + (spelling[i] ?? '') + spelling.slice(i + 2),
          );
      }
    const ambiguous = [...slips]
      .filter((word) => word.length >= 2 && !STREET_SUFFIXES.has(word))
      .map(
        (word) =>
          [word, [...new Set(spellings.filter(([s]) => withinOneEdit(s, word)).map(([, t]) => t))]] as const,
      )
      .filter(([, types]) => types.length >= 2);
    assert.ok(ambiguous.some(([word]) => word === 'SR'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ambiguous),
        fc.nat(),
        fc.constantFrom('CENTER', 'SYCAMORE', 'SANTA ROSA', 'ELM', 'HILL'),
        fc.boolean(),
        async ([word, types], pick, name, spelledOut) => {
          const type = types[pick % types.length] ?? '';
          const other = types[(pick + 1) % types.length] ?? '';
          const record = `12 ${name} ${spelledOut ? (STREET_SUFFIX_NAMES.get(type) ?? type) : type}`;
          const request = `12 ${name} ${word}`;
          const pair = [[{ address_line1: request }, { address_line1: record }]] as const;
          // Pairwise, and where the place lists the name with the other type too (at another number).
          for (const [code] of [
            await addressLevels(pair),
            await levelsReadAgainstRecord(pair, [`3 ${name} ${other}`]),
          ])
            assert.ok(
              (code ?? 0) < ADDRESS_CONFIRMS_AT,
              `${request} / ${record}, ${name} ${other} listed: ${levelName(code)}`,
            );
          // Where the place lists the name with the record's type alone, a word one slip from that
          // type's abbreviation or name, left in the name by the standardizer, is read as it if it
          // keeps its first letter (a slip of the first letter may be the other type's word).
          const written = normalizeRecord({ ...person, address_line1: request });
          if (
            written.ad_suffix === null &&
            written.ad_street === `${name} ${word}` &&
            [type, STREET_SUFFIX_NAMES.get(type) ?? type].some((spelling) => withinOneEdit(spelling, word))
          ) {
            const [code] = await levelsReadAgainstRecord(pair);
            assert.equal(
              (code ?? 0) >= ADDRESS_CONFIRMS_AT,
              word[0] === type[0],
              `${request} / ${record} alone: ${levelName(code)}`,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never takes two numbered streets for one, bare or with their ordinal ending (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }), fc.boolean()),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        async (streets) => {
          const pairs = streets
            .filter(([a, b]) => a !== b)
            .map(
              ([a, b, bare]) =>
                [
                  { address_line1: `12 ${a}${bare ? '' : 'th'} St` },
                  { address_line1: `12 ${b}TH ST` },
                ] as const,
            );
          if (pairs.length === 0) return;
          for (const [i, code] of (await addressLevels(pairs)).entries())
            assert.ok(
              code < ADDRESS_CONFIRMS_AT,
              `${pairs[i]?.[0].address_line1} / ${pairs[i]?.[1].address_line1}`,
            );
        },
      ),
      { numRuns: 15 },
    );
  });

  it('does not take a street with another directional for the same street (N and S ORCHARD ST)', async () => {
    const other: [string, string][] = [
      ['2290 N Orchard St', '2290 S ORCHARD ST'],
      ['2290 North Orchard Street', '2290 S ORCHARD ST'],
      ['2290 Orchard St NE', '2290 ORCHARD ST NW'],
      ['2290 Orchard St N', '2290 S ORCHARD ST'],
      ['2290 NW Meadow Dr Apt 4', '2290 SW MEADOW DR APT 4'],
    ];
    const codes = await addressLevels(other.map(([a, b]) => [{ address_line1: a }, { address_line1: b }]));
    for (const [i, code] of codes.entries())
      assert.ok(code < ADDRESS_CONFIRMS_AT, `${other[i]?.join(' / ')}: ${levelName(code)}`);
    // A directional on one side only, or written before the name on one side and after it on the
    // other, is still the same street.
    assert.equal(await nameOf('2290 Orchard St', '2290 N ORCHARD ST'), 'same home');
    assert.equal(await nameOf('2290 Orchard St N', '2290 N ORCHARD ST'), 'same home');
  });

  it('never gives "same home" or better for two different directionals (property)', async () => {
    const directional = fc.constantFrom('N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW', 'North', 'South West');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(number, directional, directional, fc.boolean()), { minLength: 1, maxLength: 20 }),
        async (cases) => {
          const standard = (d: string) => (d.length <= 2 ? d : d === 'North' ? 'N' : 'SW');
          const pairs = cases
            .filter(([, a, b]) => standard(a) !== standard(b))
            .map(
              ([n, a, b, after]) =>
                [
                  { address_line1: after ? `${n} Orchard St ${a}` : `${n} ${a} Orchard St` },
                  { address_line1: `${n} ${b} ORCHARD ST` },
                ] as const,
            );
          if (pairs.length === 0) return;
          for (const code of await addressLevels(pairs))
            assert.ok(code < ADDRESS_CONFIRMS_AT, levelName(code));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('does not take a street of another type for the same street (ORCHARD ST and ORCHARD AVE), but a missing type is no conflict', async () => {
    const pairs: [string, string][] = [
      ['2290 Orchard St', '2290 ORCHARD AVE'],
      ['2290 Orchard Lane', '2290 ORCHARD ST'],
      ['2290 Orchard Ct', '2290 ORCHARD AVE'],
      ['2290 Orchard Drive', '2290 ORCHARD WAY'],
    ];
    for (const [request, record] of pairs)
      assert.ok(
        ADDRESS_CONFIRMS_AT >
          (await addressLevels([[{ address_line1: request }, { address_line1: record }]]))[0]!,
        `${request} / ${record}`,
      );
    assert.equal(await nameOf('2290 Orchard', '2290 ORCHARD AVE'), 'same home');
    // The type dropped, and the name's last word then read as one: SPRING VALLEY (VLY) for SPRING VALLEY RD.
    assert.equal(await nameOf('2290 Spring Valley', '2290 SPRING VALLEY RD'), 'same home');
    assert.equal(await nameOf('2290 Cedar Park', '2290 CEDAR PARK DR'), 'same home');
    assert.equal(await nameOf('2290 Orchard Tr', '2290 ORCHARD TR'), 'exact');
    assert.equal(await nameOf('2290 Orchard Avenue', '2290 ORCHARD AVE'), 'exact');
  });

  it('does not call two lines without a house number or box the same home, however equal', async () => {
    assert.equal(await nameOf('Orchard St', 'ORCHARD ST'), 'same street');
    assert.equal(await nameOf('2290 Orchard St', '2290 ORCHARD ST'), 'exact');
  });

  const range = fc.oneof(
    fc.integer({ min: 0, max: 999 }).map(String),
    fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
    fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('A', 'B', 'C')).map(([n, l]) => `${n}${l}`),
  );
  const designator = fc.constantFrom(
    'APT',
    'Apartment',
    '#',
    'Unit',
    'No',
    'Spc',
    'Space',
    'Lot',
    'Ste',
    'Suite',
    'Apt #',
  );
  const street = fc.constantFrom(
    'Larkspur Blvd',
    'W Quarry Rd',
    'Tamarind Avenue',
    'Juniper Ct',
    'Elm St NE',
  );
  const number = fc.integer({ min: 1, max: 99999 }).map(String);

  it('never gives "same home" or better for two different units (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(number, street, designator, range, designator, range), {
          minLength: 1,
          maxLength: 25,
        }),
        async (cases) => {
          const pairs = cases
            .filter(([, , , a, , b]) => a.replace(/^0+(?=\d)/, '') !== b.replace(/^0+(?=\d)/, ''))
            .map(
              ([n, s, d1, u1, d2, u2]) =>
                [
                  { address_line1: `${n} ${s} ${d1} ${u1}` },
                  { address_line1: `${n} ${s} ${d2} ${u2}` },
                ] as const,
            );
          if (pairs.length === 0) return;
          for (const code of await addressLevels(pairs))
            assert.ok(code < ADDRESS_CONFIRMS_AT, levelName(code));
        },
      ),
      { numRuns: 25 },
    );
  });
});
