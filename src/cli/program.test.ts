import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { buildProgram, COMMANDS, invokedCommand } from './program.ts';

describe('the ddesk program, each command loaded when it runs', () => {
  it('gives the same program help with only the names of the commands as with every command loaded', async () => {
    const lazy = await buildProgram(['--help']);
    const full = await buildProgram(['--help'], { everything: true });
    assert.equal(lazy.helpInformation(), full.helpInformation());
    assert.deepEqual(
      lazy.commands.map((command) => command.name()),
      full.commands.map((command) => command.name()),
    );
  });

  it('registers in full the command the arguments run, with the help that command gives when all are loaded', async () => {
    const full = await buildProgram([], { everything: true });
    for (const { name } of COMMANDS) {
      const program = await buildProgram(['--db', 'x.duckdb', name, '--help']);
      const command = program.commands.find((c) => c.name() === name);
      const loaded = full.commands.find((c) => c.name() === name);
      assert.ok(command && loaded, name);
      assert.equal(command.helpInformation(), loaded.helpInformation(), name);
      assert.deepEqual(
        command.commands.map((c) => c.name()),
        loaded.commands.map((c) => c.name()),
      );
      // Every other command is its name only.
      for (const other of program.commands)
        if (other.name() !== name && other.name() !== 'help') assert.equal(other.commands.length, 0);
    }
  });

  it('each entry loads the module that registers exactly its command', async () => {
    for (const { name, load } of COMMANDS) {
      const program = new Command('ddesk');
      (await load())(program);
      assert.deepEqual(
        program.commands.map((c) => c.name()),
        [name],
      );
    }
  });

  it('finds the command where commander dispatches: after the program options and their values', () => {
    assert.equal(invokedCommand(['batch', 'match', 'B1']), 'batch');
    assert.equal(invokedCommand(['--db', 'batch', 'reference', 'load', 'f.csv']), 'reference');
    assert.equal(invokedCommand(['--db=x.duckdb', '--json', '--quiet', 'audit', 'verify']), 'audit');
    assert.equal(invokedCommand(['--memory-limit', '4GB', '--actor', 'ann', 'review', 'queue']), 'review');
    assert.equal(invokedCommand(['batch', '--db', 'x']), 'batch');
    assert.equal(invokedCommand(['help', 'batch', 'submit']), 'help');
    // No command: the program's help, its version, a usage error.
    assert.equal(invokedCommand([]), undefined);
    assert.equal(invokedCommand(['--help']), undefined);
    assert.equal(invokedCommand(['--help', 'batch']), undefined);
    assert.equal(invokedCommand(['--version']), undefined);
    assert.equal(invokedCommand(['--db']), undefined);
    assert.equal(invokedCommand(['--bogus', 'batch']), undefined);
  });

  it('loads every command for "help <command>…", which walks them', async () => {
    const program = await buildProgram(['help', 'batch', 'submit']);
    const batch = program.commands.find((c) => c.name() === 'batch');
    assert.ok(batch?.commands.some((c) => c.name() === 'submit'));
    assert.ok(program.commands.find((c) => c.name() === 'audit')?.commands.length);
  });
});
