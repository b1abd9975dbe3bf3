import type { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditTree, signCheckpoint, storedCheckpoints } from '../../audit/checkpoint.ts';
import {
  initSigningKey,
  loadOrCreateSigningKey,
  signingKeyFile,
  verifierKeyFile,
} from '../../audit/desk-signing-key.ts';
import { inclusionProof } from '../../audit/merkle-tree.ts';
import { parseVerifierKey, verifierKeyText, type NoteVerifier } from '../../audit/signed-note.ts';
import { taxpayerPseudonym } from '../../audit/taxpayer-pseudonym.ts';
import { parseRecordedHead, verifyAuditLog } from '../../audit/verify-audit-log.ts';
import { normalizeTin } from '../../linkage/normalize/normalize-record.ts';
import { DeskError } from '../../errors.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { printJson, printTable, say } from '../output.ts';
import { positiveInteger } from '../parse-arguments.ts';

function readVerifier(file: string): NoteVerifier {
  try {
    return parseVerifierKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeskError(
      'INVALID_INPUT',
      `cannot use ${file} as the desk's verifier key: ${(error as Error).message}`,
    );
  }
}

/** Checkpoint notes from files or folders (every *.note in a folder). */
function readCheckpointNotes(sources: readonly string[]): { source: string; note: string }[] {
  const files = sources.flatMap((source) => {
    if (!existsSync(source)) throw new DeskError('NOT_FOUND', `no checkpoint file or folder ${source}`);
    return statSync(source).isDirectory()
      ? readdirSync(source)
          .filter((name) => name.endsWith('.note'))
          .sort()
          .map((name) => path.join(source, name))
      : [source];
  });
  return files.map((file) => ({ source: file, note: readFileSync(file, 'utf8') }));
}

