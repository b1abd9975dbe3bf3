import cliProgress from 'cli-progress';

export interface Progress {
  update: (done: number) => void;
  stop: () => void;
}

/** Seconds between two plain progress lines when stderr is not a terminal (env DDESK_PROGRESS_SECONDS). */
const PLAIN_INTERVAL_SECONDS = Number(process.env['DDESK_PROGRESS_SECONDS'] ?? 10);

let quiet = false;

/** `--quiet`: no progress on stderr at all, neither bars nor plain lines. */
export function setProgressQuiet(value: boolean): void {
  quiet = value;
}

/** Whether `--quiet` is set: a command's own progress lines honour it as the bars do. */
export function progressQuiet(): boolean {
  return quiet;
}

/**
 * Progress of long work on stderr: a bar with rows per second and time left on a terminal; plain
 * lines every few seconds otherwise (CI, pipes, logs), so that a long load or screening shows it
 * is moving; nothing with --quiet. With no known total (a file streamed in), it counts rows.
 */
export function progressBar(
  label: string,
  total: number,
  options: { terminal?: boolean; write?: (line: string) => void; now?: () => number } = {},
): Progress {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  if (!(options.terminal ?? process.stderr.isTTY))
    return plainProgress(label, total, {
      write: options.write ?? ((line) => process.stderr.write(line)),
      now: options.now ?? (() => performance.now()),
      intervalMs: PLAIN_INTERVAL_SECONDS * 1000,
    });
  const known = total > 0;
  const bar = new cliProgress.SingleBar(
    {
      format: known
        ? `${label.padEnd(12)} [{bar}] {percentage}% | {value}/{total} | {rate}/s | {eta_formatted} left`
        : `${label.padEnd(12)} {value} rows | {rate}/s | {duration_formatted}`,
      stream: process.stderr,
      formatValue: (value, _options, type) =>
        type === 'value' || type === 'total' ? value.toLocaleString('en-US') : String(value),
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const rate = (done: number) => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? Math.round(done / seconds).toLocaleString('en-US') : '0';
  };
  bar.start(known ? total : 0, 0, { rate: '0' });
  return { update: (done) => bar.update(done, { rate: rate(done) }), stop: () => bar.stop() };
}

/**
 * One line per interval: `label: done / total (p%), n/s, about m:ss left`; a last line when the
 * work ends if any line was printed, so that a log shows where it finished.
 */
function plainProgress(
  label: string,
  total: number,
  clock: { write: (line: string) => void; now: () => number; intervalMs: number },
): Progress {
  const started = clock.now();
  let last = started;
  let printed = false;
  let latest = 0;
  const line = (done: number, final: boolean) => {
    const seconds = (clock.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const count = done.toLocaleString('en-US');
    const of =
      total > 0
        ? `${count} / ${total.toLocaleString('en-US')} (${Math.floor((100 * done) / total)}%)`
        : `${count} rows`;
    const left = !final && total > 0 && rate > 0 ? `, about ${duration((total - done) / rate)} left` : '';
    const elapsed = final ? `, done in ${duration(seconds)}` : '';
    clock.write(`${label}: ${of}, ${Math.round(rate).toLocaleString('en-US')}/s${left}${elapsed}\n`);
  };
  return {
    update: (done) => {
      latest = done;
      const now = clock.now();
      if (now - last < clock.intervalMs) return;
      last = now;
      printed = true;
      line(done, false);
    },
    stop: () => {
      if (printed) line(latest, true);
    },
  };
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * For long work that reports no counts (matching: a few large SQL statements): off a terminal, a
 * plain line every interval with the time spent and the last step finished; nothing on a terminal
 * (the steps print as they end) or with --quiet.
 */
export function progressHeartbeat(
  label: string,
  options: { terminal?: boolean; write?: (line: string) => void; intervalMs?: number } = {},
): { stepDone: (step: string) => void; stop: () => void } {
  if (quiet || (options.terminal ?? process.stderr.isTTY))
    return { stepDone: () => undefined, stop: () => undefined };
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const started = performance.now();
  let lastStep = '';
  const timer = setInterval(
    () => {
      const spent = duration((performance.now() - started) / 1000);
      write(`${label}: ${spent} so far${lastStep ? `; last step done: ${lastStep}` : ''}\n`);
    },
    options.intervalMs ?? PLAIN_INTERVAL_SECONDS * 1000,
  );
  timer.unref();
  return { stepDone: (step) => (lastStep = step), stop: () => clearInterval(timer) };
}
