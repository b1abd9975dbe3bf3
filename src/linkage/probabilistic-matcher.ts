import type { Store } from '../store/store.ts';
import { blockCandidates, CANDIDATE_PAIRS_TABLE, countCandidatePairs } from './blocking-passes.ts';

import { compareCandidates } from './compare-candidates.ts';
import { decideRequests } from './decide-requests.ts';
import { householdShares, namesakeBound } from './field-dependencies.ts';
import { PENDING_REQUESTS_SQL, timedStep, type Matcher } from './matcher.ts';
import { computeTermFrequencies, keepCandidates, scoreCandidates } from './score-candidates.ts';
import { trainModel, type LinkageModel } from './train-model.ts';

/**
 * The prior of a candidate pair, in log2 odds: EM's expected number of matches spread over every
 * (request, taxpayer) pair there is. The Bayes factors use u from random pairs, so the prior must
 * be that of a random pair too — not EM's share among the blocked pairs, which would count the
 * blocking's own agreement twice.
 */
export function priorBits(
  model: Pick<LinkageModel, 'expectedMatches'>,
  requests: number,
  taxpayers: number,
): number {
  const pairs = requests * taxpayers;
  if (pairs === 0) return 0;
  const matches = Math.min(Math.max(model.expectedMatches, 1), requests, pairs - 1);
  return round6(Math.log2(matches / (pairs - matches)));
}

/** Rounded like the field weights (WEIGHT_DECIMALS), so that reruns give identical probabilities. */
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

const TEMP_TABLES = [
  'linkage_candidates',
  'linkage_compared',
  'linkage_u',
  'linkage_patterns',
  'linkage_pattern_levels',
  'linkage_em',
  'linkage_em_posterior',
  'linkage_tf',
  'linkage_weights',
  'linkage_scored',
];

/**
 * Fellegi–Sunter matching in DuckDB SQL: block (several passes), compare (levels per field),
 * train (u from random pairs, m and λ by EM, term frequencies), score, decide. Every step is a
 * set-based statement; the only JavaScript loop is over EM iterations.
 */
export const probabilisticMatcher: Matcher = {
  name: 'probabilistic',
  async decide(store: Store, { batchId, program, decidedAt, mode, onStep, onCandidatePairs }) {
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
    const model = await timedStep(onStep, 'training (u from random pairs, m by EM)', () =>
      trainModel(store, population),
    );
    const prior = priorBits(model, population.requests, population.taxpayers);
    const bound = namesakeBound(model.personFound, population.households.givenName);
    await timedStep(onStep, 'scoring', async () => {
      await computeTermFrequencies(store, batchId);
      await scoreCandidates(store, batchId, prior, population.households, model.personFound, bound);
    });
    await timedStep(onStep, 'keeping the candidates decisions use', () =>
      keepCandidates(store, batchId, program.matching.rejectProbability),
    );
    const runId = `${batchId}@${decidedAt}`;
    const [tf] = await store.all<{ summary: string }>(
      `SELECT to_json(map_from_entries(list({'k': field, 'v': sumsq}))) ::VARCHAR AS summary
       FROM (SELECT DISTINCT field, sumsq FROM linkage_tf)`,
    );
    await store.run('DELETE FROM linkage_runs WHERE run_id = $1', [runId]);
    await store.run(
      `INSERT INTO linkage_runs (run_id, batch_id, matcher, run_at, parameters_json) VALUES ($1, $2, 'probabilistic', $3::TIMESTAMP, $4)`,
      [
        runId,
        batchId,
        decidedAt,
        JSON.stringify({
          ...model,
          priorBits: prior,
          households: population.households,
          namesakeBound: bound,
          blocking,
          termFrequencySumSquares: JSON.parse(tf?.summary ?? '{}') as unknown,
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
    for (const table of TEMP_TABLES) await store.run(`DROP TABLE IF EXISTS ${table}`);
  },
};
