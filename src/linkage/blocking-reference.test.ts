import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { blockCandidates, CANDIDATE_PAIRS_TABLE, countCandidatePairs } from './blocking-passes.ts';
import {
  REFERENCE_BLOCKING_STATE_TABLE,
  referenceBlockingTables,
  storedReferenceBlockingFits,
} from './blocking-reference.ts';
import { STORED_REFERENCE_BLOCKING, TEMPORARY_REFERENCE_BLOCKING } from './blocking-sql.ts';
import { backgroundPopulation, storeRows, type Row } from './golden/background-population.ts';

const BATCH = 'b';

/** The candidate pairs with the passes that found them, and the figures, as sorted text. */
async function blocked(store: DuckDbStore, options: { maxBlockTaxpayers?: number } = {}): Promise<string> {
  await blockCandidates(store, BATCH, options);
  const pairs = await store.all<{ pair: string }>(
    `SELECT request_id || '/' || taxpayer_id || '/' || pass_mask AS pair FROM ${CANDIDATE_PAIRS_TABLE} ORDER BY pair`,
  );
  const report = await countCandidatePairs(store);
  await store.run(`DROP TABLE ${CANDIDATE_PAIRS_TABLE}`);
  return JSON.stringify({ pairs: pairs.map((p) => p.pair), passes: report.passes });
}

/** Blocks once with the reference's stored tables and once with the tables a match builds for itself. */
async function bothWays(
  reference: Row[],
  requests: Row[],
  maxBlockTaxpayers?: number,
): Promise<{ stored: string; rebuilt: string }> {
  const store = await DuckDbStore.open(':memory:');
  try {
    await storeRows(store, BATCH, reference, requests);
    assert.ok(await storedReferenceBlockingFits(store), 'storing the reference built its blocking tables');
    const options = maxBlockTaxpayers === undefined ? {} : { maxBlockTaxpayers };
    const stored = await blocked(store, options);
    // A state that no longer fits: the match builds the tables itself.
    await store.run(`UPDATE ${REFERENCE_BLOCKING_STATE_TABLE} SET digest = 'other passes'`);
    assert.equal(await storedReferenceBlockingFits(store), false);
    const rebuilt = await blocked(store, options);
    return { stored, rebuilt };
  } finally {
    store.close();
  }
}

describe("the reference side of blocking, built by the reference's load", () => {
  it('gives the same candidate pairs, passes and figures as blocking that builds it for the match', async () => {
    const { reference, requests } = backgroundPopulation(600, 3);
    for (const limit of [undefined, 4]) {
      const { stored, rebuilt } = await bothWays(reference, requests, limit);
      assert.ok((JSON.parse(stored) as { pairs: string[] }).pairs.length > requests.length / 2);
      assert.equal(stored, rebuilt, `block limit ${limit ?? 'default'}`);
    }
  });

  it('is the same on generated worlds, whatever the block limit', async () => {
    const person = fc.record({
      first_name: fc.constantFrom('Ana', 'Jose', 'Maria', 'Luis', 'John'),
      last_name: fc.constantFrom('Garcia', 'Smith', 'Lopez', 'Garcia Lopez', 'Nguyen'),
      dob: fc.constantFrom('1980-01-02', '1980-02-01', '1975-05-05', ''),
      address_line1: fc.constantFrom('1 Oak St', '2 Oak St', '1 Elm Ave'),
      zip: fc.constantFrom('78701', '78702', '10001'),
      tin: fc.constantFrom('', '900700001', '900700002'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        async (people, asked, limit) => {
          const reference = people.map((p, i) => ({
            ...p,
            taxpayer_id: `T${i % 30}`,
            tax_year: `${2020 + i}`,
          }));
          const requests = asked.map((n, i) => ({
            ...(people[n % people.length] as Row),
            request_id: `Q${i}`,
          }));
          const { stored, rebuilt } = await bothWays(reference, requests, limit);
          assert.equal(stored, rebuilt);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('is used only while it fits the reference: rows added another way make the match build its own', async () => {
    const { reference, requests } = backgroundPopulation(200, 5);
    const store = await DuckDbStore.open(':memory:');
    try {
      await storeRows(store, BATCH, reference, requests);
      assert.equal(await referenceBlockingTables(store), STORED_REFERENCE_BLOCKING);
      await store.run(
        "INSERT INTO reference_rows (taxpayer_id, tax_year, n_dob) VALUES ('NEW', 2024, '1970-01-01')",
      );
      assert.equal(await referenceBlockingTables(store), TEMPORARY_REFERENCE_BLOCKING);
      const [row] = await store.all<{ n: bigint }>(
        `SELECT count(*) AS n FROM ${TEMPORARY_REFERENCE_BLOCKING.profiles} WHERE taxpayer_id = 'NEW'`,
      );
      assert.equal(Number(row?.n), 1);
    } finally {
      store.close();
    }
  });
});
