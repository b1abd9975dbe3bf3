import type { RequestRecord } from '../intake/request-record.ts';
import type { Program } from '../programs/program.ts';

/** What a record rule sees besides the record: the program and the date the batch is screened on. */
export interface ScreeningContext {
  program: Program;
  /** YYYY-MM-DD; "in the past" and the taxable-period window are judged against it. */
  asOf: string;
  /** The batch manifest's attestation text (a reason that merely repeats it is no reason). */
  attestation: string;
}

/**
 * A statute rule as data plus a small function (style.md § 3). `check` returns null when the
 * record passes, or the specific problem (appended to `message` in the rejection).
 */
export interface RecordRule {
  id: string;
  citation: string;
  message: string;
  check(record: RequestRecord, context: ScreeningContext): string | null;
}

export interface RuleFailure {
  ruleId: string;
  citation: string;
  message: string;
}
