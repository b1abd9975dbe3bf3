import type { Store } from '../store/store.ts';
import { blockCandidates, CANDIDATE_PAIRS_TABLE, countCandidatePairs } from './blocking-passes.ts';

import { BLOCKING_MISS_SHARE, blockingMissShare, scoredPassCaptures } from './blocking-miss.ts';
import { compareCandidates } from './compare-candidates.ts';
import { decideRequests } from './decide-requests.ts';
import { coResidentBits, householdShares, MIN_CO_RESIDENT_PAIRS } from './field-dependencies.ts';
import { estimateCoResidentU } from './u-estimation.ts';
import { PENDING_REQUESTS_SQL, timedStep, type Matcher, type MatchInput } from './matcher.ts';
import {
  cautiousPersonFound,
  foundShareWarnings,
  plausibleCoResidentShare,
  plausibleModel,
} from './model-plausibility.ts';
import { dropWorkTables } from './work-tables.ts';
import { keepCandidates, scoreCandidates, scoredFoundShares, trainedWeights } from './score-candidates.ts';
import { computeTermFrequencies } from './term-frequencies.ts';
import { trainModel } from './train-model.ts';

/**
 * The prior of a candidate pair, in log2 odds: EM's expected number of matches spread over every
 * (request, taxpayer) pair there is (π, as the bounds use it, times the requests). The Bayes factors use u from random pairs, so the prior must
 * be that of a random pair too — not EM's share among the blocked pairs, which would count the
 * blocking's own agreement twice.
 */
export function priorBits(personFound: number, requests: number, taxpayers: number): number {
  const pairs = requests * taxpayers;
  if (pairs === 0) return 0;
  const matches = Math.min(Math.max(personFound * requests, 1), requests, pairs - 1);
  return round6(Math.log2(matches / (pairs - matches)));
}

/** Rounded like the field weights (WEIGHT_DECIMALS), so that reruns give identical probabilities. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * Fellegi–Sunter matching in DuckDB SQL: block (several passes), compare (levels per field),
 * train (u from random pairs, m and λ by EM, term frequencies), score, decide. Every step is a
 * set-based statement; the only JavaScript loop is over EM iterations.
 */
export const probabilisticMatcher: Matcher = {
  name: 'probabilistic',
  async decide(store: Store, input) {
    try {
      await decide(store, input);
    } catch (error) {
      // An aborted transaction refuses the drops too: the original error is the one to report.
      await dropWorkTables(store).catch(() => undefined);
      throw error;
    }
    await dropWorkTables(store);
  },
};

