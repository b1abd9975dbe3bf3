import type { Command } from 'commander';

export function registerSynthCommand(program: Command): void {
  void program;
}
