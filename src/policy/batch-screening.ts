import type { Store } from '../store/store.ts';

/** A batch finding as a batch is shown: open holds first, then resolved ones and a refusal. */
export interface BatchFindingView {
  rule_id: string;
  effect: 'hold-batch' | 'refuse-batch';
  reason: string;
  found_at: string;
  /** Null while the hold is open: approval is refused until a disclosure officer resolves it. */
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
}

/** How a batch was screened: the date it was screened as of, when, and what it found. */
export interface BatchScreening {
  /** The date the rules were applied as of (`batch screen --as-of`, default the day it ran). */
  asOf: string | null;
  screenedAt: string | null;
  findings: BatchFindingView[];
  openHolds: number;
}

/**
 * The screening of a batch, for every place that shows one (`batch show`, `batch list`, the
 * service): a hold must be visible before approval refuses it, and the screening date with it.
 * The date is the one the screening event recorded (its audit detail), the only place it is kept.
 */
export async function batchScreening(store: Store, batchId: string): Promise<BatchScreening> {
  const [event] = await store.all<{ detail: string | null; occurred_at: string }>(
    `SELECT detail, CAST(occurred_at AS VARCHAR) AS occurred_at FROM audit_log
     WHERE batch_id = $1 AND action = 'batch.screen' AND outcome IN ('success', 'refused')
     ORDER BY seq DESC LIMIT 1`,
    [batchId],
  );
  const findings = await store.all<BatchFindingView>(
    `SELECT rule_id, effect, reason, CAST(found_at AS VARCHAR) AS found_at, resolved_by,
            CAST(resolved_at AS VARCHAR) AS resolved_at, resolution
     FROM batch_findings WHERE batch_id = $1 ORDER BY resolved_at NULLS FIRST, rule_id`,
    [batchId],
  );
  let asOf: string | null = null;
  if (event?.detail) {
    const detail = JSON.parse(event.detail) as { asOf?: unknown };
    if (typeof detail.asOf === 'string') asOf = detail.asOf;
  }
  return {
    asOf,
    screenedAt: event?.occurred_at ?? null,
    findings,
    openHolds: findings.filter((f) => f.effect === 'hold-batch' && f.resolved_at === null).length,
  };
}
