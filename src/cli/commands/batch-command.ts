import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isoDate } from '../../clock.ts';
import { DeskError } from '../../errors.ts';
import { DEFAULT_KEYS_DIR, loadTrustConfig } from '../../intake/signature/trust-config.ts';
import type { Matcher } from '../../linkage/matcher.ts';
import type { BatchFindingView } from '../../policy/batch-screening.ts';
import { loadProgram } from '../../programs/program.ts';
import { RESPONSE_FORMATS, type ResponseFormat } from '../../release/response-document.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { heading, printJson, printTable, say } from '../output.ts';
import { progressBar, progressHeartbeat } from '../progress.ts';
import { registerBatchCheckCommand } from './batch-check-command.ts';
import { registerBatchManifestCommand } from './batch-manifest-command.ts';
import { registerBatchSignCommand } from './batch-sign-command.ts';
import { calendarDate } from '../parse-arguments.ts';

// Each subcommand imports what it runs (the intake, the matcher, the release…) when it runs: loading
// them all cost every batch command about a quarter of a CPU second before it did anything.
const MATCHERS = {
  desk: async () => (await import('../../linkage/desk-matcher.ts')).deskMatcher,
  exact: async () => (await import('../../linkage/exact-matcher.ts')).exactMatcher,
} satisfies Record<string, () => Promise<Matcher>>;
const batchStage = () => import('../../pipeline/batch-stage.ts');

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

