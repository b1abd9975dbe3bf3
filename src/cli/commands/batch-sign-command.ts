import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { DeskError } from '../../errors.ts';
import type { Manifest } from '../../intake/manifest.ts';
import { printJson, say } from '../output.ts';

interface SignOptions {
  key: string;
  cert: string;
  chain?: string;
  records?: string;
  out?: string;
  json?: boolean;
}

/** Registers `ddesk batch sign` on the batch command. */
export function registerBatchSignCommand(batch: Command, _program: Command): void {
  batch
    .command('sign <manifest.json>')
    .description("sign a manifest as a compact JWS (ES256, the signer's certificate chain in x5c)")
    .requiredOption('--key <signer.key.pem>', "the signer's private key (EC P-256, PKCS#8 PEM)")
    .requiredOption('--cert <signer.cert.pem>', "the signer's certificate (PEM)")
    .option('--chain <ca.pem>', 'issuer certificates to include after the signer certificate')
    .option(
      '--records <file>',
      'fill in record_count and records_sha256 from this records file before signing',
    )
    .option('--out <manifest.jws>', 'where the JWS goes (default: the manifest path with .jws)')
    .action(async (manifestFile: string, options: SignOptions) => {
      // Imported when signing, not with the module: every batch command registers this one.
      const [{ splitCertificatePems }, { recordsDigest }, { signManifest }] = await Promise.all([
        import('../../intake/signature/pem.ts'),
        import('../../intake/signature/records-digest.ts'),
        import('../../intake/signature/sign-manifest.ts'),
      ]);
      const certificates = (file: string) => certificatePems(file, splitCertificatePems);
      const manifest = readJson(manifestFile) as Manifest;
      if (options.records) Object.assign(manifest, await recordsDigest(options.records));
      const chainPems = [
        ...certificates(options.cert),
        ...(options.chain ? certificates(options.chain) : []),
      ];
      const jws = await signManifest(manifest, readText(options.key), chainPems);
      const out = options.out ?? `${manifestFile.replace(/\.json$/i, '')}.jws`;
      writeFileSync(out, `${jws}\n`);
      const signed = JSON.parse(
        Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as Manifest;
      if (options.json) {
        printJson({ out, certificates: chainPems.length, manifest: signed });
        return;
      }
      say(
        `signed batch ${manifest.batch_id} (${manifest.record_count} records, sha256 ${manifest.records_sha256}) with ${chainPems.length} certificate(s) → ${out}`,
      );
    });
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `cannot read ${file}: ${(error as Error).message}`);
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof DeskError) throw error;
    throw new DeskError('INVALID_INPUT', `${file} is not JSON: ${(error as Error).message}`);
  }
}

function certificatePems(file: string, split: (text: string) => string[]): string[] {
  const pems = split(readText(file));
  if (pems.length === 0) throw new DeskError('INVALID_INPUT', `${file} holds no PEM certificate`);
  return pems;
}
