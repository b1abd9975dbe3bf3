/**
 * Loaded with `node --import` into each process the scale benchmark times: on exit it writes the
 * process's own peak resident memory (DuckDB's native memory included: it lives in the process)
 * and CPU seconds to $DDESK_SCALE_USAGE_FILE, which Node cannot report for a child.
 */
import { writeFileSync } from 'node:fs';

const file = process.env['DDESK_SCALE_USAGE_FILE'];
if (file)
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      }),
    );
  });
