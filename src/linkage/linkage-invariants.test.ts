import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fixedClock } from '../clock.ts';
import { loadProgram } from '../programs/program.ts';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import type { SqlValue } from '../store/store.ts';
import { COMPARISONS, level, topLevel } from './comparison-levels.ts';
import { estimateMByEm } from './em.ts';
import { backgroundPopulation, storeRows, type Row } from './golden/background-population.ts';
import { matchBatch } from './match-batch.ts';
import { probabilisticMatcher } from './probabilistic-matcher.ts';
import { levelWeightSql } from './score-candidates.ts';
import { TERM_FREQUENCY_LEVELS } from './term-frequencies.ts';
import { estimateTinAnchors } from './tin-anchors.ts';

/**
 * Invariants of the matcher that must hold for any data (issue 9), checked on generated small
 * worlds: a background population (households, namesakes, typos; background-population.ts) with
 * the case under test placed in it. Each world runs the whole matcher (block, compare, train,
 * score, decide), so a few worlds per property keep the suite fast; the seed is fixed for CI and
 * can be changed (FC_SEED) to explore others.
 */
const SEED = Number(process.env['FC_SEED'] ?? 20261202);
const WORLDS = { seed: SEED, numRuns: 3, endOnFailure: true };
const BATCH = 'world';
const clock = fixedClock('2026-01-02T03:04:05Z');

const GIVEN = ['Aurelio', 'Benita', 'Casimir', 'Delfina', 'Evaristo', 'Filomena'];
const SURNAMES = ['Quintero', 'Arrieta', 'Basurto', 'Zavaleta', 'Ocampo', 'Villegas'];
const STREETS = ['Carrow', 'Pellham', 'Wexley', 'Dunmore'];

const person = fc.record({
  given: fc.constantFrom(...GIVEN),
  surname1: fc.constantFrom(...SURNAMES),
  surname2: fc.constantFrom(...SURNAMES),
  dob: fc.date({ min: new Date('1940-01-01'), max: new Date('2000-12-31'), noInvalidDate: true }),
  house: fc.integer({ min: 1, max: 9999 }),
  street: fc.constantFrom(...STREETS),
  zip: fc.integer({ min: 80000, max: 89999 }),
});
const world = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  taxpayers: fc.integer({ min: 150, max: 250 }),
});

type Person = typeof person extends fc.Arbitrary<infer T> ? T : never;

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
/** The day after a YYYY-MM-DD date. */
const dayOff = (iso: string) => isoDate(new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000));
const home = (p: Person) => ({
  address_line1: `${p.house} ${p.street} Ave`,
  city: `Villa${p.zip % 7}`,
  zip: String(p.zip),
});

interface Decision {
  request_id: string;
  outcome: string;
  taxpayer_id: string | null;
  match_probability: number | null;
}

/** Runs the matcher on a world and returns its decisions by request, and the store (closed by the caller). */
async function decide(reference: Row[], requests: Row[]) {
  const store = await DuckDbStore.open(':memory:');
  await storeRows(store, BATCH, reference, requests);
  await matchBatch(store, clock, {
    batchId: BATCH,
    program: loadProgram(),
    matcher: probabilisticMatcher,
    actor: 'test',
  });
  const rows = await store.all<Decision>(
    'SELECT request_id, outcome, taxpayer_id, match_probability FROM decisions WHERE batch_id = $1 ORDER BY request_id',
    [BATCH],
  );
  return { store, decisions: new Map(rows.map((row) => [row.request_id, row])), rows };
}

