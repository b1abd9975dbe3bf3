import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { level, topLevel, type ComparisonField } from './comparison-levels.ts';
import { coResidentBits, coResidentBoundSql } from './field-dependencies.ts';

/** m and u among co-residents of the levels these cases use, as a 300k synth run estimates them. */
const at = (field: ComparisonField, name: string) => String(level(field, name));
const M = {
  first_name: { [at('first_name', 'different')]: 0.01, [at('first_name', 'exact')]: 0.9 },
  last_name: { [at('last_name', 'exact')]: 0.9 },
  dob: { [at('dob', 'different')]: 0.001, [at('dob', 'exact')]: 0.95 },
  tin: { [at('tin', 'exact')]: 0.97 },
};
const U_HOME = {
  first_name: { [at('first_name', 'different')]: 0.95, [at('first_name', 'exact')]: 0.024 },
  last_name: { [at('last_name', 'exact')]: 0.6 },
  dob: { [at('dob', 'different')]: 0.99, [at('dob', 'exact')]: 0.004 },
  tin: { [at('tin', 'exact')]: 0.00001 },
};

describe('the co-resident bound', () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(':memory:');
  });
  after(() => store.close());

  const bound = async (levels: Partial<Record<`lv_${ComparisonField}`, number>>, personFound = 0.73) => {
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
    const sql = coResidentBoundSql('c', coResidentBits(M, U_HOME), personFound);
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

  it('does not apply away from the requested home, and tightens as π falls', async () => {
    assert.equal(await bound({ lv_address: level('address', 'different') }), 1);
    assert.ok((await bound({}, 0.3)) < (await bound({}, 0.73)));
  });
});
