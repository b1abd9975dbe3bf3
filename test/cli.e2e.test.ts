import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, runCli, staffDesk, tempDir } from './cli.ts';
import { FIXTURE, preparedDesk } from './desk-fixture.ts';

const REQUESTS = path.join(FIXTURE, 'requests.csv');

const DDESK = path.join(ROOT, 'bin', 'ddesk');

/** Runs `ddesk … | head -n LINES` through a real shell pipe, as an operator would. */
function throughHead(
  args: readonly string[],
  lines: number,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const quoted = args.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    // `set -o pipefail` makes the exit code ddesk's, not head's.
    const child = spawn('bash', ['-c', `set -o pipefail; '${DDESK}' ${quoted} | head -n ${lines}`], {
      env: { ...process.env, DDESK_DEMO_DESK: '1', DDESK_ACTOR: 'e2e-tester' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function newDesk(name: string): Promise<string> {
  const db = path.join(tempDir(name), 'desk.duckdb');
  await staffDesk(db);
  return db;
}

describe('the ddesk command line, as a new operator uses it', () => {
  it('prints its version, and the same help for "help <command> <subcommand>" as for --help', async () => {
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);

    const viaHelp = await runCli(['help', 'batch', 'submit']);
    const viaFlag = await runCli(['batch', 'submit', '--help']);
    assert.equal(viaHelp.code, 0, viaHelp.stderr);
    assert.equal(viaFlag.code, 0, viaFlag.stderr);
    assert.equal(viaHelp.stdout, viaFlag.stdout);
    assert.match(viaHelp.stdout, /^Usage: ddesk batch submit \[options\] <manifest> <records>/);
    assert.match(viaHelp.stdout, /--db <file>/, 'the options every command takes are listed too');
    assert.match(viaHelp.stdout, /--json/);

    const unknown = await runCli(['help', 'batch', 'sumbit']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /"ddesk batch" has no command "sumbit"; it has: .*submit/);
  });

  it('exits 2 for a usage error: unknown option, missing argument, a bad date or number', async () => {
    const db = await newDesk('usage');
    for (const args of [
      ['batch', 'list', '--bogus'],
      ['batch', 'screen'],
      ['batch', 'screen', 'B1', '--as-of', '2025-02-30'],
      ['ledger', 'list', '--limit', 'abc'],
      ['ledger', 'report', '--year', 'abc'],
      ['frobnicate'],
    ]) {
      const result = await runCli(['--db', db, ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^error: /m, args.join(' '));
      assert.doesNotMatch(result.stderr, /unexpected error/, args.join(' '));
    }
    const screen = await runCli(['--db', db, 'batch', 'screen', 'B1', '--as-of', '2025-02-30']);
    assert.match(screen.stderr, /2025-02-30 is not a calendar date/);
    // Refused before anything ran: the impossible date is nowhere in the audit log.
    const log = await runCli(['--db', db, 'audit', 'log', '--json']);
    assert.doesNotMatch(log.stdout, /2025-02-30|batch screen/);
  });

  it('ends quietly when a pipe closes early (| head), in JSON and as a table', async () => {
    // Output well past a pipe's 64 KiB buffer, so that ddesk is still writing when head has gone.
    const data = path.join(tempDir('pipe'), 'data');
    const made = await runCli([
      'synth',
      '--out',
      data,
      '--seed',
      '3',
      '--taxpayers',
      '300',
      '--requests',
      '3000',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const manifest = path.join(data, 'manifest.json');
    const template = await runCli(['batch', 'manifest', '--template']);
    writeFileSync(manifest, template.stdout);
    const check = ['batch', 'check', manifest, path.join(data, 'requests.csv'), '--examples', '100000'];
    for (const args of [[...check, '--json'], check]) {
      const piped = await throughHead(args, 1);
      assert.equal(piped.code, 0, `${args.join(' ')}: ${piped.stderr}`);
      assert.equal(piped.stdout.split('\n').filter(Boolean).length, 1);
      assert.doesNotMatch(piped.stderr, /EPIPE|Error|at /, args.join(' '));
    }
    const whole = await runCli([...check, '--json']);
    assert.ok(whole.stdout.length > 128 * 1024, `the report is ${whole.stdout.length} bytes`);
  });

  it('prints one JSON document for --json, declared once, before or after the command name', async () => {
    const db = await newDesk('json');
    const program = path.join(ROOT, 'src', 'programs', 'definitions', 'irs-ice-6103i2.json');
    for (const args of [
      ['--json', 'roles', 'whoami'],
      ['roles', 'grant', 'carol', 'reviewer', '--json'],
      ['--json', 'roles', 'revoke', 'carol', 'reviewer'],
      ['--json', 'batch', 'list'],
      ['audit', 'head', '--json'],
      ['--json', 'audit', 'log', '--limit', '3'],
      ['--json', 'audit', 'checkpoint', 'sign'],
      ['--json', 'ledger', 'list'],
      ['--json', 'program', 'validate', program],
    ]) {
      const result = await runCli(['--db', db, ...args]);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.doesNotThrow(() => JSON.parse(result.stdout) as unknown, `${args.join(' ')}: ${result.stdout}`);
    }
    const log = JSON.parse((await runCli(['--db', db, '--json', 'audit', 'log'])).stdout) as {
      detail: unknown;
    }[];
    assert.ok(
      log.every((event) => typeof event.detail === 'object'),
      'detail is an object, not JSON text',
    );
  });

  it('refuses a --db that names no desk database, instead of creating an empty one', async () => {
    const dir = tempDir('db-traps');
    const typo = path.join(dir, 'deks.duckdb');
    const missing = await runCli(['--db', typo, 'audit', 'verify']);
    assert.equal(missing.code, 6, missing.stderr);
    assert.match(missing.stderr, /NOT_FOUND: no desk database at .*deks\.duckdb: .*ddesk --db .* init/);
    assert.equal(existsSync(typo), false, 'nothing was created');

    const csv = path.join(dir, 'reference.csv');
    writeFileSync(csv, 'taxpayer_id,tax_year,first_name,last_name,tin\nT1,2024,Ana,Ruiz,900700001\n');
    const notADesk = await runCli(['--db', csv, 'reference', 'load', csv]);
    assert.equal(notADesk.code, 2, notADesk.stderr);
    assert.match(
      notADesk.stderr,
      /--db .*reference\.csv is not a desk database \(it is a text file, such as a CSV\)/,
    );
    assert.doesNotMatch(notADesk.stderr, /900700001|Ruiz/, 'the file is never quoted');
    assert.equal(readFileSync(csv, 'utf8').startsWith('taxpayer_id'), true, 'the file is untouched');

    const sqlite = path.join(dir, 'other.db');
    writeFileSync(sqlite, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]));
    const foreign = await runCli(['--db', sqlite, 'batch', 'list']);
    assert.equal(foreign.code, 2, foreign.stderr);
    assert.match(foreign.stderr, /is not a desk database \(it is an SQLite database\)/);
    assert.doesNotMatch(foreign.stderr, /extension|http/i, 'DuckDB never tried to read it');

    const made = await runCli(['--db', typo, 'init']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(
      made.stdout + made.stderr,
      /created desk database .*deks\.duckdb; asserted:e2e-tester .* is its admin/,
    );
    assert.equal((await runCli(['--db', typo, 'audit', 'verify'])).code, 0);
    const again = await runCli(['--db', typo, 'init']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
  });

  it('reports a database another command holds as busy (exit 9), naming the process and what to do', async () => {
    const db = await newDesk('busy');
    const holder = spawn(process.execPath, [path.join(ROOT, 'test', 'hold-database.ts'), db], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('holding')) resolve();
        });
        holder.on('exit', (code) => reject(new Error(`the holder exited (${String(code)})`)));
      });
      const busy = await runCli(['--db', db, 'batch', 'list']);
      assert.equal(busy.code, 9, busy.stderr);
      assert.match(
        busy.stderr,
        new RegExp(
          `DATABASE_BUSY: the desk database .* is in use by process ${holder.pid} \\(.*\\): wait for that command to finish`,
        ),
      );
      assert.doesNotMatch(busy.stderr, /unexpected error|Conflicting lock/);
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.on('close', resolve));
    }
    assert.equal((await runCli(['--db', db, 'batch', 'list'])).code, 0, 'free again once the holder is done');
  });
});

