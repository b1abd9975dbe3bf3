import cliProgress from 'cli-progress';

/** A progress bar on stderr for long work; silent when stderr is not a terminal (CI, pipes). */
export function progressBar(
  label: string,
  total: number,
): { update: (done: number) => void; stop: () => void } {
  if (!process.stderr.isTTY || total <= 0) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(12)} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
