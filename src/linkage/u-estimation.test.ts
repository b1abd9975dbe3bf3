import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { comparisonOf, level, topLevel } from './comparison-levels.ts';
import { JOINT_LEVEL_RADIX } from './field-dependencies.ts';
import { estimateCoResidentGivenNameAndDobU } from './u-estimation.ts';
import { WORK_TABLES } from './work-tables.ts';

const cell = (given: number, dob: number) => String(given * JOINT_LEVEL_RADIX + dob);

describe('u among co-residents of given name and DOB jointly', () => {
  it('keeps what the pairs show, and shrinks an empty cell toward its margins, never to 0', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      const [differentName, sameName] = [level('first_name', 'different'), topLevel('first_name')];
      const [differentDob, sameDob] = [level('dob', 'different'), topLevel('dob')];
      const dayOff = level('dob', 'one part off by one');
      // Strangers in one home, namesakes (father and son: one name, another date) and twins (one
      // date, another name); no pair shows one name with a birthday a day off.
      const pairs = [
        ...Array<number[]>(900).fill([differentName, differentDob]),
        ...Array<number[]>(60).fill([sameName, differentDob]),
        ...Array<number[]>(40).fill([differentName, sameDob]),
      ];
      await store.run(`CREATE TABLE ${WORK_TABLES.coResidentPairs} (lv_first_name TINYINT, lv_dob TINYINT)`);
      await store.append(WORK_TABLES.coResidentPairs, pairs);
      const u = await estimateCoResidentGivenNameAndDobU(store);
      const cells = (comparisonOf('first_name').levels.length - 1) * (comparisonOf('dob').levels.length - 1);
      assert.equal(Object.keys(u).length, cells);
      const total = Object.values(u).reduce((sum, x) => sum + x, 0);
      assert.ok(Math.abs(total - 1) < 1e-9, String(total));
      // The filled cells stay what the pairs say (within a few percent).
      for (const [key, share] of [
        [cell(differentName, differentDob), 0.9],
        [cell(sameName, differentDob), 0.06],
        [cell(differentName, sameDob), 0.04],
      ] as const)
        assert.ok(Math.abs((u[key] ?? 0) / share - 1) < 0.05, `${key}: ${u[key]}`);
      // A cell no pair shows, whose margins are both rare, weighs less than a flat half-pair
      // would say, yet more than nothing.
      const empty = u[cell(sameName, dayOff)] ?? 0;
      assert.ok(empty > 0 && empty < 0.5 / (pairs.length + 0.5 * cells), String(empty));
      // An empty cell whose margins are common (another name, a day off) keeps more mass than one
      // whose margins are both rare.
      assert.ok((u[cell(differentName, dayOff)] ?? 0) > empty);
    } finally {
      store.close();
    }
  });
});
