import { readCsvRecords } from '../intake/read-records.ts';
import type { Store } from '../store/store.ts';

/**
 * Metrics as ../shared/datasets/README.md defines them, computed in SQL over `bench_results`
 * (one row per system × request) and `bench_truth`.
 */
export interface LinkageMetrics {
  precision: number;
  recall: number;
  f1: number;
  review_count: number;
  predicted_links: number;
  true_links: number;
}

/** Which second identifiers a request carried (a DOB or TIN the desk could read). */
export type IdentifiersCarried = 'dob' | 'tin' | 'both' | 'neither';
export const IDENTIFIERS_CARRIED: readonly IdentifiersCarried[] = ['dob', 'tin', 'both', 'neither'];

export interface ProgramMetrics {
  wrongful_disclosures: number;
  recall_of_true_confirmations: number;
  /** Recall over the true confirmations whose request carries a DOB or a TIN. */
  recall_of_true_confirmations_with_dob_or_tin: number;
  /**
   * Recall of true confirmations by the identifiers the request carried (`dob`: a DOB and no TIN…);
   * null where no true confirmation falls in the group.
   */
  recall_by_identifiers: Record<IdentifiersCarried, number | null>;
  /** How many true confirmations fall in each group of `recall_by_identifiers`. */
  true_confirmations_by_identifiers: Record<IdentifiersCarried, number>;
  review_rate: number;
  /** Requests the truth marks REJECTED that were answered otherwise (issue 4: must be 0). */
  rejected_answered_otherwise: number;
  true_confirmations: number;
  expected_confirmations: number;
  outcome_counts: Record<string, number>;
  /**
   * The true confirmations (with a DOB or TIN) the system did not confirm, by the rule its
   * decision cites (decision-rules.ts; the screening rule for a rejection): where recall was lost,
   * and how much of it each hold costs. Most common first.
   */
  missed_true_confirmations_by_rule: { rule_id: string; outcome: string; missed: number }[];
}

/**
 * Creates `bench_truth` (from a truth.csv) and an empty `bench_results`. `temporary` keeps them out
 * of a database that outlives the scoring (the demo's); the benchmark keeps them for --keep-db.
 */
export async function loadTruth(
  store: Store,
  truthFile: string,
  options: { temporary: boolean },
): Promise<void> {
  const kind = options.temporary ? 'TEMP TABLE' : 'TABLE';
  await store.run(
    `CREATE ${kind} bench_truth (request_id VARCHAR, expected_outcome VARCHAR, taxpayer_id VARCHAR)`,
  );
  await store.run(
    `CREATE ${kind} bench_results (system VARCHAR, request_id VARCHAR, outcome VARCHAR, taxpayer_id VARCHAR,
       carries_dob BOOLEAN, carries_tin BOOLEAN, match_probability DOUBLE, rule_id VARCHAR)`,
  );
  await store.append('bench_truth', truthRows(truthFile));
}

/** truth.csv's scored columns; others (the generator's scenario notes) are ignored. */
const TRUTH_SPEC = {
  columns: ['request_id', 'expected_outcome', 'taxpayer_id'] as const,
  required: ['request_id'] as const,
  strictColumns: false,
};

async function* truthRows(file: string): AsyncGenerator<(string | null)[]> {
  for await (const { record } of readCsvRecords(file, TRUTH_SPEC))
    yield [record.request_id, record.expected_outcome || null, record.taxpayer_id || null];
}

/**
 * Records a system's answers to a batch (its decisions) for scoring, with the identifiers each
 * request carried (a DOB or TIN the desk could read) and the identity probability it decided on.
 */
export async function recordResults(store: Store, system: string, batchId: string): Promise<void> {
  await store.run(
    `INSERT INTO bench_results
     SELECT $2, d.request_id, d.outcome, d.taxpayer_id, q.n_dob IS NOT NULL, q.n_tin IS NOT NULL, d.match_probability,
       d.rule_id
     FROM decisions d JOIN requests q ON q.batch_id = d.batch_id AND q.request_id = d.request_id
     WHERE d.batch_id = $1`,
    [batchId, system],
  );
}

/** The group of `recall_by_identifiers` a bench_results row falls in, as SQL. */
const IDENTIFIERS_SQL = `CASE WHEN r.carries_dob AND r.carries_tin THEN 'both' WHEN r.carries_dob THEN 'dob'
  WHEN r.carries_tin THEN 'tin' ELSE 'neither' END`;

const num = (value: unknown): number => Number(value ?? 0);
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** An identity link is predicted when a decision names a taxpayer with confidence (not AMBIGUOUS). */
export async function scoreLinkage(store: Store, system: string): Promise<LinkageMetrics> {
  const [row] = await store.all<Record<string, bigint>>(
    `WITH predicted AS (
       SELECT request_id, taxpayer_id FROM bench_results
       WHERE system = $1 AND outcome IN ('CONFIRMED', 'NOT_CONFIRMED') AND taxpayer_id IS NOT NULL)
     SELECT (SELECT count(*) FROM predicted) AS predicted,
            (SELECT count(*) FROM bench_truth WHERE taxpayer_id IS NOT NULL AND taxpayer_id <> '') AS truth,
            (SELECT count(*) FROM predicted p JOIN bench_truth t USING (request_id, taxpayer_id)) AS hits,
            (SELECT count(*) FROM bench_results WHERE system = $1 AND outcome = 'AMBIGUOUS') AS review`,
    [system],
  );
  const predicted = num(row?.['predicted']);
  const truth = num(row?.['truth']);
  const hits = num(row?.['hits']);
  const precision = ratio(hits, predicted);
  const recall = ratio(hits, truth);
  return {
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    review_count: num(row?.['review']),
    predicted_links: predicted,
    true_links: truth,
  };
}