export function registerBatchCommand(program: Command): void {
  const batch = program.command('batch').description('move a request batch through the pipeline');
  const globals = () => program.opts<GlobalOptions>();
  registerBatchSignCommand(batch, program);
  registerBatchCheckCommand(batch, program);
  registerBatchManifestCommand(batch);

  batch
    .command('submit <manifest> <records>')
    .description(
      'receive a signed batch: verify the manifest (JWS, x5c chain, signer authority), then stream the records in, checking count and SHA-256',
    )
    .option('--keys <dir>', 'trust configuration: agency-ca.pem and revoked.json', DEFAULT_KEYS_DIR)
    .addHelpText(
      'after',
      '\nExample:\n  ddesk batch submit out/demo/manifest.jws out/demo/requests.csv --keys out/keys',
    )
    .action(async (manifestFile: string, recordsFile: string, options: { keys: string; json?: boolean }) => {
      const jws = readText(manifestFile, 'manifest');
      const trust = loadTrustConfig(options.keys);
      const { receiveSignedBatch } = await import('../../intake/receive-signed-batch.ts');
      await withStore(globals(), async ({ store, clock, actor, authorize }) => {
        await authorize('batch.submit');
        const bar = progressBar('intake', 0);
        const receipt = await receiveSignedBatch(
          store,
          clock,
          { jws, recordsFile, trust, actor },
          bar.update,
        );
        bar.stop();
        if (options.json) printJson(receipt);
        else
          say(
            `verified and received batch ${receipt.batchId}: ${receipt.records} records, signed by ${receipt.signer}`,
          );
      });
    });

  batch
    .command('screen <batchId>')
    .description("check every request against the program's statute rules; failures become REJECTED")
    .option('--as-of <date>', 'screen as of this date (YYYY-MM-DD); default today', calendarDate)
    .action(async (batchId: string, options: { asOf?: string; json?: boolean }) => {
      await withStore(globals(), async ({ store, clock, actor, authorize }) => {
        await authorize('batch.screen', { batchId });
        const [{ getBatch }, { screenVerifiedBatch }] = await Promise.all([
          batchStage(),
          import('../../pipeline/stage-runs.ts'),
        ]);
        const row = await getBatch(store, batchId);
        const asOf = options.asOf ?? isoDate(clock.now());
        const bar = progressBar('screening', row.record_count);
        const summary = await screenVerifiedBatch(store, clock, { batchId, actor, asOf }, bar.update);
        bar.stop();
        if (options.json) printJson({ ...summary, asOf });
        else {
          heading(
            `screened ${summary.screened} requests as of ${asOf}${options.asOf ? '' : ' (today; --as-of to screen as of another date)'}: ${summary.rejected} rejected`,
          );
          if (summary.refused)
            heading(
              `batch REFUSED — ${summary.refused.ruleId} (${summary.refused.citation}): ${summary.refused.reason}`,
            );
          for (const hold of summary.held)
            heading(
              `batch HELD — ${hold.ruleId} (${hold.citation}): ${hold.reason}; approval waits until a disclosure officer resolves it (ddesk batch resolve-hold ${batchId} --rule ${hold.ruleId} --note …)`,
            );
          printTable(Object.entries(summary.failuresByRule).map(([rule, failures]) => ({ rule, failures })));
        }
      });
    });

  batch
    .command('match <batchId>')
    .description('match the screened requests against the taxpayer reference')
    .addOption(
      new Option('--matcher <name>', 'desk: probabilistic linkage; exact: the exact-match baseline')
        .choices(Object.keys(MATCHERS))
        .default('desk'),
    )
    .action(async (batchId: string, options: { json?: boolean; matcher: keyof typeof MATCHERS }) => {
      await withStore(globals(), async ({ store, clock, actor, authorize }) => {
        await authorize('batch.match', { batchId });
        const [
          { advanceStage, getBatch },
          { matchBatch },
          { confirmationRisk, describeConfirmationRisk },
          matcher,
        ] = await Promise.all([
          batchStage(),
          import('../../linkage/match-batch.ts'),
          import('../../linkage/confirmation-risk.ts'),
          MATCHERS[options.matcher](),
        ]);
        const row = await getBatch(store, batchId);
        const heartbeat = progressHeartbeat('matching');
        const counts = await store
          .transaction(async (tx) => {
            await advanceStage(tx, batchId, ['screened'], 'matched', clock.now().toISOString());
            return matchBatch(tx, clock, {
              batchId,
              program: loadProgram(row.program_id),
              matcher,
              actor,
              onStep: (step, seconds) => {
                heartbeat.stepDone(step);
                say(`matching: ${step} (${seconds.toFixed(1)} s)`);
              },
            });
          })
          .finally(() => heartbeat.stop());
        // The disclosure officer sees the risk before approving: Σ (1 − p) over the confirmations.
        const risk = await confirmationRisk(store, batchId);
        if (options.json)
          printJson({
            outcome_counts: counts,
            confirmations: risk.confirmations,
            expected_wrong_confirmations: risk.expectedWrongConfirmations,
          });
        else {
          printTable(Object.entries(counts).map(([outcome, requests]) => ({ outcome, requests })));
          say(describeConfirmationRisk(risk));
        }
      });
    });

  batch
    .command('approve <batchId>')
    .description('approve a matched batch for release (disclosure officer)')
    .option('--withhold-ambiguous', 'answer requests still awaiting review as AMBIGUOUS, disclosing nothing')
    .action(async (batchId: string, options: { withholdAmbiguous?: boolean; json?: boolean }) => {
      const { approveBatch } = await import('../../release/approve-batch.ts');
      await withStore(globals(), async ({ store, clock, person }) => {
        const result = await approveBatch(store, clock, {
          batchId,
          actor: person,
          withholdAmbiguous: options.withholdAmbiguous ?? false,
        });
        if (options.json) printJson({ batchId, ...result });
        else
          say(
            `approved batch ${batchId}${result.ambiguousWithheld ? ` (${result.ambiguousWithheld} ambiguous withheld)` : ''}: ${result.approved.decisions} decisions bound by SHA-256 ${result.approved.sha256}`,
          );
      });
    });

  batch
    .command('resolve-hold <batchId>')
    .description('resolve a hold screening put on the batch (disclosure officer), with a note on record')
    .requiredOption('--rule <ruleId>', 'the batch rule that held it, e.g. investigation.officer-caseload')
    .requiredOption('--note <text>', 'why the batch may proceed')
    .action(async (batchId: string, options: { rule: string; note: string; json?: boolean }) => {
      const { resolveHold } = await import('../../release/approve-batch.ts');
      await withStore(globals(), async ({ store, clock, person }) => {
        await resolveHold(store, clock, { batchId, ruleId: options.rule, note: options.note, actor: person });
        if (options.json) printJson({ batchId, ruleId: options.rule, resolved: true });
        else say(`hold ${options.rule} on batch ${batchId} resolved`);
      });
    });

  batch
    .command('release <batchId>')
    .description(
      'write the signed response file and the ledger entries for every disclosure, exactly once (disclosure officer who reviewed none of the batch)',
    )
    .option('--out <dir>', 'where the response file goes', path.join('out', 'responses'))
    .addOption(
      new Option('--format <format>', 'the response file: CSV or JSON Lines').choices(RESPONSE_FORMATS),
    )
    .option(
      '--keys <dir>',
      "the desk's signing key and certificate: desk.key.pem, desk.cert.pem, desk-ca.pem",
      DEFAULT_KEYS_DIR,
    )
    .action(
      async (
        batchId: string,
        options: { out: string; format?: ResponseFormat; keys: string; json?: boolean },
      ) => {
        const [{ loadDeskSigner }, { releaseBatch }, { getBatch }] = await Promise.all([
          import('../../release/response-signature.ts'),
          import('../../release/release-batch.ts'),
          batchStage(),
        ]);
        const signer = loadDeskSigner(options.keys);
        await withStore(globals(), async ({ store, clock, person }) => {
          const row = await getBatch(store, batchId);
          const receipt = await releaseBatch(store, clock, {
            batchId,
            program: loadProgram(row.program_id),
            outDir: options.out,
            actor: person,
            signer,
            ...(options.format ? { format: options.format } : {}),
          });
          if (options.json) printJson(receipt);
          else
            say(
              `released batch ${batchId}: ${receipt.records} answers, ${receipt.disclosures} disclosures → ${receipt.responseFile} (signed: ${receipt.signatureFile})`,
            );
        });
      },
    );

  batch
    .command('show <batchId>')
    .description('a batch: its stage, program and outcome counts')
    .action(async (batchId: string, options: { json?: boolean }) => {
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('batch.read', { batchId });
        const [{ getBatch }, { outcomeCounts }, { batchScreening }] = await Promise.all([
          batchStage(),
          import('../../linkage/match-batch.ts'),
          import('../../policy/batch-screening.ts'),
        ]);
        const row = await getBatch(store, batchId);
        const counts = await outcomeCounts(store, batchId);
        const screening = await batchScreening(store, batchId);
        const view = {
          batch_id: row.batch_id,
          stage: row.stage,
          program: `${row.program_id}@${row.program_version}`,
          records: row.record_count,
          received_at: row.received_at,
          screened_as_of: screening.asOf,
          screened_at: screening.screenedAt,
          open_holds: screening.openHolds,
          findings: screening.findings,
          outcomes: counts,
        };
        if (options.json) printJson(view);
        else {
          printTable([view], ['batch_id', 'stage', 'program', 'records', 'received_at', 'screened_as_of']);
          printFindings(screening.findings, batchId);
          heading('');
          printTable(Object.entries(counts).map(([outcome, requests]) => ({ outcome, requests })));
        }
      });
    });

  batch
    .command('list')
    .description('all batches and their stage')
    .action(async (options: { json?: boolean }) => {
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('batch.read');
        const { batchScreening } = await import('../../policy/batch-screening.ts');
        const batches = await store.all<Record<string, unknown> & { batch_id: string }>(
          'SELECT batch_id, stage, program_id, record_count, CAST(received_at AS VARCHAR) AS received_at FROM batches ORDER BY received_at',
        );
        const rows = [];
        for (const row of batches) {
          const screening = await batchScreening(store, row.batch_id);
          rows.push({ ...row, screened_as_of: screening.asOf, open_holds: screening.openHolds });
        }
        if (options.json) printJson(rows);
        else printTable(rows);
      });
    });
}

/** Holds and refusals of a batch, one line each: open holds say what to do. */
function printFindings(findings: readonly BatchFindingView[], batchId: string): void {
  for (const finding of findings) {
    if (finding.effect === 'refuse-batch') heading(`REFUSED — ${finding.rule_id}: ${finding.reason}`);
    else if (finding.resolved_at === null)
      heading(
        `HELD — ${finding.rule_id}: ${finding.reason}; open: a disclosure officer must resolve it before approval (ddesk batch resolve-hold ${batchId} --rule ${finding.rule_id} --note …)`,
      );
    else
      heading(
        `hold resolved — ${finding.rule_id}: ${finding.reason}; resolved by ${finding.resolved_by ?? '?'} at ${finding.resolved_at}: ${finding.resolution ?? ''}`,
      );
  }
}
