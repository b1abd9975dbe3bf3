import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { namesakeBound, UNDISTINGUISHED_NAMESAKE_SQL } from './field-dependencies.ts';

describe('the namesake bound', () => {
  it('keeps name and address alone below a 0.999 threshold when households share given names', () => {
    // 73% of requests about filers, 2.4% of co-residents sharing a given name (the 300k synth run).
    const bound = namesakeBound(0.73, 0.024);
    assert.ok(bound < 0.999 && bound > 0.99, String(bound));
  });

  it('lets the bound rise as namesakes at one home get rarer, and vanish without a household share', () => {
    assert.ok(namesakeBound(0.9, 0.0005) > 0.999);
    assert.equal(namesakeBound(0.9, 0), 1);
    assert.equal(namesakeBound(0, 0.02), 1);
  });

  describe('which candidates it applies to (SQL)', () => {
    let store: DuckDbStore;
    before(async () => {
      store = await DuckDbStore.open(':memory:');
    });
    after(() => store.close());

    const flagged = async (levels: Record<string, number>) => {
      const row = {
        lv_address: 6,
        lv_first_name: 11,
        lv_last_name: 9,
        lv_dob: 0,
        lv_tin: 0,
        lv_suffix: 0,
        ...levels,
      };
      const columns = Object.entries(row)
        .map(([name, value]) => `${value} AS ${name}`)
        .join(', ');
      const [result] = await store.all<{ flagged: boolean }>(
        `SELECT ${UNDISTINGUISHED_NAMESAKE_SQL('c')} AS flagged FROM (SELECT ${columns}) c`,
      );
      return result?.flagged;
    };

    it('flags name and home agreeing with no DOB, TIN or shared suffix to tell namesakes apart', async () => {
      assert.equal(await flagged({}), true);
      assert.equal(await flagged({ lv_suffix: 2 }), true, 'a suffix on one side only tells nothing');
    });

    it('does not flag a candidate a DOB, a TIN, a shared suffix, another home or another name tells apart', async () => {
      assert.equal(await flagged({ lv_dob: 5 }), false);
      assert.equal(await flagged({ lv_tin: 4 }), false);
      assert.equal(await flagged({ lv_suffix: 3 }), false);
      assert.equal(await flagged({ lv_address: 4 }), false);
      assert.equal(await flagged({ lv_first_name: 2 }), false);
    });
  });
});
