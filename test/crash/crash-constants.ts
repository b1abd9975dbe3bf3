/** The batch and the fixed time of the crash-safety test's desk (test/crash-safety.e2e.test.ts). */
export const CRASH_BATCH = 'CRASH-1';
export const CRASH_TIME = '2026-01-15T12:00:00.000Z';
