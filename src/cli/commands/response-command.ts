import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DeskError } from '../../errors.ts';
import { splitCertificatePems } from '../../intake/signature/pem.ts';
import { DEFAULT_KEYS_DIR } from '../../intake/signature/trust-config.ts';
import { parseResponse, RESPONSE_FORMATS, type ResponseFormat } from '../../release/response-document.ts';
import { DESK_KEY_FILES, verifyResponseSignature } from '../../release/response-signature.ts';
import { heading, printJson, printTable } from '../output.ts';

function readBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new DeskError('INVALID_INPUT', `cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

export function registerResponseCommand(program: Command): void {
  const response = program
    .command('response')
    .description('the signed response files the desk releases, as the requesting agency receives them');
  response
    .command('verify <file>')
    .description(
      "check a response file: the desk's detached signature (<file>.jws) against the disclosure office's CA, and its header block against its rows",
    )
    .option('--signature <file>', 'the detached JWS (default: <file>.jws)')
    .option(
      '--keys <dir>',
      `the folder holding the disclosure office's CA (${DESK_KEY_FILES.caCertificate})`,
      DEFAULT_KEYS_DIR,
    )
    .addOption(
      new Option('--format <format>', 'csv or jsonl (default: from the file name)').choices(RESPONSE_FORMATS),
    )
    .addHelpText(
      'after',
      '\nExample:\n  ddesk response verify out/responses/B-2026-0001.response.csv --keys out/keys',
    )
    .action(
      async (
        file: string,
        options: { signature?: string; keys: string; format?: ResponseFormat; json?: boolean },
      ) => {
        const format = options.format ?? (file.endsWith('.jsonl') ? 'jsonl' : 'csv');
        const content = readBytes(file, 'response file');
        const jws = readBytes(options.signature ?? `${file}.jws`, 'signature').toString('utf8');
        const caPems = splitCertificatePems(
          readBytes(
            path.join(options.keys, DESK_KEY_FILES.caCertificate),
            "the disclosure office's CA",
          ).toString('utf8'),
        );
        const document = parseResponse(content.toString('utf8'), format, file);
        const signedAt = new Date(document.header.released_at);
        if (Number.isNaN(signedAt.getTime()))
          throw new DeskError(
            'MALFORMED_FILE',
            `${file}: released_at is not a time: ${document.header.released_at}`,
          );
        const signer = await verifyResponseSignature(content, jws, caPems, signedAt);
        const codeIndex = document.columns.indexOf('code');
        const counts: Record<string, number> = {};
        for (const row of document.rows)
          counts[row[codeIndex] ?? ''] = (counts[row[codeIndex] ?? ''] ?? 0) + 1;
        if (options.json)
          printJson({
            valid: true,
            header: document.header,
            columns: document.columns,
            codes: counts,
            signer,
          });
        else {
          heading(
            `${file}: valid — batch ${document.header.batch_id}, ${document.header.record_count} answers, released ${document.header.released_at}, signed by ${signer.subject} (serial ${signer.serialNumber})`,
          );
          printTable(Object.entries(counts).map(([code, answers]) => ({ code, answers })));
        }
      },
    );
}