describe('no invisible state and no traps (through the CLI)', () => {
  it('writes a manifest template, and batch check reads it as a draft or signed, computing count and SHA-256', async () => {
    const desk = await preparedDesk('manifest-template');
    const template = await desk.ddesk('batch', 'manifest', '--template', '--records', REQUESTS);
    assert.equal(template.code, 0, template.stderr);
    const draft = JSON.parse(template.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(draft).sort(), [
      'attestation',
      'batch_id',
      'date',
      'program',
      'record_count',
      'records_sha256',
      'requesting_agency',
      'requesting_official',
      'statutory_authority',
    ]);
    assert.equal(draft['requesting_agency'], 'DHS-ICE');
    const help = await desk.ddesk('help', 'batch', 'manifest');
    for (const field of ['issued_at', 'records_sha256', 'requesting_official', 'attestation'])
      assert.match(help.stdout, new RegExp(`^  ${field} `, 'm'), `the help documents ${field}`);

    // A draft without count and digest: batch check computes both.
    const bare = path.join(desk.dir, 'bare.json');
    const { record_count: _count, records_sha256: _sha, ...rest } = draft;
    writeFileSync(bare, JSON.stringify(rest));
    const fromDraft = await desk.ddesk('--json', 'batch', 'check', bare, REQUESTS);
    assert.equal(fromDraft.code, 0, fromDraft.stderr);
    const report = JSON.parse(fromDraft.stdout) as {
      recordCount: number;
      recordsSha256: string;
      signedManifest: boolean;
      recordCountMismatch: unknown;
    };
    assert.equal(report.recordCount, draft['record_count']);
    assert.equal(report.recordsSha256, draft['records_sha256']);
    assert.equal(report.signedManifest, false);
    assert.equal(report.recordCountMismatch, null);

    // The signed manifest itself (the .jws batch submit takes).
    const fromJws = await desk.ddesk('batch', 'check', desk.jws, REQUESTS, '--json');
    assert.equal(fromJws.code, 0, fromJws.stderr);
    assert.equal((JSON.parse(fromJws.stdout) as { signedManifest: boolean }).signedManifest, true);
    const table = await desk.ddesk('batch', 'check', desk.jws, REQUESTS);
    assert.match(
      table.stdout,
      /records file: \d+ records, SHA-256 [0-9a-f]{64} \(manifest read from the signed JWS/,
    );
    assert.match(table.stdout, /^rule\s+citation/m, 'the heading and its table on one stream');
  });

  it('loads a reference only into an empty desk unless --replace, showing the counts before and after', async () => {
    const db = await newDesk('reference');
    const reference = path.join(FIXTURE, 'reference.csv');
    const first = await runCli(['--db', db, '--json', 'reference', 'load', reference]);
    assert.equal(first.code, 0, first.stderr);
    const loaded = JSON.parse(first.stdout) as { before: { rows: number }; after: { rows: number } };
    assert.equal(loaded.before.rows, 0);
    assert.ok(loaded.after.rows > 0);

    const again = await runCli(['--db', db, 'reference', 'load', reference]);
    assert.equal(again.code, 2, again.stderr);
    assert.match(
      again.stderr,
      new RegExp(`the reference holds ${loaded.after.rows} rows .* run again with --replace`),
    );

    const dir = tempDir('reference-src');
    const noYear = path.join(dir, 'no-year.csv');
    writeFileSync(noYear, 'taxpayer_id,first_name,last_name\nT9,Ana,Ruiz\n');
    const refused = await runCli(['--db', db, 'reference', 'load', noYear, '--replace']);
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /missing required column\(s\) tax_year; the reference was not changed/);

    const smaller = path.join(dir, 'smaller.csv');
    writeFileSync(smaller, readFileSync(reference, 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
    const replaced = await runCli(['--db', db, '--json', 'reference', 'load', smaller, '--replace']);
    assert.equal(replaced.code, 0, replaced.stderr);
    const counts = JSON.parse(replaced.stdout) as { before: { rows: number }; after: { rows: number } };
    assert.deepEqual(
      [counts.before.rows, counts.after.rows],
      [loaded.after.rows, 2],
      'nothing was lost by the refusals',
    );

    const fresh = path.join(dir, 'fresh.duckdb');
    assert.equal((await runCli(['--db', fresh, 'reference', 'load', reference])).code, 6);
    assert.equal((await runCli(['--db', fresh, 'reference', 'load', reference, '--create'])).code, 0);
  });

  it('prints no progress with --quiet, even where a large synth run would print a line every tenth', async () => {
    // 200,000 taxpayers and requests together is where synth starts its plain progress lines.
    const data = path.join(tempDir('quiet-synth'), 'data');
    const made = await runCli([
      '--quiet',
      'synth',
      '--out',
      data,
      '--seed',
      '3',
      '--taxpayers',
      '150000',
      '--requests',
      '50000',
    ]);
    assert.equal(made.code, 0, made.stderr);
    assert.doesNotMatch(made.stderr, /synth: (reference|requests)/);
    assert.ok(existsSync(path.join(data, 'truth.csv')));
  });

  it('shows a screening hold and the screening date at batch screen, batch show and batch list', async () => {
    const data = path.join(tempDir('hold-data'), 'data');
    // One investigating officer named on 600 requests: over the program's 500, the batch is held.
    const made = await runCli([
      'synth',
      '--out',
      data,
      '--seed',
      '5',
      '--taxpayers',
      '300',
      '--requests',
      '600',
      '--officer-load',
      '600',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const asOf = (JSON.parse(readFileSync(path.join(data, 'meta.json'), 'utf8')) as { as_of: string }).as_of;
    const desk = await preparedDesk(
      'hold',
      path.join(data, 'requests.csv'),
      false,
      path.join(data, 'reference.csv'),
    );
    const { ddesk, batchId } = desk;
    assert.equal((await ddesk('batch', 'submit', desk.jws, desk.recordsFile, '--keys', desk.keys)).code, 0);
    const early = await ddesk(
      'batch',
      'release',
      batchId,
      '--keys',
      desk.keys,
      '--out',
      path.join(desk.dir, 'out'),
    );
    assert.equal(early.code, 7, early.stderr);
    assert.match(
      early.stderr,
      /WRONG_STAGE: batch .* is verified; only an approved batch is released \(next: ddesk batch screen\)/,
    );
    const screened = await ddesk('batch', 'screen', batchId, '--as-of', asOf);
    assert.equal(screened.code, 0, screened.stderr);
    assert.match(screened.stdout, new RegExp(`screened 600 requests as of ${asOf}`));
    assert.match(
      screened.stdout,
      /batch HELD — investigation\.officer-caseload .*approval waits .*ddesk batch resolve-hold/,
    );

    const shown = await ddesk('batch', 'show', batchId);
    assert.match(shown.stdout, new RegExp(`screened_as_of[\\s\\S]*${asOf}`));
    assert.match(
      shown.stdout,
      /HELD — investigation\.officer-caseload: .*open: a disclosure officer must resolve it/,
    );
    const json = JSON.parse((await ddesk('batch', 'show', batchId, '--json')).stdout) as {
      screened_as_of: string;
      open_holds: number;
      findings: { rule_id: string; resolved_at: string | null }[];
    };
    assert.equal(json.screened_as_of, asOf);
    assert.equal(json.open_holds, 1);
    const listed = JSON.parse((await ddesk('batch', 'list', '--json')).stdout) as {
      open_holds: number;
      screened_as_of: string;
    }[];
    assert.deepEqual([listed[0]?.open_holds, listed[0]?.screened_as_of], [1, asOf]);

    const resolved = await desk.as(
      'officer',
      'batch',
      'resolve-hold',
      batchId,
      '--rule',
      'investigation.officer-caseload',
      '--note',
      'a task force: checked',
    );
    assert.equal(resolved.code, 0, resolved.stderr);
    const head = await ddesk('--json', 'audit', 'head');
    assert.match(
      (JSON.parse(head.stdout) as { head: string }).head,
      /^\d+:[0-9a-f]{64}$/,
      '--json on audit head too',
    );
    const after = await ddesk('batch', 'show', batchId);
    assert.match(
      after.stdout,
      /hold resolved — investigation\.officer-caseload: .*resolved by officer at \d{4}-\d{2}-\d{2} [^:]+:\d{2}:[\d.]+: a task force: checked/,
    );
  });

  it('demo --dir refuses a folder it did not make, and leaves it as it was', async () => {
    const dir = tempDir('demo-dir');
    writeFileSync(path.join(dir, 'thesis.txt'), 'years of work');
    const run = await runCli(['demo', '--dir', dir, '--taxpayers', '200', '--requests', '50']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /demo --dir .* holds 1 file\(s\) the demo did not make \(such as thesis\.txt\)/);
    assert.equal(readFileSync(path.join(dir, 'thesis.txt'), 'utf8'), 'years of work');
  });
});
