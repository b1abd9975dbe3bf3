import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { BLOCKING_PASSES } from './blocking-keys.ts';
import {
  blockCandidates,
  CANDIDATE_PAIRS_TABLE,
  countCandidatePairs,
  type BlockingReport,
} from './blocking-passes.ts';
import { storeRows, type Row } from './golden/background-population.ts';

const BATCH = 'b';

interface Blocked {
  pairs: Map<string, Set<string>>;
  passesOf: (request: string, taxpayer: string) => string[];
  report: BlockingReport;
}

/** Blocks `requests` against `reference` in a fresh store and returns the candidate pairs and figures. */
async function block(
  reference: Row[],
  requests: Row[],
  maxBlockTaxpayers?: number,
  requestBudget?: number,
): Promise<Blocked> {
  const store = await DuckDbStore.open(':memory:');
  try {
    await storeRows(store, BATCH, reference, requests);
    await blockCandidates(store, BATCH, {
      ...(maxBlockTaxpayers === undefined ? {} : { maxBlockTaxpayers }),
      ...(requestBudget === undefined ? {} : { requestBudget }),
    });
    const rows = await store.all<{ request_id: string; taxpayer_id: string; pass_mask: number }>(
      `SELECT request_id, taxpayer_id, pass_mask FROM ${CANDIDATE_PAIRS_TABLE}`,
    );
    const report = await countCandidatePairs(store);
    const pairs = new Map<string, Set<string>>();
    const masks = new Map<string, number>();
    for (const row of rows) {
      pairs.set(row.request_id, (pairs.get(row.request_id) ?? new Set()).add(row.taxpayer_id));
      masks.set(`${row.request_id}/${row.taxpayer_id}`, row.pass_mask);
    }
    const passesOf = (request: string, taxpayer: string) =>
      BLOCKING_PASSES.filter((_, i) => ((masks.get(`${request}/${taxpayer}`) ?? 0) & (1 << i)) !== 0).map(
        (pass) => pass.name,
      );
    return { pairs, passesOf, report };
  } finally {
    store.close();
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `count` taxpayers named JOHN SMITH spread over 40 ZIP codes, with distinct dates of birth and homes. */
function namesakes(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    taxpayer_id: `S${i}`,
    tax_year: '2024',
    first_name: 'John',
    last_name: 'Smith',
    dob: `${1940 + (i % 60)}-${pad(1 + (Math.floor(i / 60) % 12))}-${pad(1 + (Math.floor(i / 720) % 28))}`,
    address_line1: `${100 + i} Oak St`,
    city: `Town${i % 40}`,
    state: 'TX',
    zip: `${75000 + (i % 40) * 25}`,
  }));
}