describe('linkage invariants on generated worlds', () => {
  it('adding a never-filed namesake to a household never creates a confirmation', async () => {
    await fc.assert(
      fc.asyncProperty(world, person, fc.boolean(), async (w, filer, withSpouse) => {
        const background = backgroundPopulation(w.taxpayers, w.seed);
        const filerRow = {
          taxpayer_id: 'FILER',
          tax_year: '2024',
          first_name: filer.given,
          last_name: filer.surname1,
          dob: isoDate(filer.dob),
          ...home(filer),
          tin: '912345678',
        };
        // The namesake shares name and home, and the request carries nothing that tells them apart
        // (no DOB, no TIN: what a program in review mode lets through). A DOB that differs is
        // vetoed by the decision rule as well; this is the case only the model can hold back.
        const namesakeDob = '';
        const request = {
          request_id: 'namesake',
          first_name: filer.given,
          last_name: filer.surname1,
          dob: namesakeDob,
          ...home(filer),
        };
        const { store, decisions } = await decide(
          [
            ...background.reference,
            filerRow,
            ...(withSpouse
              ? [{ ...filerRow, taxpayer_id: 'SPOUSE', first_name: 'Ximena', tin: '912345679' }]
              : []),
          ],
          [...background.requests, request],
        );
        store.close();
        assert.notEqual(
          decisions.get('namesake')?.outcome,
          'CONFIRMED',
          JSON.stringify(decisions.get('namesake')),
        );
      }),
      WORLDS,
    );
  });

  it('a never-filed namesake relative born another day a generation apart, asked about with his DOB, is never confirmed', async () => {
    await fc.assert(
      fc.asyncProperty(
        world,
        person,
        fc.integer({ min: 18, max: 40 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 364 }),
        async (w, filer, gap, junior, dayShift) => {
          const background = backgroundPopulation(w.taxpayers, w.seed);
          const filerDob = isoDate(filer.dob);
          // The relative's birthday is another day of the year (a year slipped with month and day
          // kept is a slip's shape, which a relative shows once in 365: not this property's case).
          const relative = new Date(filer.dob);
          relative.setUTCFullYear(relative.getUTCFullYear() + (junior ? gap : -gap));
          relative.setUTCDate(relative.getUTCDate() + dayShift);
          const relativeDob = isoDate(relative);
          fc.pre(relativeDob.slice(5) !== filerDob.slice(5));
          const { store, decisions } = await decide(
            [
              ...background.reference,
              {
                taxpayer_id: 'FILER',
                tax_year: '2024',
                first_name: filer.given,
                last_name: filer.surname1,
                dob: filerDob,
                ...home(filer),
                tin: '912345678',
              },
            ],
            [
              ...background.requests,
              {
                request_id: 'relative',
                first_name: filer.given,
                last_name: filer.surname1,
                dob: relativeDob,
                ...home(filer),
              },
            ],
          );
          store.close();
          assert.notEqual(
            decisions.get('relative')?.outcome,
            'CONFIRMED',
            JSON.stringify(decisions.get('relative')),
          );
        },
      ),
      { ...WORLDS, numRuns: 2 },
    );
  });

  it('a never-filed twin (same DOB, surname and home, another given name) is never confirmed as the filing twin', async () => {
    // The twin's name is another name, or the filer's in the other sex's form (AURELIO, AURELIA;
    // CASIMIR, CASIMIRA): boy-and-girl twins are so named.
    const otherSexForm = (given: string) =>
      given.endsWith('o')
        ? `${given.slice(0, -1)}a`
        : given.endsWith('a')
          ? `${given.slice(0, -1)}o`
          : `${given}a`;
    await fc.assert(
      fc.asyncProperty(world, person, fc.option(fc.constantFrom(...GIVEN)), async (w, filer, another) => {
        const twinGiven = another ?? otherSexForm(filer.given);
        fc.pre(twinGiven !== filer.given);
        const background = backgroundPopulation(w.taxpayers, w.seed);
        const dob = isoDate(filer.dob);
        const { store, decisions } = await decide(
          [
            ...background.reference,
            {
              taxpayer_id: 'FILER',
              tax_year: '2024',
              first_name: filer.given,
              last_name: filer.surname1,
              dob,
              ...home(filer),
              tin: '912345678',
            },
          ],
          [
            ...background.requests,
            { request_id: 'twin', first_name: twinGiven, last_name: filer.surname1, dob, ...home(filer) },
          ],
        );
        store.close();
        assert.notEqual(decisions.get('twin')?.outcome, 'CONFIRMED', JSON.stringify(decisions.get('twin')));
      }),
      { ...WORLDS, numRuns: 2 },
    );
  });

  it('a never-filed brother asked about where his twin sister filed (CASIMIR, CASIMIRA) is never confirmed as her, his name being one taxpayers carry', async () => {
    const brothers = fc.constantFrom('Casimir', 'Daniel', 'Gabriel', 'Julian', 'Juan');
    await fc.assert(
      fc.asyncProperty(world, person, person, brothers, async (w, filer, elsewhere, brother) => {
        fc.pre(elsewhere.zip !== filer.zip);
        const background = backgroundPopulation(w.taxpayers, w.seed);
        const dob = isoDate(filer.dob);
        const { store, decisions } = await decide(
          [
            ...background.reference,
            {
              taxpayer_id: 'SISTER',
              tax_year: '2024',
              first_name: `${brother}a`,
              last_name: filer.surname1,
              dob,
              ...home(filer),
              tin: '912345678',
            },
            // Someone else, elsewhere, carries the brother's name.
            {
              taxpayer_id: 'ELSEWHERE',
              tax_year: '2024',
              first_name: brother,
              last_name: elsewhere.surname1,
              dob: isoDate(elsewhere.dob),
              ...home(elsewhere),
              tin: '912345679',
            },
          ],
          [
            ...background.requests,
            { request_id: 'brother', first_name: brother, last_name: filer.surname1, dob, ...home(filer) },
          ],
        );
        store.close();
        assert.notEqual(
          decisions.get('brother')?.outcome,
          'CONFIRMED',
          JSON.stringify(decisions.get('brother')),
        );
      }),
      { ...WORLDS, numRuns: 2 },
    );
  });

  it('a never-filed twin whose given name shares one part with the filing twin’s compound one is never confirmed, however the request writes the names or slips the date', async () => {
    const second = fc.constantFrom('Jacinto', 'Leonor', 'Teodoro', 'Rosaura');
    await fc.assert(
      fc.asyncProperty(world, person, second, second, async (w, filer, filerSecond, twinSecond) => {
        fc.pre(filerSecond !== twinSecond && filer.surname1 !== filer.surname2);
        const background = backgroundPopulation(w.taxpayers, w.seed);
        const dob = isoDate(filer.dob);
        const surnames = `${filer.surname1} ${filer.surname2}`;
        const filerRow = {
          taxpayer_id: 'FILER',
          tax_year: '2024',
          first_name: `${filer.given} ${filerSecond}`,
          last_name: surnames,
          dob,
          ...home(filer),
          tin: '912345678',
        };
        // The twin never filed: same home, same DOB, same first given name, another second one or
        // none. The request names the twin's second name in the given field, in the middle field,
        // or beside the maternal surname written as the middle name (none of it carries the
        // filer's TIN).
        const twin = { last_name: surnames, dob, ...home(filer) };
        const requests = [
          { request_id: 'twin-compound', first_name: `${filer.given} ${twinSecond}`, ...twin },
          // The twin named with the first part alone (MARIA, and her sister MARIA DEL CARMEN).
          { request_id: 'twin-first-part', first_name: filer.given, ...twin },
          // ... or with the filer's second part alone (MARIA, and her sister LUZ MARIA).
          { request_id: 'twin-second-part', first_name: filerSecond, ...twin },
          // ... and asked about with a date a day off (the request's slip, not another birthday).
          { request_id: 'twin-first-part-day-off', first_name: filer.given, ...twin, dob: dayOff(dob) },
          { request_id: 'twin-middle', first_name: filer.given, middle_name: twinSecond, ...twin },
          {
            request_id: 'twin-maternal-middle',
            first_name: `${filer.given} ${twinSecond}`,
            middle_name: filer.surname2,
            ...twin,
            last_name: filer.surname1,
          },
        ];
        const { store, decisions } = await decide(
          [...background.reference, filerRow],
          [...background.requests, ...requests],
        );
        store.close();
        for (const { request_id } of requests)
          assert.notEqual(
            decisions.get(request_id)?.outcome,
            'CONFIRMED',
            JSON.stringify(decisions.get(request_id)),
          );
      }),
      WORLDS,
    );
  });

  it('given and middle names written as one are never held where any of the taxpayer’s returns shows the middle name; a second name none shows stays held', async () => {
    const second = fc.constantFrom('Jacinto', 'Leonor', 'Teodoro', 'Rosaura');
    await fc.assert(
      fc.asyncProperty(
        world,
        person,
        person,
        second,
        fc.boolean(),
        async (w, filer, other, middle, initial) => {
          fc.pre(filer.zip !== other.zip && filer.surname1 !== other.surname1);
          const background = backgroundPopulation(w.taxpayers, w.seed);
          const filerRow = {
            taxpayer_id: 'FILER',
            first_name: filer.given,
            last_name: filer.surname1,
            dob: isoDate(filer.dob),
            ...home(filer),
            tin: '912345678',
          };
          // The filer writes the middle name (or its initial) on one return and leaves it off the next.
          const written = initial ? middle.slice(0, 1) : middle;
          const filerRows = [
            { ...filerRow, tax_year: '2023', middle_name: written },
            { ...filerRow, tax_year: '2024' },
          ];
          // Another filer who never writes a second name, and her never-filed twin asked about by
          // her compound given name: the request gives a second name no return confirms.
          const otherRow = {
            taxpayer_id: 'OTHER',
            tax_year: '2024',
            first_name: other.given,
            last_name: other.surname1,
            dob: isoDate(other.dob),
            ...home(other),
            tin: '912345679',
          };
          const requests = [
            {
              request_id: 'as-one',
              first_name: `${filer.given} ${written}`,
              last_name: filer.surname1,
              dob: isoDate(filer.dob),
              ...home(filer),
            },
            {
              request_id: 'twin',
              first_name: `${other.given} ${middle}`,
              last_name: other.surname1,
              dob: isoDate(other.dob),
              ...home(other),
            },
          ];
          const { store, decisions } = await decide(
            [...background.reference, ...filerRows, otherRow],
            [...background.requests, ...requests],
          );
          const [best] = await store.all<{ lv_first_name: number }>(
            "SELECT lv_first_name FROM match_candidates WHERE request_id = 'as-one' AND taxpayer_id = 'FILER'",
          );
          store.close();
          // The second name is on one of the filer's returns: never the first part alone, and
          // confirmed wherever the score allows it (a small world's co-resident bound may not).
          assert.ok(
            (best?.lv_first_name ?? 0) > level('first_name', 'first part of a compound given name'),
            JSON.stringify(best),
          );
          const asOne = decisions.get('as-one');
          if ((asOne?.match_probability ?? 0) >= loadProgram().matching.confirmProbability)
            assert.deepEqual(
              [asOne?.outcome, asOne?.taxpayer_id],
              ['CONFIRMED', 'FILER'],
              JSON.stringify(asOne),
            );
          assert.notEqual(decisions.get('twin')?.outcome, 'CONFIRMED', JSON.stringify(decisions.get('twin')));
        },
      ),
      WORLDS,
    );
  });

  it('dropping one of two surnames never ranks a stranger elsewhere above the same-named taxpayer at the requested home', async () => {
    await fc.assert(
      fc.asyncProperty(world, person, person, async (w, taxpayer, elsewhere) => {
        fc.pre(taxpayer.surname1 !== taxpayer.surname2 && elsewhere.zip !== taxpayer.zip);
        const background = backgroundPopulation(w.taxpayers, w.seed);
        const dob = isoDate(taxpayer.dob);
        const reference = [
          ...background.reference,
          {
            taxpayer_id: 'TWO-SURNAMES',
            tax_year: '2024',
            first_name: taxpayer.given,
            last_name: `${taxpayer.surname1} ${taxpayer.surname2}`,
            dob,
            ...home(taxpayer),
            tin: '912345670',
          },
          // A stranger with the request's very name (the surname the request kept) in another place.
          {
            taxpayer_id: 'STRANGER',
            tax_year: '2024',
            first_name: taxpayer.given,
            last_name: taxpayer.surname1,
            dob: isoDate(elsewhere.dob),
            ...home(elsewhere),
            tin: '912345671',
          },
        ];
        const request = {
          request_id: 'dropped',
          first_name: taxpayer.given,
          last_name: taxpayer.surname1,
          dob: '',
          ...home(taxpayer),
        };
        const { store } = await decide(reference, [...background.requests, request]);
        const ranks = await store.all<{ taxpayer_id: string; candidate_rank: number }>(
          `SELECT taxpayer_id, candidate_rank FROM match_candidates WHERE batch_id = $1 AND request_id = 'dropped'`,
          [BATCH],
        );
        store.close();
        const rank = (id: string) => ranks.find((r) => r.taxpayer_id === id)?.candidate_rank ?? Infinity;
        assert.ok(rank('TWO-SURNAMES') < rank('STRANGER'), JSON.stringify(ranks));
      }),
      WORLDS,
    );
  });

  it('shuffling requests or reference rows never changes a decision', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.integer(), async (w, shuffleSeed) => {
        const background = backgroundPopulation(w.taxpayers, w.seed);
        const first = await decide(background.reference, background.requests);
        first.store.close();
        const again = await decide(
          shuffle(background.reference, shuffleSeed),
          shuffle(background.requests, shuffleSeed + 1),
        );
        again.store.close();
        assert.deepEqual(again.rows, first.rows);
      }),
      { ...WORLDS, numRuns: 2 },
    );
  });

  it('a request identical to a taxpayer’s latest record is CONFIRMED unless another taxpayer is equally close', async () => {
    await fc.assert(
      fc.asyncProperty(world, fc.nat(), async (w, pick) => {
        const background = backgroundPopulation(w.taxpayers, w.seed);
        const latest = background.reference.filter((row) => row['tax_year'] === '2024');
        const chosen = latest[pick % latest.length] as Row;
        const key = (row: Row) =>
          ['first_name', 'last_name', 'dob', 'address_line1', 'city', 'zip'].map((c) => row[c]).join('|');
        const equallyClose = latest.filter((row) => key(row) === key(chosen)).length > 1;
        const request = {
          ...chosen,
          request_id: 'copy',
          taxpayer_id: undefined,
          tax_year: undefined,
          tin: '',
        };
        const { store, decisions } = await decide(background.reference, [...background.requests, request]);
        store.close();
        const decision = decisions.get('copy');
        if (equallyClose) assert.notEqual(decision?.outcome, 'CONFIRMED');
        else
          assert.deepEqual(
            [decision?.outcome, decision?.taxpayer_id],
            ['CONFIRMED', chosen['taxpayer_id']],
            JSON.stringify(decision),
          );
      }),
      WORLDS,
    );
  });

  it('expected matches never exceed requests, whatever the candidates look like', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      const levelsOf = fc.tuple(...COMPARISONS.map((c) => fc.integer({ min: 0, max: c.levels.length - 1 })));
      const requestsArb = fc.array(fc.array(levelsOf, { minLength: 0, maxLength: 8 }), {
        minLength: 1,
        maxLength: 60,
      });
      await fc.assert(
        fc.asyncProperty(requestsArb, async (requests) => {
          await store.run('DROP TABLE IF EXISTS linkage_compared');
          await store.run(
            `CREATE TABLE linkage_compared (request_id VARCHAR, taxpayer_id VARCHAR, ${COMPARISONS.map((c) => `lv_${c.field} TINYINT`).join(', ')})`,
          );
          const rows: SqlValue[][] = requests.flatMap((candidates, r) =>
            candidates.map((levels, t) => [`R${r}`, `T${t}`, ...levels]),
          );
          if (rows.length) await store.append('linkage_compared', rows);
          await store.run('DROP TABLE IF EXISTS linkage_u');
          // Strangers mostly differ: u favours the "different" level, so agreement is evidence.
          await store.run(
            `CREATE TABLE linkage_u AS ${COMPARISONS.map((c) => `SELECT '${c.field}' AS field, range AS level, CASE WHEN range = 1 THEN 0.9 ELSE 0.1 / ${Math.max(c.levels.length - 2, 1)} END AS u FROM range(1, ${c.levels.length})`).join(' UNION ALL ')}`,
          );
          await estimateTinAnchors(store);
          const estimate = await estimateMByEm(store, {
            requests: requests.length,
            taxpayers: 8,
            households: { surname: 0.3, givenName: 0.05 },
          });
          assert.ok(
            estimate.expectedMatches <= requests.length + 1e-9,
            `${estimate.expectedMatches} > ${requests.length}`,
          );
          assert.ok(estimate.personFound <= 1);
        }),
        { seed: SEED, numRuns: 25 },
      );
    } finally {
      store.close();
    }
  });

  it('making a surname more common never raises its weight, at any level that weighs it by frequency', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      const surnameLevels = TERM_FREQUENCY_LEVELS.filter((t) => t.field === 'last_name');
      const weights = new Map([['last_name', new Map(surnameLevels.map((t) => [t.code, 8] as const))]]);
      const u = { last_name: Object.fromEntries(surnameLevels.map((t) => [String(t.code), 1e-3])) };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...surnameLevels),
          fc.integer({ min: 0, max: 100_000 }),
          fc.integer({ min: 1, max: 100_000 }),
          fc.integer({ min: 1, max: 1_000_000 }),
          async (tfLevel, count, more, taxpayers) => {
            const weightAt = async (n: number) => {
              const sql = levelWeightSql('last_name', String(tfLevel.code), weights, { u, taxpayers }, 'tf');
              const [row] = await store.all<{ w: number }>(
                `SELECT ${sql} AS w FROM (SELECT ${surnameLevels.map((t) => `${n}::DOUBLE AS ${t.column}`).join(', ')}) tf`,
              );
              return Number(row?.w);
            };
            assert.ok((await weightAt(count + more)) <= (await weightAt(count)));
          },
        ),
        { seed: SEED, numRuns: 50 },
      );
    } finally {
      store.close();
    }
    assert.ok(level('last_name', 'exact') === topLevel('last_name'));
  });
});

/** A seeded Fisher–Yates shuffle (a copy). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
