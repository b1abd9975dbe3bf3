import { confirmationRisk } from '../linkage/confirmation-risk.ts';
import { latestLinkageRun } from '../linkage/matcher.ts';
import type { Store } from '../store/store.ts';
import { IDENTIFIERS_CARRIED, type IdentifiersCarried } from './score.ts';

/**
 * The desk's model seen against the truth, so that a bad fit is visible (issue 9): the share of
 * requests whose person files as the model estimated it (π) and as it is, the model's own warnings,
 * how well its identity probabilities are calibrated, and the wrong confirmations it expects.
 */
export interface ModelDiagnostics {
  /** π̂ as scoring used it (after any clamping); null when the run stored none. */
  person_found_share_estimated: number | null;
  /** π as EM estimated it, before clamping, where the run stored it. */
  person_found_share_estimated_raw: number | null;
  /** The share of screened-in requests whose person is a taxpayer, per the truth. */
  person_found_share_truth: number | null;
  /**
   * The share the scored candidates account for (Σ of each request's identity probabilities, after
   * every bound), in all: what EM's π should agree with (the run warns when it does not).
   */
  person_found_share_scored: number | null;
  /** Per the identifiers the request carried: the scored share against the truth's. */
  person_found_by_identifiers: PersonFoundByIdentifiers[];
  warnings: string[];
  calibration: CalibrationBin[];
  /** Σ (1 − p) over the desk's confirmations (linkage mode: the links it predicts). */
  expected_wrong_confirmations: number;
  /** κ as the co-resident bound used it: the share of requests about a co-resident who never filed. */
  co_resident_share_estimated: number | null;
  /** The share of true matches no blocking pass found, as the run estimated it (1 − pair completeness in truth). */
  blocking_miss_share_estimated: number | null;
}

export interface PersonFoundByIdentifiers {
  identifiers: IdentifiersCarried;
  requests: number;
  scored: number | null;
  truth: number | null;
}

export interface CalibrationBin {
  from: number;
  to: number;
  pairs: number;
  /** The share of the bin's candidate pairs that are the true (request, taxpayer) link; null when empty. */
  observed_correct_share: number | null;
  mean_predicted: number | null;
}

/**
 * Bin edges of predicted identity probability. The high end is split finely because that is where
 * decisions are made: 0.999 is the shipped program's confirmation threshold, 0.99 and 0.9 the
 * what-if thresholds the README prices; the last bin is closed at 1.
 */
export const CALIBRATION_EDGES = [0, 0.5, 0.9, 0.99, 0.999, 1] as const;

/**
 * The diagnostics of the desk's latest run on `batchId`, right after it decided (its candidates
 * are still in `match_candidates`). Calibration is over the candidates the run kept: every one at
 * or above the reject threshold and each request's best few, so the low bins hold a sample only.
 */
export async function modelDiagnostics(
  store: Store,
  batchId: string,
  mode: 'linkage' | 'program',
): Promise<ModelDiagnostics> {
  const run = await latestLinkageRun(store, batchId);
  const parameters = run?.parameters ?? {};
  const risk = await confirmationRisk(
    store,
    batchId,
    mode === 'program' ? ['CONFIRMED'] : ['CONFIRMED', 'NOT_CONFIRMED'],
  );
  return {
    person_found_share_estimated: finiteOrNull(parameters['personFound']),
    person_found_share_estimated_raw: finiteOrNull(parameters['personFoundRaw']),
    person_found_share_truth: await personFoundShareTruth(store, batchId),
    ...(await personFoundByIdentifiers(store, batchId, parameters['foundByIdentifiers'])),
    warnings: Array.isArray(parameters['warnings'])
      ? parameters['warnings'].filter((w): w is string => typeof w === 'string')
      : [],
    calibration: await calibration(store, batchId),
    expected_wrong_confirmations: risk.expectedWrongConfirmations,
    co_resident_share_estimated: finiteOrNull(parameters['coResidentShare']),
    blocking_miss_share_estimated: finiteOrNull(parameters['blockingMissShare']),
  };
}

const finiteOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** Among the requests screening let through to matching, the share the truth links to a taxpayer. */
async function personFoundShareTruth(store: Store, batchId: string): Promise<number | null> {
  const [row] = await store.all<{ screened_in: bigint; found: bigint }>(
    `SELECT count(*) AS screened_in, count(t.taxpayer_id) AS found
     FROM decisions d LEFT JOIN bench_truth t USING (request_id)
     WHERE d.batch_id = $1 AND d.outcome <> 'REJECTED'`,
    [batchId],
  );
  const screenedIn = Number(row?.screened_in ?? 0);
  return screenedIn === 0 ? null : Number(row?.found ?? 0) / screenedIn;
}

/**
 * π by the identifiers the request carried: the share the run's scored candidates accounted for
 * (stored with the run) against the truth's, among the requests screening let through.
 */
async function personFoundByIdentifiers(
  store: Store,
  batchId: string,
  stored: unknown,
): Promise<Pick<ModelDiagnostics, 'person_found_share_scored' | 'person_found_by_identifiers'>> {
  const scored = (stored ?? {}) as Partial<
    Record<IdentifiersCarried, { requests?: unknown; found?: unknown }>
  >;
  const truth = await store.all<{ identifiers: IdentifiersCarried; screened_in: bigint; found: bigint }>(
    `SELECT CASE WHEN q.n_dob IS NOT NULL AND q.n_tin IS NOT NULL THEN 'both' WHEN q.n_dob IS NOT NULL THEN 'dob'
         WHEN q.n_tin IS NOT NULL THEN 'tin' ELSE 'neither' END AS identifiers,
       count(*) AS screened_in, count(t.taxpayer_id) AS found
     FROM decisions d JOIN requests q ON q.batch_id = d.batch_id AND q.request_id = d.request_id
     LEFT JOIN bench_truth t ON t.request_id = d.request_id
     WHERE d.batch_id = $1 AND d.outcome <> 'REJECTED' GROUP BY ALL`,
    [batchId],
  );
  let requests = 0;
  let found = 0;
  const rows: PersonFoundByIdentifiers[] = [];
  for (const identifiers of IDENTIFIERS_CARRIED) {
    const group = scored[identifiers];
    const groupRequests = finiteOrNull(group?.requests);
    const groupFound = finiteOrNull(group?.found);
    const inTruth = truth.find((row) => row.identifiers === identifiers);
    const screenedIn = Number(inTruth?.screened_in ?? 0);
    if (!groupRequests && !screenedIn) continue;
    if (groupRequests && groupFound !== null) {
      requests += groupRequests;
      found += groupFound;
    }
    rows.push({
      identifiers,
      requests: groupRequests ?? screenedIn,
      scored: groupRequests && groupFound !== null ? groupFound / groupRequests : null,
      truth: screenedIn ? Number(inTruth?.found ?? 0) / screenedIn : null,
    });
  }
  return { person_found_share_scored: requests ? found / requests : null, person_found_by_identifiers: rows };
}

async function calibration(store: Store, batchId: string): Promise<CalibrationBin[]> {
  const edges = CALIBRATION_EDGES;
  const binSql = edges
    .slice(1, -1)
    .map((edge, i) => `WHEN c.match_probability < ${edge} THEN ${i}`)
    .join(' ');
  const rows = await store.all<{ bin: number; pairs: bigint; correct: bigint; mean: number }>(
    `SELECT CASE ${binSql} ELSE ${edges.length - 2} END AS bin, count(*) AS pairs,
       count(t.request_id) AS correct, avg(c.match_probability) AS mean
     FROM match_candidates c
     LEFT JOIN bench_truth t ON t.request_id = c.request_id AND t.taxpayer_id = c.taxpayer_id
     WHERE c.batch_id = $1 AND c.match_probability IS NOT NULL
     GROUP BY ALL`,
    [batchId],
  );
  return edges.slice(0, -1).map((from, bin) => {
    const row = rows.find((r) => Number(r.bin) === bin);
    const pairs = Number(row?.pairs ?? 0);
    return {
      from,
      to: edges[bin + 1] ?? 1,
      pairs,
      observed_correct_share: pairs === 0 ? null : Number(row?.correct ?? 0) / pairs,
      mean_predicted: pairs === 0 ? null : Number(row?.mean),
    };
  });
}
