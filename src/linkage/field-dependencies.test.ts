import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { level, topLevel, type ComparisonField } from './comparison-levels.ts';
import {
  coResidentBits,
  coResidentBoundSql,
  householdWeightSql,
  JOINT_LEVEL_RADIX,
} from './field-dependencies.ts';

/** m and u among co-residents of the levels these cases use, as a 300k synth run estimates them. */
const at = (field: ComparisonField, name: string) => String(level(field, name));
const M = {
  first_name: {
    [at('first_name', 'different')]: 0.01,
    [at('first_name', 'initial agrees')]: 0.02,
    [at('first_name', 'exact')]: 0.9,
  },
  last_name: { [at('last_name', 'exact')]: 0.9 },
  dob: {
    [at('dob', 'different')]: 0.001,
    [at('dob', 'one part off by one')]: 0.01,
    [at('dob', 'exact')]: 0.95,
  },
  tin: { [at('tin', 'exact')]: 0.97 },
};
const U_HOME = {
  first_name: {
    [at('first_name', 'different')]: 0.8,
    [at('first_name', 'initial agrees')]: 0.15,
    [at('first_name', 'exact')]: 0.024,
  },
  last_name: { [at('last_name', 'exact')]: 0.6 },
  dob: {
    [at('dob', 'different')]: 0.99,
    [at('dob', 'one part off by one')]: 0.002,
    [at('dob', 'exact')]: 0.004,
  },
  tin: { [at('tin', 'exact')]: 0.00001 },
};
/**
 * Given name and DOB jointly among 50,000 co-resident pairs: namesakes a generation apart, twins
 * with two names, no one sharing both a name (or its initial) and a birthday near the person's.
 */
const cell = (given: string, dob: string) =>
  String(level('first_name', given) * JOINT_LEVEL_RADIX + level('dob', dob));
const PAIRS = 50_000;
const U_HOME_JOINT = {
  [cell('exact', 'different')]: 0.024,
  [cell('different', 'exact')]: 0.004,
  [cell('initial agrees', 'different')]: 0.15,
  [cell('different', 'different')]: 0.8,
  [cell('exact', 'exact')]: 0.5 / PAIRS,
  [cell('exact', 'one part off by one')]: 0.5 / PAIRS,
  [cell('initial agrees', 'exact')]: 0.5 / PAIRS,
};

