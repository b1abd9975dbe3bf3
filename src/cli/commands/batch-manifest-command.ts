import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { isoDate, systemClock } from '../../clock.ts';
import { DeskError } from '../../errors.ts';
import { MANIFEST_FIELDS, manifestDraftSchema, type ManifestDraft } from '../../intake/manifest.ts';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../../programs/program.ts';
import { printJson } from '../output.ts';

/**
 * A manifest as `batch check` reads it: a signed manifest (the compact JWS `batch sign` wrote; its
 * payload is read, the signature is `batch submit`'s to verify) or an unsigned draft, which may
 * still lack what `batch sign --records` fills in.
 */
export function readManifestDraft(file: string): { manifest: ManifestDraft; signed: boolean } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `cannot read manifest ${file}: ${(error as Error).message}`);
  }
  const signed = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(signed ? Buffer.from(text.split('.')[1] ?? '', 'base64url').toString('utf8') : text);
  } catch (error) {
    throw new DeskError(
      'INVALID_INPUT',
      `manifest ${file} is neither JSON nor a signed manifest (compact JWS): ${(error as Error).message}`,
    );
  }
  const result = manifestDraftSchema.safeParse(parsed);
  if (!result.success)
    throw new DeskError(
      'INVALID_INPUT',
      `manifest ${file} is invalid: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')} (ddesk batch manifest --template shows every field)`,
    );
  return { manifest: result.data, signed };
}

function fieldsHelp(): string {
  const width = Math.max(...MANIFEST_FIELDS.map((field) => field.name.length));
  return MANIFEST_FIELDS.map(
    (field) =>
      `  ${field.name.padEnd(width)}  ${field.filledBy === 'batch sign' ? '(filled in by batch sign) ' : ''}${field.meaning}`,
  ).join('\n');
}

/** Registers `ddesk batch manifest --template`. */
export function registerBatchManifestCommand(batch: Command): void {
  batch
    .command('manifest')
    .description('write a manifest to fill in: every field, with the values the program allows')
    .requiredOption('--template', 'print a manifest draft (JSON) for the program')
    .option('--program <id>', 'the program the request is made under', DEFAULT_PROGRAM_ID)
    .option('--records <file>', 'fill in record_count and records_sha256 from this records file')
    .addHelpText(
      'after',
      `\nManifest fields:\n${fieldsHelp()}\n\nExamples:\n  ddesk batch manifest --template > manifest.json          # then edit batch_id, attestation, …\n  ddesk batch check manifest.json requests.csv             # dry run: what screening would say\n  ddesk batch sign manifest.json --key director.key.pem --cert director.cert.pem --records requests.csv`,
    )
    .action(async (options: { program: string; records?: string }) => {
      const program = loadProgram(options.program);
      const today = isoDate(systemClock.now());
      const [signer] = program.authorizedSigners;
      const draft: ManifestDraft = {
        program: program.id,
        batch_id: `B-${today.slice(0, 4)}-0001`,
        requesting_agency: program.requestingAgency.code,
        requesting_official: signer?.title ?? '',
        statutory_authority: program.allowedStatutoryAuthorities[0] ?? '',
        attestation: 'REPLACE: what the official attests to about every person named in the records file',
        date: today,
        ...(options.records
          ? await (await import('../../intake/signature/records-digest.ts')).recordsDigest(options.records)
          : {}),
      };
      printJson(draft);
    });
}