export function registerAuditCommand(program: Command): void {
  const audit = program
    .command('audit')
    .description('the audit log: a Merkle log of every event, its signed checkpoints and proofs');
  const globals = () => program.opts<GlobalOptions>();

  audit
    .command('verify')
    .description(
      'check every event, the rows each event wrote (requests, decisions, ledger, batch stage) and every checkpoint; names each broken record and exits 8 if there is one',
    )
    .option(
      '--checkpoint <file...>',
      'signed checkpoints kept outside the database (files or folders of *.note): the log must extend each',
    )
    .option('--public-key <file>', "the desk's verifier key (default: the one beside the desk's signing key)")
    .option('--head <size:root>', 'a head recorded earlier with `ddesk audit head`: the log must extend it')
    .addHelpText(
      'after',
      '\nExample (an auditor):\n  ddesk audit checkpoint export --out /audit/desk-checkpoints   (now and then)\n  ddesk audit verify --checkpoint /audit/desk-checkpoints --public-key /audit/desk.vkey',
    )
    .action(async (options: { json?: boolean; head?: string; checkpoint?: string[]; publicKey?: string }) => {
      const head = options.head === undefined ? null : parseRecordedHead(options.head);
      if (options.head !== undefined && !head)
        throw new DeskError(
          'INVALID_INPUT',
          '--head must be SIZE:ROOT (64 hex digits), as `ddesk audit head` prints it',
        );
      const checkpoints = readCheckpointNotes(options.checkpoint ?? []);
      const defaultKey = verifierKeyFile(signingKeyFile(globals().db));
      const verifier = options.publicKey
        ? readVerifier(options.publicKey)
        : existsSync(defaultKey)
          ? readVerifier(defaultKey)
          : null;
      if (checkpoints.length && !verifier)
        throw new DeskError(
          'INVALID_INPUT',
          "checking a checkpoint's signature needs the desk's verifier key: pass --public-key",
        );
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('audit.read');
        const verdict = await verifyAuditLog(store, { checkpoints, verifier, head });
        if (options.json) printJson(verdict);
        switch (verdict.kind) {
          case 'intact':
            if (!options.json)
              say(
                `audit log intact: ${verdict.rows} events, root ${verdict.root}; every covered row matches its event; ${verdict.checkpointsChecked} checkpoint(s) extended`,
              );
            return;
          case 'broken':
            if (!options.json)
              for (const problem of verdict.problems)
                say(`  ${problem.seq === null ? 'log' : `event ${problem.seq}`}: ${problem.problem}`);
            throw new DeskError(
              'AUDIT_CHAIN_BROKEN',
              `audit log broken at seq ${verdict.seq}: ${verdict.problem}${verdict.problems.length > 1 ? ` (and ${verdict.problems.length - 1} more problem(s))` : ''}`,
              { seq: verdict.seq },
            );
        }
      });
    });

  audit
    .command('head')
    .description(
      "print the log's size and Merkle root as SIZE:ROOT, to record outside the database (then: audit verify --head)",
    )
    .action(async (options: { json?: boolean }) => {
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('audit.read');
        const tree = await auditTree(store);
        if (tree.leaves.length === 0) throw new DeskError('NOT_FOUND', 'the audit log is empty');
        const root = tree.root.toString('hex');
        if (options.json)
          printJson({ size: tree.leaves.length, root, head: `${tree.leaves.length}:${root}` });
        else process.stdout.write(`${tree.leaves.length}:${root}\n`);
      });
    });

  audit
    .command('log')
    .description('the latest audit events (Publication 1075 fields)')
    .option('--batch <id>', 'only events of this batch')
    .option('--limit <n>', 'how many', positiveInteger, 50)
    .action(async (options: { batch?: string; limit: number; json?: boolean }) => {
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('audit.read');
        const rows = await store.all<Record<string, unknown> & { detail: string }>(
          `SELECT seq, occurred_at, actor, action, outcome, object, description, host, process_id, interface, batch_id, detail
           FROM audit_log WHERE $1::VARCHAR IS NULL OR batch_id = $1 ORDER BY seq DESC LIMIT $2`,
          [options.batch ?? null, options.limit],
        );
        // The detail is stored as JSON text; in JSON output it is an object, not a string inside one.
        if (options.json)
          printJson(rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as unknown })));
        else
          printTable(rows, [
            'seq',
            'occurred_at',
            'actor',
            'action',
            'outcome',
            'object',
            'interface',
            'host',
          ]);
      });
    });

  audit
    .command('prove <seq>')
    .description('an RFC 6962 inclusion proof of one event in the log as it stands (JSON)')
    .action(async (seqText: string) => {
      const seq = Number(seqText);
      if (!Number.isInteger(seq) || seq < 1)
        throw new DeskError('INVALID_INPUT', `<seq> is an event number, not "${seqText}"`);
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('audit.read');
        const tree = await auditTree(store);
        if (seq > tree.leaves.length)
          throw new DeskError('NOT_FOUND', `the log has ${tree.leaves.length} events`);
        printJson({
          origin: tree.origin,
          treeSize: tree.leaves.length,
          rootHash: tree.root.toString('base64'),
          leafIndex: seq - 1,
          leafHash: tree.leaves[seq - 1]?.toString('base64'),
          inclusionProof: inclusionProof(tree.leaves, seq - 1).map((hash) => hash.toString('base64')),
        });
      });
    });

  const checkpoint = audit
    .command('checkpoint')
    .description("the desk's signed checkpoints (log size + root)");
  checkpoint
    .command('export')
    .description(
      'every signed checkpoint as a file (<size>-<time>.note) and the verifier key (desk.vkey), for auditors to keep elsewhere; without --out, the latest checkpoint on stdout',
    )
    .option('--out <dir>', 'the folder to write them to')
    .action(async (options: { out?: string; json?: boolean }) => {
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('audit.read');
        const checkpoints = await storedCheckpoints(store);
        if (!options.out) {
          const latest = checkpoints.at(-1);
          if (!latest)
            throw new DeskError(
              'NOT_FOUND',
              'the desk has signed no checkpoint yet (`ddesk audit checkpoint sign`)',
            );
          if (options.json) printJson({ note: latest.note });
          else process.stdout.write(latest.note);
          return;
        }
        mkdirSync(options.out, { recursive: true });
        for (const stored of checkpoints) {
          const name = `${String(stored.tree_size).padStart(8, '0')}-${stored.signed_at.replace(/[:.]/g, '')}.note`;
          writeFileSync(path.join(options.out, name), stored.note);
        }
        const keyFile = verifierKeyFile(signingKeyFile(globals().db));
        if (existsSync(keyFile)) writeFileSync(path.join(options.out, 'desk.vkey'), readFileSync(keyFile));
        if (options.json) printJson({ out: options.out, checkpoints: checkpoints.length });
        else say(`${checkpoints.length} checkpoint(s) written to ${options.out}`);
      });
    });
  checkpoint
    .command('sign')
    .description(
      'sign a checkpoint of the log now (the desk also signs one at every release and at least daily)',
    )
    .action(async (options: { json?: boolean }) => {
      await withStore(globals(), async ({ store, clock, authorize }) => {
        await authorize('audit.checkpoint');
        const signed = await signCheckpoint(
          store,
          clock,
          loadOrCreateSigningKey(signingKeyFile(globals().db)),
        );
        if (options.json) printJson({ note: signed.note });
        else process.stdout.write(signed.note);
      });
    });
  checkpoint
    .command('list')
    .description('the checkpoints the desk signed')
    .action(async (options: { json?: boolean }) => {
      await withStore(globals(), async ({ store, authorize }) => {
        await authorize('audit.read');
        const rows = (await storedCheckpoints(store)).map(({ note: _note, ...row }) => row);
        if (options.json) printJson(rows);
        else printTable(rows);
      });
    });

  audit
    .command('taxpayer-ref <tin>')
    .description(
      'the pseudonym under which the log records reads of one taxpayer (keyed by the desk key; `-` reads the TIN from stdin)',
    )
    .action(async (tinArgument: string, options: { json?: boolean }) => {
      const tin = normalizeTin(tinArgument === '-' ? readFileSync(0, 'utf8').trim() : tinArgument);
      if (!tin) throw new DeskError('INVALID_INPUT', 'a TIN has 9 digits (123-45-6789 or 123456789)');
      // Only an auditor may turn a TIN into the log's pseudonym for it.
      await withStore(globals(), async ({ authorize }) => {
        await authorize('audit.read');
        const pseudonym = taxpayerPseudonym(loadOrCreateSigningKey(signingKeyFile(globals().db)), tin);
        if (options.json) printJson({ pseudonym });
        else process.stdout.write(`${pseudonym}\n`);
      });
    });

  const key = audit.command('key').description("the desk's signing key (Ed25519, file 0600)");
  key
    .command('init')
    .description(
      `make the desk's signing key (default: desk-keys/ beside the database, or $DDESK_SIGNING_KEY_FILE) and print its verifier key`,
    )
    .option('--file <file>', 'where to write it')
    .option('--name <name>', 'the key name in signatures (default: disclosure-desk.<host>)')
    .option(
      '--force',
      'replace an existing key (checkpoints it signed verify only with the old verifier key)',
    )
    .action((options: { file?: string; name?: string; force?: boolean; json?: boolean }) => {
      const file = options.file ?? signingKeyFile(globals().db);
      const signer = initSigningKey(file, {
        ...(options.name ? { name: options.name } : {}),
        force: options.force ?? false,
      });
      if (options.json) {
        printJson({ file, verifierKeyFile: verifierKeyFile(file), verifierKey: verifierKeyText(signer) });
        return;
      }
      say(`signing key written to ${file} (0600); verifier key in ${verifierKeyFile(file)}:`);
      process.stdout.write(`${verifierKeyText(signer)}\n`);
    });
  key
    .command('show')
    .description("print the desk's verifier key (public; auditors keep a copy)")
    .action((options: { json?: boolean }) => {
      const file = signingKeyFile(globals().db);
      const verifierKey = verifierKeyText(loadOrCreateSigningKey(file));
      if (options.json) printJson({ verifierKey });
      else process.stdout.write(`${verifierKey}\n`);
    });
}
