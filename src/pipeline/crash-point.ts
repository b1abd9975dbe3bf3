/**
 * A kill switch for the crash-safety test (issue 11: the process is killed at random points and
 * must resume without losing or repeating anything). With `DDESK_CRASH_AT=N` the process kills
 * itself with SIGKILL — no handler, no flush, as a power cut would — at the N-th crash point it
 * passes: every statement the store runs, and the steps of writing a response between them.
 * Unset (always, outside that test), a crash point is a comparison and nothing else.
 */
const crashAt = Number(process.env['DDESK_CRASH_AT'] ?? 0);
let passed = 0;

export function crashPoint(): void {
  passed++;
  if (crashAt > 0 && passed === crashAt) process.kill(process.pid, 'SIGKILL');
}

/** How many crash points this process passed (the test draws its kill points from this range). */
export function crashPointsPassed(): number {
  return passed;
}
