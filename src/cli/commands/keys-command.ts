import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { DeskError } from '../../errors.ts';
import { DEFAULT_KEYS_DIR, loadTrustConfig } from '../../intake/signature/trust-config.ts';
import { unverifiedProgramId, verifySignedManifest } from '../../intake/signature/verify-signed-manifest.ts';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../../programs/program.ts';
import { heading, printJson, printTable, say } from '../output.ts';
import { positiveInteger } from '../parse-arguments.ts';

export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('the signing PKI: a SYNTHETIC TEST agency CA and signers, verification');

  keys
    .command('init')
    .description(
      'make a SYNTHETIC TEST agency CA, certificates for the authorized officials, and bad ones for demos (private keys 0600)',
    )
    .option('--dir <dir>', 'where the keys go', DEFAULT_KEYS_DIR)
    .option(
      '--days <n>',
      'validity of the CA and the good signer certificates, in days',
      positiveInteger,
      365,
    )
    .option('--force', 'replace an existing CA (every certificate issued under it stops verifying)')
    .action(async (options: { dir: string; days: number; force?: boolean; json?: boolean }) => {
      const { days } = options;
      // Loaded on demand: certificate issuance pulls in @peculiar/x509 and a Reflect polyfill that
      // no other command needs.
      const { createTestPki, SIGNER_ROLES, signerFiles } = await import('../../intake/signature/test-pki.ts');
      const pki = await createTestPki(options.dir, { days, force: options.force ?? false });
      const rows = SIGNER_ROLES.map((role) => {
        const signer = pki.signers[role];
        return {
          role,
          serial: signer.serialNumber,
          not_after: signer.notAfter.toISOString().slice(0, 10),
          certificate: signerFiles(role).certificate,
          purpose: signer.purpose,
        };
      });
      if (options.json) printJson({ dir: options.dir, signers: rows });
      else {
        heading(
          `SYNTHETIC TEST PKI written to ${options.dir} (${pki.files.length} files; agency-ca.pem is the trust anchor)`,
        );
        printTable(rows);
      }
    });

  keys
    .command('verify <manifest.jws>')
    .description("verify a signed manifest's chain, signature and signer authority, without submitting it")
    .option('--dir <dir>', 'the trust folder: agency-ca.pem and revoked.json', DEFAULT_KEYS_DIR)
    .option('--program <idOrFile>', 'verify under this program (default: the one the manifest names)')
    .option('--at <iso>', 'verify as of this time (default: now)')
    .action(async (file: string, options: { dir: string; program?: string; at?: string; json?: boolean }) => {
      let jws: string;
      try {
        jws = readFileSync(file, 'utf8');
      } catch (error) {
        throw new DeskError('INVALID_INPUT', `cannot read ${file}: ${(error as Error).message}`);
      }
      const at = options.at ? new Date(options.at) : new Date();
      if (Number.isNaN(at.getTime()))
        throw new DeskError('INVALID_INPUT', `--at is not a date: "${options.at}"`);
      const programDef = loadProgram(options.program ?? unverifiedProgramId(jws) ?? DEFAULT_PROGRAM_ID);
      const verified = await verifySignedManifest(jws, programDef, loadTrustConfig(options.dir), at);
      if (options.json) printJson({ manifest: verified.manifest, signer: verified.signer });
      else
        say(
          `${file}: valid — batch ${verified.manifest.batch_id}, ${verified.manifest.record_count} records, signed by ${verified.signer.title} (${verified.signer.subject}, serial ${verified.signer.serialNumber})`,
        );
    });
}
