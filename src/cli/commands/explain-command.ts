import type { Command } from 'commander';
import type { DecisionExplanation } from '../../linkage/explain-decision.ts';
import { readDecisionExplanation } from '../../review/explanation-read.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable } from '../output.ts';

const signed = (bits: number) => `${bits >= 0 ? '+' : ''}${bits.toFixed(2)}`;

/** The waterfall: prior, each field's bits with a running total, then the posterior. */
export function printWaterfall(explanation: Extract<DecisionExplanation, { kind: 'matched' }>): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`request ${explanation.requestId} in batch ${explanation.batchId}: ${explanation.outcome}`);
  out(`  ${explanation.reason}`);
  if (!explanation.bestCandidate) return;
  out(`\nbest candidate ${explanation.bestCandidate} (model ${explanation.runId})`);
  let total = explanation.priorBits;
  const rows: Record<string, unknown>[] = [
    { step: 'prior', level: 'a random pair', bits: signed(explanation.priorBits), total: signed(total) },
  ];
  for (const field of explanation.fields) {
    total += field.bits;
    rows.push({
      step: field.field,
      request: field.requestValue ?? '',
      reference: field.referenceValue ?? '',
      level: field.label,
      bits: signed(field.bits),
      total: signed(total),
    });
  }
  printTable(rows, ['step', 'request', 'reference', 'level', 'bits', 'total']);
  const probability = explanation.matchProbability;
  out(
    `match weight ${signed(explanation.matchWeight ?? 0)} bits; identity probability ${probability === null ? '-' : probability.toFixed(6)}` +
      (explanation.marginBits === null
        ? '; no other candidate'
        : `; ${explanation.marginBits.toFixed(2)} bits ahead of the next taxpayer`),
  );
  out(
    '(the probability is the share of the request\'s odds held by this candidate, against the other candidates and "none of them": not in the reference, or missed by blocking)',
  );
  const aor = explanation.addressOfRecord;
  out(
    `address of record${aor.taxYear === null ? '' : ` (tax year ${aor.taxYear})`}: ${aor.label}` +
      ` — a confirmation needs at least "${aor.confirmsAtLabel}"`,
  );
  out('\ncandidates considered');
  printTable(
    explanation.candidates.map((c, i) => ({
      rank: i + 1,
      taxpayer: c.taxpayerId,
      weight: signed(c.matchWeight),
      probability: c.matchProbability.toFixed(6),
      address_level: c.addressOfRecordLevel ?? '',
      found_by: c.passes.join(' '),
    })),
  );
}

export function registerExplainCommand(program: Command): void {
  program
    .command('explain <batchId> <requestId>')
    .description('why a request got its outcome: each field’s weight, the total, the candidates')
    .action(async (batchId: string, requestId: string, options: { json?: boolean }) => {
      await withStore(program.opts<GlobalOptions>(), async ({ store, clock, actor, authorize }) => {
        await authorize('review.read', { batchId });
        const explanation = await readDecisionExplanation(store, clock, { actor, batchId, requestId });
        if (options.json) {
          printJson(explanation);
          return;
        }
        switch (explanation.kind) {
          case 'screened':
            process.stdout.write(
              `request ${requestId} in batch ${batchId}: ${explanation.outcome}${explanation.ruleId ? ` (${explanation.ruleId})` : ''}\n  ${explanation.reason}\n`,
            );
            return;
          case 'matched':
            printWaterfall(explanation);
            return;
        }
      });
    });
}
