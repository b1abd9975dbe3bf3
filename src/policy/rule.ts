import type { RequestRecord } from '../intake/request-record.ts';
import type { Program } from '../programs/program.ts';

/** What a rule sees besides the records: the program and the date the batch is screened on. */
export interface ScreeningContext {
  program: Program;
  /** YYYY-MM-DD; "in the past" and the taxable-period window are judged against it. */
  asOf: string;
  /** The batch manifest's attestation text (a reason that merely repeats it is no reason). */
  attestation: string;
}

/**
 * A statute rule about one record, as data plus a small function (style.md § 3). `check` returns
 * null when the record passes, or the specific problem (appended to `message` in the rejection).
 */
export interface RecordRule {
  id: string;
  citation: string;
  message: string;
  check(record: RequestRecord, context: ScreeningContext): string | null;
}

/**
 * What a batch rule does when it fires:
 * - `reject-record`: the record it names is REJECTED (e.g. a later duplicate), the rest go on;
 * - `refuse-batch`: every record of the batch is REJECTED citing the rule (e.g. over the size
 *   limit the agreement allows);
 * - `hold-batch`: nothing is rejected, but the batch may not be released until a disclosure
 *   officer has looked at it (e.g. an implausible caseload for one investigating officer).
 */
export type BatchRuleEffect = 'reject-record' | 'refuse-batch' | 'hold-batch';

/**
 * A statute rule about the batch as a whole. It sees every record once, in file order, through
 * the run it `start`s, so that a batch of millions streams through in bounded memory.
 */
export interface BatchRule {
  id: string;
  citation: string;
  message: string;
  effect: BatchRuleEffect;
  start(context: ScreeningContext): BatchRuleRun;
}

export interface BatchRuleRun {
  /** A problem with this record (only `reject-record` rules return one), or null. */
  observe(record: RequestRecord, rowNumber: number): string | null;
  /** After the last record: the batch-level problem (refuse or hold), or null. */
  finish(recordCount: number): string | null;
}

export interface RuleFailure {
  ruleId: string;
  citation: string;
  /** The rule's message and the specific problem: what the REJECTED outcome says. */
  message: string;
  /** The specific problem alone, naming the offending value. */
  problem: string;
}

/** A batch-level finding: the batch is refused whole, or held for a disclosure officer. */
export interface BatchFinding {
  ruleId: string;
  citation: string;
  effect: 'refuse-batch' | 'hold-batch';
  reason: string;
}
