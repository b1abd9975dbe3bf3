import type { Command } from 'commander';

export function registerExplainCommand(program: Command): void {
  void program;
}
