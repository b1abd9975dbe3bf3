import type { Command } from 'commander';
import path from 'node:path';
import { systemClock } from '../../clock.ts';
import { runDemo } from '../../demo/run-demo.ts';
import { heading, printJson, printTable, say } from '../output.ts';
import { nonNegativeInteger, positiveInteger } from '../parse-arguments.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run the whole pipeline on fresh synthetic data (a few seconds) and show what happened')
    .option(
      '--dir <dir>',
      'where everything goes: a new or empty folder, or one an earlier demo made (replaced on each run)',
      path.join('out', 'demo'),
    )
    .option('--seed <n>', 'synthetic data seed', nonNegativeInteger, 2025)
    .option('--taxpayers <n>', 'synthetic taxpayers', positiveInteger, 3000)
    .option('--requests <n>', 'synthetic requests', positiveInteger, 1000)
    .action(
      async (options: { dir: string; seed: number; taxpayers: number; requests: number; json?: boolean }) => {
        const result = await runDemo({
          dir: options.dir,
          seed: options.seed,
          taxpayers: options.taxpayers,
          requests: options.requests,
          clock: systemClock,
          log: (line) => say(line),
        });
        if (options.json) {
          printJson(result);
          return;
        }
        heading('');
        heading(`batch ${result.batchId}: outcomes`);
        printTable(Object.entries(result.outcomes).map(([outcome, requests]) => ({ outcome, requests })));
        say('');
        say(`disclosures released and entered in the ledger: ${result.disclosures}`);
        say(
          `against the synthetic truth: ${result.wrongfulDisclosures} wrongful disclosures; ${result.trueConfirmations} of ${result.expectedConfirmations} true confirmations made` +
            ` (${result.confirmationsRejectedForIdentifiers} of the others rejected at screening: the request carried neither a DOB nor a TIN)`,
        );
        say(`audit chain intact: ${result.auditEvents} events`);
        say('');
        say(`database        ${result.db}`);
        say(`response file   ${result.responseFile}`);
        say(`signed manifest ${result.files['signedManifest'] ?? ''}`);
        say(`synthetic data  ${result.files['data'] ?? ''}`);
        say(
          `next: bin/ddesk --db ${result.db} --actor demo-disclosure-officer batch show ${result.batchId}   |   bin/ddesk --db ${result.db} --actor demo-auditor ledger list`,
        );
      },
    );
}
