/** One place that prints results: a table or lines for people, one JSON document for machines. */
export interface OutputOptions {
  json?: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(
    `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`,
  );
}

export function printTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const keys = columns ?? Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => keys.map((key) => formatCell(row[key])));
  const widths = keys.map((key, i) => Math.max(key.length, ...cells.map((line) => (line[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (isNumeric(value) ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join('  ');
  process.stdout.write(`${line(keys)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const values of cells) process.stdout.write(`${line(values).trimEnd()}\n`);
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(4);
  if (typeof value === 'bigint') return value.toLocaleString('en-US');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function isNumeric(value: string): boolean {
  return /^-?[\d,.]+$/.test(value);
}

/** Human messages go to stderr so that stdout stays clean for --json and pipes. */
export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * `ddesk … | head` closes stdout before the command is done. The rest of the output has no
 * reader; the command still finishes its work (and closes the database) and ends quietly,
 * instead of dying on an unhandled EPIPE.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return;
      throw error;
    });
}

/**
 * A line of a report for people — a heading, a summary, a finding — printed with its tables on
 * stdout, so that `ddesk … > report.txt` or `| less` keeps them together (say() is for messages
 * about the work, which go to stderr).
 */
export function heading(line: string): void {
  process.stdout.write(`${line}\n`);
}
