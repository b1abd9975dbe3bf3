import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr for long work; silent when stderr is not a terminal (CI, pipes). With
 * no known total (a file streamed in), it counts rows instead of showing a bar.
 */
export function progressBar(
  label: string,
  total: number,
): { update: (done: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const known = total > 0;
  const bar = new cliProgress.SingleBar(
    {
      format: known
        ? `${label.padEnd(12)} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`
        : `${label.padEnd(12)} {value} rows | {duration_formatted}`,
      stream: process.stderr,
      formatValue: (value, _options, type) =>
        type === 'value' || type === 'total' ? value.toLocaleString('en-US') : String(value),
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(known ? total : 0, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
