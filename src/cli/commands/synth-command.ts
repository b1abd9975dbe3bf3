import type { Command } from 'commander';
import { DeskError } from '../../errors.ts';
import { REQUEST_KINDS, type RequestKind } from '../../synth/requests/request-kinds.ts';
import { DEFAULT_AS_OF, generateSynthFolder, type SynthProgress } from '../../synth/synth-folder.ts';
import { heading, printJson, printTable, say } from '../output.ts';
import { progressBar, progressQuiet } from '../progress.ts';
import { calendarDate } from '../parse-arguments.ts';

interface SynthCommandOptions {
  out: string;
  seed: string;
  taxpayers: string;
  requests: string;
  asOf: string;
  namesFrom?: string;
  mix?: string;
  officerLoad: string;
  json?: boolean;
}

function positiveInteger(flag: string, value: string, allowZero = false): number {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < (allowZero ? 0 : 1))
    throw new DeskError(
      'INVALID_INPUT',
      `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got "${value}"`,
    );
  return parsed;
}

function parseMix(value: string | undefined): Partial<Record<RequestKind, number>> {
  if (!value) return {};
  const mix: Partial<Record<RequestKind, number>> = {};
  for (const part of value.split(',')) {
    const [kind = '', share = ''] = part.split('=').map((s) => s.trim());
    if (!(REQUEST_KINDS as readonly string[]).includes(kind))
      throw new DeskError(
        'INVALID_INPUT',
        `--mix: unknown kind "${kind}" (one of ${REQUEST_KINDS.join(', ')})`,
      );
    const number = Number(share);
    if (!(number >= 0)) throw new DeskError('INVALID_INPUT', `--mix: share for ${kind} must be a number ≥ 0`);
    mix[kind as RequestKind] = number;
  }
  return mix;
}

/** Progress for people: a bar on a terminal, a line every tenth of the way otherwise (large runs only). */
function progressReporter(
  taxpayers: number,
  requests: number,
): { update: (p: SynthProgress) => void; stop: () => void } {
  const bars = {
    reference: progressBar('taxpayers', taxpayers),
    requests: progressBar('requests', requests),
  };
  const lastTenth = { reference: -1, requests: -1 };
  const quiet = progressQuiet() || process.stderr.isTTY || taxpayers + requests < 200_000;
  return {
    update: (p) => {
      bars[p.phase].update(p.done);
      if (p.phase === 'requests' && p.done > 0) bars.reference.stop();
      const tenth = Math.floor((10 * p.done) / Math.max(1, p.total));
      if (!quiet && tenth !== lastTenth[p.phase]) {
        lastTenth[p.phase] = tenth;
        say(`synth: ${p.phase} ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')}`);
      }
    },
    stop: () => {
      bars.reference.stop();
      bars.requests.stop();
    },
  };
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description(
      'write a synthetic program-mode benchmark folder: a taxpayer reference (several tax years, households, ' +
        'moves, Jr/Sr, SSN- and ITIN-style TINs), request records with realistic variations and defects, and their ground truth',
    )
    .requiredOption(
      '--out <dir>',
      'the benchmark folder to write (reference.csv, requests.csv, truth.csv, meta.json)',
    )
    .option('--seed <n>', 'random seed: the same seed and flags give byte-identical files', '1')
    .option('--taxpayers <n>', 'distinct taxpayers in the reference (about 3.3 rows each)', '1000')
    .option('--requests <n>', 'request records', '1000')
    .option(
      '--as-of <date>',
      'the screening date (YYYY-MM-DD): tax-year window and removal-order dates follow it',
      calendarDate,
      DEFAULT_AS_OF,
    )
    .option(
      '--names-from <dir>',
      'draw names from a pseudopeople folder (decennial_census.parquet) instead of the embedded tables',
    )
    .option(
      '--mix <kind=share,...>',
      `override request-kind shares (normalized to 1); kinds: ${REQUEST_KINDS.join(', ')}`,
    )
    .option('--officer-load <n>', 'requests per investigating officer (sizes the officer pool)', '200')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  ddesk synth --out out/synth-small --seed 7 --taxpayers 3000 --requests 1000',
        '  ddesk synth --out out/synth-1m --taxpayers 300000 --requests 100000 --json',
        '  ddesk synth --out out/synth-hard --mix confirmed=0.3,household-non-filer=0.3',
        '  ddesk synth --out out/synth-pp --names-from ../shared/datasets/pseudopeople',
        '',
        'Truth (truth.csv): CONFIRMED = the request came from that taxpayer at their address of record (latest',
        'tax year), however it is spelled; NOT_CONFIRMED = that taxpayer at another address; NO_RECORD = a person',
        'who never filed (some share a home or a name with a filer); REJECTED = one statutory or program defect.',
        'See src/synth/README.md.',
      ].join('\n'),
    )
    .action(async (options: SynthCommandOptions) => {
      const taxpayers = positiveInteger('--taxpayers', options.taxpayers);
      const requests = positiveInteger('--requests', options.requests, true);
      const seed = positiveInteger('--seed', options.seed, true);
      const officerLoad = positiveInteger('--officer-load', options.officerLoad);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf)))
        throw new DeskError('INVALID_INPUT', `--as-of must be YYYY-MM-DD, got "${options.asOf}"`);
      const progress = progressReporter(taxpayers, requests);
      const summary = await generateSynthFolder(
        {
          out: options.out,
          seed,
          taxpayers,
          requests,
          asOf: options.asOf,
          ...(options.namesFrom ? { namesFrom: options.namesFrom } : {}),
          mix: parseMix(options.mix),
          officerLoad,
        },
        progress.update,
      );
      progress.stop();
      if (options.json) {
        printJson(summary);
        return;
      }
      const seconds = summary.elapsedMs / 1000;
      heading(
        `wrote ${summary.out}: ${summary.referenceRows.toLocaleString('en-US')} reference rows ` +
          `(${summary.taxpayers.toLocaleString('en-US')} taxpayers in ${summary.households.toLocaleString('en-US')} households), ` +
          `${summary.requests.toLocaleString('en-US')} requests, ${summary.officers} officers, in ${seconds.toFixed(1)} s`,
      );
      printTable(Object.entries(summary.outcomes).map(([outcome, requests]) => ({ outcome, requests })));
      printTable(
        Object.entries(summary.scenarios)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([scenario, requests]) => ({ scenario, requests })),
      );
      printTable(
        Object.entries(summary.traits)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([trait, requests]) => ({ trait, requests })),
      );
      heading(
        `${summary.withoutIdentifiers.toLocaleString('en-US')} requests carry neither a date of birth nor a TIN ` +
          '(the IRS–ICE program rejects them at screening; their truth is what the world says)',
      );
      // The truth holds as of this date (meta.json); screening on another day judges other periods.
      heading(
        `the requests are written as of ${options.asOf} (meta.json as_of): screen them with ddesk batch screen <batch> --as-of ${options.asOf}`,
      );
    });
}