describe('blocking', () => {
  it('refines a key shared by too many taxpayers instead of dropping it, and still finds the person', async () => {
    const reference = namesakes(400);
    const target = reference[123] as Row;
    // Moved to an unknown address: only the name and the date of birth can find them.
    const request = { request_id: 'q', first_name: 'John', last_name: 'Smith', dob: target['dob'] };
    const { pairs, report, passesOf } = await block(reference, [request], 16);
    assert.ok(pairs.get('q')?.has('S123'), 'the taxpayer with the same date of birth is a candidate');
    // The name alone is too common; refined by the birth year it still finds them.
    assert.ok(passesOf('q', 'S123').includes('given+surname_either_order'));
    const byName = report.passes.find((p) => p.name === 'given+surname_either_order');
    assert.ok(byName && byName.keysRefined > 0, 'JOHN SMITH (400 taxpayers) was refined');
    assert.ok(byName.keysDropped === 0 || byName.keysKept > 0);
  });

  it('keeps the candidates of a request bounded as its namesakes grow tenfold', async () => {
    const counts: number[] = [];
    for (const size of [200, 2000]) {
      const reference = namesakes(size);
      const target = reference[57] as Row;
      const request = { ...target, request_id: 'q', address_line1: '1 Elsewhere Rd' };
      const { pairs, report } = await block(reference, [request], 16);
      assert.ok(pairs.get('q')?.has('S57'), `found among ${size}`);
      // One request: each pass joined it with at most 16 taxpayers per key it kept.
      for (const pass of report.passes) {
        assert.ok(pass.comparisons <= 16 * pass.keysKept, `${pass.name} at ${size}`);
        assert.ok(pass.pairs <= pass.comparisons, `${pass.name} at ${size}`);
      }
      counts.push(pairs.get('q')?.size ?? 0);
    }
    const [small = 0, large = 0] = counts;
    assert.ok(large < 2 * small + 16, `${small} candidates among 200 namesakes, ${large} among 2,000`);
  });

  it('keeps a request within its budget of taxpayers as its namesakes grow tenfold, and still finds the person', async () => {
    for (const size of [200, 2000]) {
      const reference = namesakes(size);
      const target = reference[57] as Row;
      const request = { ...target, request_id: 'q', address_line1: '1 Elsewhere Rd' };
      const { pairs, report } = await block(reference, [request], 16, 24);
      assert.ok(pairs.get('q')?.has('S57'), `found among ${size}`);
      const joined = report.passes.reduce((sum, pass) => sum + pass.comparisonsJoined, 0);
      // Keys are joined while fewer than 24 taxpayers are spent: the last may add one block (≤ 16).
      assert.ok(joined <= 24 - 1 + 16, `${joined} comparisons joined among ${size}`);
      assert.ok((pairs.get('q')?.size ?? 0) <= joined);
      assert.equal(report.requestBudget, 24);
      for (const pass of report.passes) assert.ok(pass.comparisonsJoined <= pass.comparisons, pass.name);
    }
  });

  it('spends the budget on the rarest keys first: with room for one taxpayer, the one whose TIN the request gives', async () => {
    const reference = namesakes(300);
    const target = reference[42] as Row;
    reference[42] = { ...target, tin: '900700042' };
    const request = { ...target, tin: '900700042', request_id: 'q' };
    const { pairs } = await block(reference, [request], 16, 1);
    assert.deepEqual([...(pairs.get('q') ?? [])], ['S42']);
    const { pairs: unbounded } = await block(reference, [request], 16, 1_000_000);
    assert.ok((unbounded.get('q')?.size ?? 0) > 1, 'without the budget the namesakes are candidates too');
  });

  it('finds a date of birth written with month and day swapped, and a TIN with one digit mistyped', async () => {
    const reference = [
      ...namesakes(300),
      {
        taxpayer_id: 'T1',
        tax_year: '2024',
        first_name: 'Oscar',
        last_name: 'Figueroa',
        dob: '1965-01-10',
        tin: '912345678',
        address_line1: '281 Lake Dr',
        city: 'Dallas',
        state: 'TX',
        zip: '75227',
      },
    ];
    const requests = [
      { request_id: 'swapped', first_name: 'Ocsar', last_name: 'Figueroa', dob: '1965-10-01' },
      { request_id: 'tin', first_name: 'O', last_name: 'Figueroa', tin: '912345670' },
    ];
    const { pairs, passesOf } = await block(reference, requests);
    assert.ok(pairs.get('swapped')?.has('T1'));
    assert.ok(passesOf('swapped', 'T1').includes('surname_phonetic+dob'));
    assert.ok(pairs.get('tin')?.has('T1'));
    assert.ok(passesOf('tin', 'T1').includes('tin_part+name'));
  });

  it('stores, per pass, the keys kept, refined and dropped and the comparisons counted before joining', async () => {
    const reference = namesakes(100);
    const requests = reference.slice(0, 10).map((row, i) => ({ ...row, request_id: `q${i}` }));
    const { report } = await block(reference, requests, 16);
    assert.equal(report.requests, 10);
    assert.equal(report.maxBlockTaxpayers, 16);
    assert.deepEqual(
      report.passes.map((p) => p.name),
      BLOCKING_PASSES.map((p) => p.name),
    );
    const dob = report.passes.find((p) => p.name === 'dob');
    assert.ok(dob && dob.keysKept > 0 && dob.comparisons >= dob.pairs && dob.pairs >= 10);
    assert.ok(report.candidatePairs >= Math.max(...report.passes.map((p) => p.pairs)));
  });

  describe('invariants on generated worlds', () => {
    const given = ['Ana', 'Jose', 'Maria', 'Luis', 'John'];
    const surnames = ['Garcia', 'Smith', 'Lopez', 'Garcia Lopez', 'Nguyen'];
    const person = fc.record({
      first_name: fc.constantFrom(...given),
      last_name: fc.constantFrom(...surnames),
      dob: fc.constantFrom('1980-01-02', '1980-02-01', '1975-05-05', ''),
      address_line1: fc.constantFrom('1 Oak St', '2 Oak St', '1 Elm Ave'),
      zip: fc.constantFrom('78701', '78702', '10001'),
      tin: fc.constantFrom('', '900700001', '900700002'),
    });
    const world = fc.record({
      taxpayers: fc.array(person, { minLength: 1, maxLength: 40 }),
      asked: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    });
    const rows = (w: { taxpayers: Row[]; asked: number[] }): { reference: Row[]; requests: Row[] } => ({
      reference: w.taxpayers.map((p, i) => ({
        ...p,
        taxpayer_id: `T${i}`,
        tax_year: '2024',
        city: 'Austin',
      })),
      requests: w.asked.map((n, i) => ({
        ...(w.taxpayers[n % w.taxpayers.length] as Row),
        request_id: `Q${i}`,
      })),
    });

    it('never proposes a pair that the unrefined keys would not, and keys within the limit are never refined', async () => {
      await fc.assert(
        fc.asyncProperty(world, fc.integer({ min: 1, max: 8 }), async (w, limit) => {
          const { reference, requests } = rows(w);
          const unlimited = await block(reference, requests, reference.length, 1_000_000);
          const limited = await block(reference, requests, limit);
          for (const [request, taxpayers] of limited.pairs)
            for (const taxpayer of taxpayers) assert.ok(unlimited.pairs.get(request)?.has(taxpayer));
          assert.ok(unlimited.report.passes.every((p) => p.keysRefined === 0 && p.keysDropped === 0));
          for (const pass of limited.report.passes) {
            assert.ok(pass.pairs <= pass.comparisons);
            assert.ok(pass.comparisons <= limit * pass.keysKept * requests.length);
          }
        }),
        { numRuns: 10 },
      );
    });

    it('always proposes the taxpayer a request copies when few enough taxpayers share its keys', async () => {
      await fc.assert(
        fc.asyncProperty(world, async (w) => {
          const { reference, requests } = rows(w);
          const { pairs } = await block(reference, requests, reference.length);
          requests.forEach((request, i) => {
            const copied = `T${(w.asked[i] ?? 0) % w.taxpayers.length}`;
            if (request['last_name'] || request['tin'] || request['dob'])
              assert.ok(pairs.get(request['request_id'] ?? '')?.has(copied), `${request['request_id']}`);
          });
        }),
        { numRuns: 10 },
      );
    });
  });
});