/** A wrongful disclosure is any CONFIRMED where the truth is not CONFIRMED for that same taxpayer. */
export async function scoreProgram(store: Store, system: string): Promise<ProgramMetrics> {
  const [row] = await store.all<Record<string, bigint>>(
    `SELECT
       count(*) FILTER (WHERE r.outcome = 'CONFIRMED'
         AND NOT (t.expected_outcome = 'CONFIRMED' AND t.taxpayer_id = r.taxpayer_id)) AS wrongful,
       count(*) FILTER (WHERE r.outcome = 'CONFIRMED'
         AND t.expected_outcome = 'CONFIRMED' AND t.taxpayer_id = r.taxpayer_id) AS true_confirmations,
       count(*) FILTER (WHERE t.expected_outcome = 'CONFIRMED') AS expected_confirmations,
       count(*) FILTER (WHERE t.expected_outcome = 'REJECTED' AND r.outcome <> 'REJECTED') AS rejected_otherwise,
       count(*) FILTER (WHERE r.outcome = 'AMBIGUOUS') AS review,
       count(*) AS total
     FROM bench_results r LEFT JOIN bench_truth t USING (request_id)
     WHERE r.system = $1`,
    [system],
  );
  const counts = await store.all<{ outcome: string; n: bigint }>(
    'SELECT outcome, count(*) AS n FROM bench_results WHERE system = $1 GROUP BY outcome ORDER BY outcome',
    [system],
  );
  // Recall is always over all true confirmations: a request refused for lacking a second
  // identifier counts as not confirmed, and this split shows where recall was lost.
  const split = await store.all<{ identifiers: IdentifiersCarried; expected: bigint; found: bigint }>(
    `SELECT ${IDENTIFIERS_SQL} AS identifiers, count(*) AS expected,
       count(*) FILTER (WHERE r.outcome = 'CONFIRMED' AND r.taxpayer_id = t.taxpayer_id) AS found
     FROM bench_results r JOIN bench_truth t USING (request_id)
     WHERE r.system = $1 AND t.expected_outcome = 'CONFIRMED'
     GROUP BY ALL`,
    [system],
  );
  const missed = await store.all<{ rule_id: string | null; outcome: string; missed: bigint }>(
    `SELECT r.rule_id, r.outcome, count(*) AS missed
     FROM bench_results r JOIN bench_truth t USING (request_id)
     WHERE r.system = $1 AND t.expected_outcome = 'CONFIRMED' AND (r.carries_dob OR r.carries_tin)
       AND NOT (r.outcome = 'CONFIRMED' AND r.taxpayer_id IS NOT DISTINCT FROM t.taxpayer_id)
     GROUP BY ALL ORDER BY missed DESC, r.outcome, r.rule_id`,
    [system],
  );
  const group = (id: IdentifiersCarried) => split.find((s) => s.identifiers === id);
  const withDobOrTin = split.filter((s) => s.identifiers !== 'neither');
  return {
    wrongful_disclosures: num(row?.['wrongful']),
    recall_of_true_confirmations: ratio(
      num(row?.['true_confirmations']),
      num(row?.['expected_confirmations']),
    ),
    recall_of_true_confirmations_with_dob_or_tin: ratio(
      withDobOrTin.reduce((n, s) => n + num(s.found), 0),
      withDobOrTin.reduce((n, s) => n + num(s.expected), 0),
    ),
    recall_by_identifiers: Object.fromEntries(
      IDENTIFIERS_CARRIED.map((id) => {
        const expected = num(group(id)?.expected);
        return [id, expected === 0 ? null : num(group(id)?.found) / expected];
      }),
    ) as Record<IdentifiersCarried, number | null>,
    true_confirmations_by_identifiers: Object.fromEntries(
      IDENTIFIERS_CARRIED.map((id) => [id, num(group(id)?.expected)]),
    ) as Record<IdentifiersCarried, number>,
    review_rate: ratio(num(row?.['review']), num(row?.['total'])),
    rejected_answered_otherwise: num(row?.['rejected_otherwise']),
    true_confirmations: num(row?.['true_confirmations']),
    expected_confirmations: num(row?.['expected_confirmations']),
    outcome_counts: Object.fromEntries(counts.map((c) => [c.outcome, Number(c.n)])),
    missed_true_confirmations_by_rule: missed.map((m) => ({
      rule_id: m.rule_id ?? '(none)',
      outcome: m.outcome,
      missed: Number(m.missed),
    })),
  };
}