async function decide(
  store: Store,
  { batchId, program, decidedAt, mode, onStep, onCandidatePairs }: MatchInput,
): Promise<void> {
  await timedStep(onStep, 'blocking', () => blockCandidates(store, batchId));
  const blocking = await countCandidatePairs(store);
  await onCandidatePairs?.(store, CANDIDATE_PAIRS_TABLE);
  await timedStep(onStep, 'comparing candidate pairs', () => compareCandidates(store, batchId));
  const [counts] = await store.all<{ requests: bigint; taxpayers: bigint }>(
    `SELECT (SELECT count(*) FROM (${PENDING_REQUESTS_SQL})) AS requests,
            (SELECT count(DISTINCT taxpayer_id) FROM reference_records) AS taxpayers`,
    [batchId],
  );
  const population = {
    requests: Number(counts?.requests ?? 0),
    taxpayers: Number(counts?.taxpayers ?? 0),
    households: await householdShares(store),
  };
  const coResidents = await estimateCoResidentU(store);
  const coResidentsEstimated = coResidents.coResidentPairs >= MIN_CO_RESIDENT_PAIRS;
  const model = await timedStep(onStep, 'training (u from random pairs, m by TIN anchors and EM)', () =>
    trainModel(store, population, coResidentsEstimated ? coResidents : null),
  );
  const rawWeights = await trainedWeights(store);
  const plausible = plausibleModel({
    ...model,
    personFoundCeiling: program.matching.confirmProbability,
    weights: rawWeights,
  });
  let prior = priorBits(plausible.personFound, population.requests, population.taxpayers);
  const bits = coResidentsEstimated
    ? coResidentBits(
        model.m,
        coResidents.uHome,
        coResidents.uHomeGivenNameAndDob,
        coResidents.shownGivenNameAndDob,
      )
    : null;
  if (!bits)
    plausible.warnings.push(
      `only ${coResidents.coResidentPairs} pairs of taxpayers share a home of record (fewer than ${MIN_CO_RESIDENT_PAIRS}): how co-residents resemble each other is not estimated, so no co-resident bound applies`,
    );
  if (bits && plausibleCoResidentShare(model, plausible) !== model.coResidentShare)
    plausible.warnings.push(
      `EM's share of requests about a co-resident who never filed (κ) ${model.coResidentShare.toFixed(4)} is not used (${model.converged ? 'implausibly small, or above 1 − π' : 'EM did not converge'}): the co-resident bound counts every non-filer as a co-resident`,
    );
  let missShare = BLOCKING_MISS_SHARE;
  const score = () =>
    scoreCandidates(store, batchId, {
      priorBits: prior,
      households: population.households,
      personFound: plausible.personFound,
      blockingMissShare: missShare,
      coResidentBits: bits,
      coResidentShare: plausibleCoResidentShare(model, plausible),
      weights: plausible.weights,
      model: { u: model.u, taxpayers: population.taxpayers, rawWeights },
    });
  await timedStep(onStep, 'scoring', async () => {
    await computeTermFrequencies(store, batchId);
    await score();
  });
  let foundByIdentifiers = await scoredFoundShares(store, batchId);
  plausible.warnings.push(...foundShareWarnings(model.personFound, foundByIdentifiers));
  // Fail closed: where EM's π is above what the scored candidates account for, the bounds and the
  // prior use the scored share, and the candidates are scored again under it.
  const cautious = cautiousPersonFound(plausible.personFound, foundByIdentifiers);
  if (cautious < plausible.personFound) {
    plausible.warnings.push(
      `the bounds and the prior use the share the scored candidates account for, ${cautious.toFixed(4)}, not EM's π ${plausible.personFound.toFixed(4)}: scored again`,
    );
    plausible.personFound = cautious;
    prior = priorBits(cautious, population.requests, population.taxpayers);
    await timedStep(onStep, 'scoring again under the scored share of persons found', score);
    foundByIdentifiers = await scoredFoundShares(store, batchId);
  }
  // How many passes found the persons found says how many no pass found (blocking-miss.ts). The
  // estimate only ever lowers the cautious default; the candidates are then scored again under it.
  const passCaptures = await scoredPassCaptures(store);
  const estimatedMissShare = blockingMissShare(passCaptures);
  if (estimatedMissShare < missShare) {
    missShare = estimatedMissShare;
    await timedStep(onStep, 'scoring again under the estimated share blocking misses', score);
    foundByIdentifiers = await scoredFoundShares(store, batchId);
  }
  await timedStep(onStep, 'keeping the candidates decisions use', () =>
    keepCandidates(store, batchId, program.matching.rejectProbability),
  );
  const runId = `${batchId}@${decidedAt}`;
  await store.run('DELETE FROM linkage_runs WHERE run_id = $1', [runId]);
  await store.run(
    `INSERT INTO linkage_runs (run_id, batch_id, matcher, run_at, parameters_json) VALUES ($1, $2, 'probabilistic', $3::TIMESTAMP, $4)`,
    [
      runId,
      batchId,
      decidedAt,
      JSON.stringify({
        ...model,
        personFoundRaw: model.personFound,
        personFound: plausible.personFound,
        coResidentShareRaw: model.coResidentShare,
        coResidentShare: bits ? plausibleCoResidentShare(model, plausible) : 0,
        warnings: plausible.warnings,
        weights: Object.fromEntries(
          [...plausible.weights].map(([f, levels]) => [f, Object.fromEntries(levels)]),
        ),
        priorBits: prior,
        blockingMissShare: missShare,
        passCaptures,
        foundByIdentifiers,
        households: population.households,
        // Maps as plain objects, so that the stored parameters show them.
        coResidentBits: bits && {
          byField: Object.fromEntries(
            [...bits.byField].map(([f, levels]) => [f, Object.fromEntries(levels)]),
          ),
          givenNameAndDob: Object.fromEntries(bits.givenNameAndDob),
        },
        blocking,
      }),
    ],
  );
  await timedStep(onStep, 'deciding', () =>
    decideRequests(store, {
      batchId,
      decidedAt,
      program,
      runId,
      priorBits: prior,
      mode: mode ?? 'program',
    }),
  );
}