describe('the co-resident bound', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  const bound = async (
    levels: Partial<Record<`lv_${ComparisonField}`, number>>,
    personFound = 0.73,
    joint: Record<string, number> = U_HOME_JOINT,
  ) => {
    const row = {
      lv_address: topLevel('address'),
      lv_first_name: topLevel('first_name'),
      lv_middle_name: 0,
      lv_last_name: topLevel('last_name'),
      lv_suffix: 0,
      lv_dob: 0,
      lv_tin: 0,
      ...levels,
    };
    const columns = Object.entries(row)
      .map(([name, value]) => `${value} AS ${name}`)
      .join(', ');
    const sql = coResidentBoundSql('c', coResidentBits(M, U_HOME, joint), personFound);
    const [result] = await store.all<{ bound: number }>(`SELECT ${sql} AS bound FROM (SELECT ${columns}) c`);
    return Number(result?.bound);
  };

  it('keeps name and home alone below a 0.999 threshold when co-residents share given names', async () => {
    const value = await bound({});
    assert.ok(value < 0.999 && value > 0.98, String(value));
  });

  it('keeps a twin (same surname, home and DOB, another given name) from confirmation', async () => {
    const value = await bound({ lv_first_name: level('first_name', 'different'), lv_dob: topLevel('dob') });
    assert.ok(value < 0.999, String(value));
  });

  it('lets a DOB or a TIN that agrees with the same given name rule co-residents out', async () => {
    assert.ok((await bound({ lv_dob: topLevel('dob') })) > 0.9999);
    assert.ok((await bound({ lv_tin: topLevel('tin') })) > 0.9999);
  });

  it("does not let a TIN rule co-residents out where the given name only resembles (a relative's TIN)", async () => {
    const initial = level('first_name', 'initial agrees');
    assert.ok((await bound({ lv_first_name: initial, lv_tin: topLevel('tin') })) < 0.99);
  });

  it('lets a DOB a day off rule out the namesake whom no co-resident pair shows with both (given name and DOB judged jointly)', async () => {
    const dayOff = { lv_dob: level('dob', 'one part off by one') };
    // Judged separately, a shared given name and a near birthday each look like a co-resident.
    assert.ok((await bound(dayOff, 0.73, {})) < 0.999);
    assert.ok((await bound(dayOff)) > 0.999);
  });

  it('lets an initial with the exact DOB rule co-residents out, jointly, but not the initial alone', async () => {
    const initial = level('first_name', 'initial agrees');
    assert.ok((await bound({ lv_first_name: initial, lv_dob: topLevel('dob') }, 0.73, {})) < 0.999);
    assert.ok((await bound({ lv_first_name: initial, lv_dob: topLevel('dob') })) > 0.999);
    assert.ok((await bound({ lv_first_name: initial })) < 0.99);
  });

  describe('at a DOB written with a slip', () => {
    const similar = level('first_name', 'Jaro-Winkler ≥ 0.88');
    const slipped = level('dob', 'year slipped');
    const m = {
      ...M,
      first_name: { ...M.first_name, [String(similar)]: 0.03 },
      dob: { ...M.dob, [String(slipped)]: 0.008 },
    };
    const uHome = {
      ...U_HOME,
      first_name: { ...U_HOME.first_name, [String(similar)]: 0.005 },
      dob: { ...U_HOME.dob, [String(slipped)]: 0.0002 },
    };
    const slipCell = String(similar * JOINT_LEVEL_RADIX + slipped);
    const twinCell = String(similar * JOINT_LEVEL_RADIX + topLevel('dob'));
    const boundAt = async (dob: number, joint: Record<string, number>, shown?: Record<string, number>) => {
      const row = `${topLevel('address')} AS lv_address, ${similar} AS lv_first_name, 0 AS lv_middle_name,
        ${topLevel('last_name')} AS lv_last_name, 0 AS lv_suffix, ${dob} AS lv_dob, 0 AS lv_tin`;
      const sql = coResidentBoundSql('c', coResidentBits(m, uHome, joint, shown), 0.73);
      const [result] = await store.all<{ bound: number }>(`SELECT ${sql} AS bound FROM (SELECT ${row}) c`);
      return Number(result?.bound);
    };
    const noTwins = { ...U_HOME_JOINT, [slipCell]: 0.5 / PAIRS, [twinCell]: 0.5 / PAIRS };

    it('an empty cell weighs what the two margins predict, not a flat half pair; a cell the pairs show, what they show', async () => {
      const flat = await boundAt(slipped, noTwins);
      const empty = await boundAt(slipped, noTwins, { [slipCell]: 0 });
      assert.ok(empty > flat + 0.005, `${empty} against ${flat}`);
      assert.equal(await boundAt(slipped, noTwins, { [slipCell]: 1 }), flat);
    });

    it('holds a never-filed twin named alike as the exact date does: the request about the twin is written with the same slips', async () => {
      const twinsNamedAlike = { ...noTwins, [twinCell]: 30 / PAIRS };
      const exact = await boundAt(topLevel('dob'), twinsNamedAlike, { [twinCell]: 30 });
      const slip = await boundAt(slipped, twinsNamedAlike, { [slipCell]: 0, [twinCell]: 30 });
      assert.ok(exact < 0.999, String(exact));
      // ρ at the slip is at least m(exact) × ρ at the exact date.
      const odds = (bound: number) => 1 / bound - 1;
      assert.ok(odds(slip) >= 0.95 * odds(exact), `${slip} against ${exact}`);
    });
  });

  it('does not apply away from the requested home, and tightens as π falls', async () => {
    assert.equal(await bound({ lv_address: level('address', 'different') }), 1);
    assert.ok((await bound({}, 0.3)) < (await bound({}, 0.73)));
  });
});

describe('the household corrections', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  const givenNameWeight = async (dob: number, suffix: number) => {
    const sql = householdWeightSql({
      field: 'first_name',
      weight: '7.0',
      log: 'log2',
      level: String(topLevel('first_name')),
      lvAddress: String(topLevel('address')),
      lvFirstName: String(topLevel('first_name')),
      lvSuffix: String(suffix),
      lvDob: String(dob),
      shares: { surname: '0.5', givenName: '0.03' },
    });
    const [row] = await store.all<{ w: number }>(`SELECT ${sql} AS w`);
    return Number(row?.w);
  };

  it('caps the given name at the requested home unless a date of birth that agrees rules the namesake out', async () => {
    const missing = level('dob', 'missing');
    const oneSide = level('suffix', 'on one side only');
    const noSuffix = level('suffix', 'missing');
    assert.equal(await givenNameWeight(missing, oneSide), 0);
    assert.ok((await givenNameWeight(missing, noSuffix)) < 5.1);
    assert.equal(await givenNameWeight(topLevel('dob'), oneSide), 7);
    assert.equal(await givenNameWeight(level('dob', 'one part off by one'), noSuffix), 7);
    // A placeholder's year rules out a namesake a generation apart as the whole date does.
    assert.equal(await givenNameWeight(level('dob', 'year of a placeholder date'), noSuffix), 7);
    assert.equal(await givenNameWeight(level('dob', 'year of a mid-year placeholder date'), noSuffix), 7);
    assert.ok((await givenNameWeight(level('dob', 'same year'), noSuffix)) < 5.1);
    assert.ok((await givenNameWeight(level('dob', 'different'), noSuffix)) < 5.1);
  });
});
