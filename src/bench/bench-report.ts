import type { BenchResult, SystemResult } from './run-bench.ts';

/**
 * The --json document: the desk's metrics at the top level (snake_case names from
 * ../shared/datasets/README.md), plus one nested object per baseline.
 */
export function benchJson(result: BenchResult): Record<string, unknown> {
  const [desk, ...baselines] = result.systems;
  const flatten = (system: SystemResult) => ({
    ...system.metrics,
    seconds: round(system.seconds),
    throughput_requests_per_second: round(result.requests / Math.max(system.seconds, 1e-9)),
    ...(Object.keys(system.steps).length
      ? { step_seconds: Object.fromEntries(Object.entries(system.steps).map(([k, v]) => [k, round(v)])) }
      : {}),
  });
  return {
    dataset: result.dataset,
    mode: result.mode,
    requests: result.requests,
    reference_rows: result.reference_rows,
    ...(desk ? flatten(desk) : {}),
    ...(desk?.blocking ?? {}),
    ...(desk?.diagnostics ?? {}),
    load_seconds: round(result.load_seconds),
    total_seconds: round(result.seconds),
    peak_memory_mb: round(result.peak_memory_mb),
    ...Object.fromEntries(baselines.map((system) => [system.system, flatten(system)])),
    ...(result.threshold_sweep.length
      ? {
          threshold_sweep: result.threshold_sweep.map((point) => ({
            confirm_probability: point.confirm_probability,
            ...point.metrics,
          })),
        }
      : {}),
  };
}

/** One row per threshold of the what-if sweep, with the metrics that show its price. */
export function sweepRows(result: BenchResult): Record<string, unknown>[] {
  return result.threshold_sweep.map((point) => {
    const m = point.metrics as unknown as Record<string, unknown>;
    return result.mode === 'program'
      ? {
          confirm_probability: point.confirm_probability,
          wrongful_disclosures: m['wrongful_disclosures'],
          recall_of_true_confirmations: m['recall_of_true_confirmations'],
          review_rate: m['review_rate'],
        }
      : {
          confirm_probability: point.confirm_probability,
          precision: m['precision'],
          recall: m['recall'],
          review_count: m['review_count'],
        };
  });
}

/** One row per system, for people. */
export function benchRows(result: BenchResult): Record<string, unknown>[] {
  return result.systems.map((system) => {
    const m = system.metrics as unknown as Record<string, unknown>;
    const base =
      result.mode === 'program'
        ? {
            system: system.system,
            wrongful_disclosures: m['wrongful_disclosures'],
            recall_of_true_confirmations: m['recall_of_true_confirmations'],
            review_rate: m['review_rate'],
            rejected_answered_otherwise: m['rejected_answered_otherwise'],
          }
        : {
            system: system.system,
            precision: m['precision'],
            recall: m['recall'],
            f1: m['f1'],
            review_count: m['review_count'],
          };
    return {
      ...base,
      seconds: round(system.seconds),
      'requests/s': Math.round(result.requests / Math.max(system.seconds, 1e-9)),
    };
  });
}

/** Recall of true confirmations by the identifiers each request carried (program mode). */
export function identifierRows(system: SystemResult): Record<string, unknown>[] {
  const m = system.metrics;
  if (!('recall_by_identifiers' in m)) return [];
  return Object.entries(m.recall_by_identifiers).map(([identifiers, recall]) => ({
    identifiers,
    true_confirmations:
      m.true_confirmations_by_identifiers[identifiers as keyof typeof m.recall_by_identifiers],
    recall: recall ?? '—',
  }));
}

/** The true confirmations (with a DOB or TIN) not confirmed, by the rule their decision cites (program mode). */
export function missedByRuleRows(system: SystemResult): Record<string, unknown>[] {
  const m = system.metrics;
  if (!('missed_true_confirmations_by_rule' in m)) return [];
  const expected = (['dob', 'tin', 'both'] as const).reduce(
    (n, id) => n + m.true_confirmations_by_identifiers[id],
    0,
  );
  return m.missed_true_confirmations_by_rule.map((row) => ({
    rule: row.rule_id,
    outcome: row.outcome,
    missed: row.missed,
    'recall lost': expected === 0 ? '—' : round4(row.missed / expected),
  }));
}

/** Predicted identity probability against the observed share of true links, bin by bin. */
export function calibrationRows(system: SystemResult): Record<string, unknown>[] {
  return (system.diagnostics?.calibration ?? []).map((bin) => ({
    p: `[${bin.from}, ${bin.to}${bin.to === 1 ? ']' : ')'}`,
    pairs: bin.pairs,
    mean_predicted: bin.mean_predicted ?? '—',
    observed_correct: bin.observed_correct_share ?? '—',
  }));
}

/** One row per blocking pass: the keys it joined, refined and dropped, its work before and after. */
export function blockingRows(system: SystemResult): Record<string, unknown>[] {
  return (system.blocking?.blocking_passes ?? []).map((pass) => ({
    pass: pass.pass,
    keys_kept: pass.keys_kept,
    refined: pass.keys_refined,
    dropped: pass.keys_dropped,
    counted: pass.comparisons_counted,
    pairs: pass.pairs,
    'pairs/request': pass.pairs_per_request,
    completeness: pass.pair_completeness,
  }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** π by the identifiers the request carried: the desk's scored share against the truth's. */
export function personFoundRows(system: SystemResult): Record<string, unknown>[] {
  return (system.diagnostics?.person_found_by_identifiers ?? []).map((row) => ({
    identifiers: row.identifiers,
    requests: row.requests,
    found_share_scored: row.scored === null ? '' : round4(row.scored),
    found_share_truth: row.truth === null ? '' : round4(row.truth),
  }));
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
