import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { blockCandidates, CANDIDATE_PAIRS_TABLE, countCandidatePairs } from './blocking-passes.ts';
import {
  buildReferenceBlocking,
  REFERENCE_BLOCKING_STATE_TABLE,
  referenceBlockingTables,
  storedReferenceBlockingFits,
} from './blocking-reference.ts';
import { BLOCKING_COLUMNS, STORED_REFERENCE_BLOCKING, TEMPORARY_REFERENCE_BLOCKING } from './blocking-sql.ts';
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

  it("holds what it is defined as: the distinct rows of the reference, their keys, each key's taxpayers", async () => {
    const { profiles, keys, counts } = STORED_REFERENCE_BLOCKING;
    const columns = BLOCKING_COLUMNS.join(', ');
    /** Rows in one query and not the other, counted both ways (a multiset difference). */
    const differing = async (store: DuckDbStore, a: string, b: string) => {
      const [row] = await store.all<{ n: bigint }>(
        `SELECT (SELECT count(*) FROM (${a} EXCEPT ALL ${b})) + (SELECT count(*) FROM (${b} EXCEPT ALL ${a})) AS n`,
      );
      return Number(row?.n);
    };
    // Spellings that normalize alike, empty names and addresses, and rows without a name or an
    // address at all (a row stored another way): distinct rows are distinct in what blocking reads.
    const person = fc.record({
      first_name: fc.constantFrom('Ana', 'ANA', ' ana', 'Jose', 'José', ''),
      middle_name: fc.constantFrom('', 'M', 'Maria'),
      last_name: fc.constantFrom('Garcia', 'GARCIA', 'Garcia Lopez', ''),
      dob: fc.constantFrom('1980-01-02', '01/02/1980', ''),
      address_line1: fc.constantFrom('1 Oak St', '1 OAK STREET', ''),
      zip: fc.constantFrom('78701', '78701-1234', ''),
      tin: fc.constantFrom('', '900700001', '900-70-0001'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(person, fc.nat(9)), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(9), fc.boolean(), fc.boolean()), { maxLength: 4 }),
        async (people, bare) => {
          const store = await DuckDbStore.open(':memory:');
          try {
            const reference = people.map(([p, t], i) => ({
              ...p,
              taxpayer_id: `T${t}`,
              tax_year: `${2000 + i}`,
            }));
            await storeRows(store, BATCH, reference, []);
            for (const [t, name, address] of bare)
              await store.run(
                `INSERT INTO reference_rows (taxpayer_id, tax_year, name_id, address_id, n_dob)
                 VALUES ('T${t}', 2030, ${name ? '(SELECT min(name_id) FROM reference_names)' : 'NULL'},
                   ${address ? '(SELECT min(address_id) FROM reference_addresses)' : 'NULL'}, NULL)`,
              );
            await buildReferenceBlocking(store);
            assert.equal(
              await differing(
                store,
                `SELECT taxpayer_id, ${columns} FROM ${profiles}`,
                `SELECT DISTINCT taxpayer_id, ${columns} FROM reference_records`,
              ),
              0,
              'the profiles are the distinct rows of the reference',
            );
            const [numbers] = await store.all<Record<string, bigint>>(
              `SELECT count(*) AS n, count(DISTINCT row_id) AS row_ids, count(DISTINCT taxpayer_id) AS ids,
                 count(DISTINCT taxpayer_no) AS nos, count(DISTINCT (taxpayer_no, taxpayer_id)) AS pairs,
                 min(taxpayer_no) AS first, max(taxpayer_no) AS last
               FROM ${profiles}`,
            );
            assert.equal(numbers?.['row_ids'], numbers?.['n'], 'one row_id per profile');
            assert.equal(numbers?.['nos'], numbers?.['ids'], 'one taxpayer_no per taxpayer');
            assert.equal(numbers?.['pairs'], numbers?.['ids'], 'one taxpayer per taxpayer_no');
            assert.deepEqual([numbers?.['first'], numbers?.['last']], [1n, numbers?.['ids']]);
            // A taxpayer's profiles are numbered together, and the keys stored in that order per pass.
            const [order] = await store.all<Record<string, bigint>>(
              `SELECT (SELECT count(*) FROM (SELECT taxpayer_no < lag(taxpayer_no) OVER (ORDER BY row_id) AS down
                 FROM ${profiles}) WHERE down) AS profiles,
               (SELECT count(*) FROM (SELECT taxpayer_no < lag(taxpayer_no) OVER (PARTITION BY pass ORDER BY rowid) AS down
                 FROM ${keys}) WHERE down) AS keys`,
            );
            assert.deepEqual(order, { profiles: 0n, keys: 0n });
            assert.equal(
              await differing(
                store,
                `SELECT key, pass, taxpayer_no FROM ${keys}`,
                `SELECT k.key, k.pass, p.taxpayer_no FROM ${keys} k JOIN ${profiles} p USING (row_id)`,
              ),
              0,
              "a key's taxpayer is its profile's",
            );
            assert.equal(
              await differing(
                store,
                `SELECT key, pass, taxpayers FROM ${counts}`,
                `SELECT k.key, k.pass, count(DISTINCT p.taxpayer_id) FROM ${keys} k JOIN ${profiles} p USING (row_id) GROUP BY ALL`,
              ),
              0,
              "each key's count is its distinct taxpayers",
            );
          } finally {
            store.close();
          }
        },
      ),
      {
        numRuns: 25,
        // A taxpayer with an empty name and address and a row with neither: one profile, not two.
        examples: [
          [
            [
              [
                {
                  first_name: '',
                  middle_name: '',
                  last_name: '',
                  dob: '',
                  address_line1: '',
                  zip: '',
                  tin: '',
                },
                0,
              ],
              [
                {
                  first_name: 'Ana',
                  middle_name: '',
                  last_name: 'Garcia',
                  dob: '',
                  address_line1: '',
                  zip: '',
                  tin: '',
                },
                0,
              ],
            ],
            [
              [0, false, false],
              [0, true, true],
            ],
          ],
        ],
      },
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
