import type { RequestRecord } from '../intake/request-record.ts';
import type { Program } from '../programs/program.ts';
import { BATCH_RULES } from './batch-rules.ts';
import { RECORD_RULES } from './record-rules.ts';
import type {
  BatchFinding,
  BatchRule,
  BatchRuleRun,
  RecordRule,
  RuleFailure,
  ScreeningContext,
} from './rule.ts';

export interface ProgramRules {
  record: RecordRule[];
  batch: BatchRule[];
  /** Position of a rule in the program's list: the lowest failed rank is the one a rejection cites. */
  rank: ReadonlyMap<string, number>;
}

/** The program's chosen rules, in its order; an unknown rule id is a program error, not a pass. */
export function programRules(
  program: Program,
  catalogue: { record: readonly RecordRule[]; batch: readonly BatchRule[] } = {
    record: RECORD_RULES,
    batch: BATCH_RULES,
  },
): ProgramRules {
  const rank = new Map<string, number>();
  const rules: ProgramRules = { record: [], batch: [], rank };
  for (const [position, id] of program.rules.entries()) {
    const record = catalogue.record.find((rule) => rule.id === id);
    const batch = catalogue.batch.find((rule) => rule.id === id);
    if (record) rules.record.push(record);
    else if (batch) rules.batch.push(batch);
    else throw new Error(`program ${program.id} names unknown rule "${id}"`);
    rank.set(id, position);
  }
  return rules;
}

/** A rule's failure: its id and citation, and its message with the specific problem. */
function ruleFailure(rule: { id: string; citation: string; message: string }, problem: string): RuleFailure {
  return { ruleId: rule.id, citation: rule.citation, message: `${rule.message}: ${problem}`, problem };
}

/** Every record rule the record fails, in program order. */
export function screenRecord(
  record: RequestRecord,
  rules: readonly RecordRule[],
  context: ScreeningContext,
): RuleFailure[] {
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    const problem = rule.check(record, context);
    if (problem !== null) failures.push(ruleFailure(rule, problem));
  }
  return failures;
}

/**
 * One pass of screening over a batch, record by record in file order: the store-backed
 * `screenBatch` and the dry-run `ddesk batch check` both drive it, so they cannot disagree.
 */
export interface ScreeningRun {
  rules: ProgramRules;
  /** The record's failures (record rules, then record-level batch rules), in program order. */
  screen(record: RequestRecord, rowNumber: number): RuleFailure[];
  /** After the last record: the findings that refuse or hold the batch. */
  finish(recordCount: number): BatchFinding[];
}

export function startScreening(context: ScreeningContext): ScreeningRun {
  const rules = programRules(context.program);
  const runs: { rule: BatchRule; run: BatchRuleRun }[] = rules.batch.map((rule) => ({
    rule,
    run: rule.start(context),
  }));
  const rank = (failure: RuleFailure) => rules.rank.get(failure.ruleId) ?? Number.MAX_SAFE_INTEGER;
  return {
    rules,
    screen(record, rowNumber) {
      const failures = screenRecord(record, rules.record, context);
      const passed = failures.length === 0;
      for (const { rule, run } of runs) {
        // A record rejected on its own is no "first request" that would make a later one a
        // duplicate; rules that count (caseload) see every record.
        if (rule.effect === 'reject-record' && !passed) continue;
        const problem = run.observe(record, rowNumber);
        if (problem !== null) failures.push(ruleFailure(rule, problem));
      }
      return failures.length > 1 ? failures.sort((a, b) => rank(a) - rank(b)) : failures;
    },
    finish(recordCount) {
      const findings: BatchFinding[] = [];
      for (const { rule, run } of runs) {
        const reason = run.finish(recordCount);
        if (reason === null) continue;
        if (rule.effect === 'reject-record')
          throw new Error(`batch rule ${rule.id} rejects records; it cannot refuse or hold the batch`);
        findings.push({
          ruleId: rule.id,
          citation: rule.citation,
          effect: rule.effect,
          reason: `${rule.message}: ${reason}`,
        });
      }
      return findings;
    },
  };
}
