import { DuckDbStore } from '../src/store/duckdb/duckdb-store.ts';

/**
 * Holds a desk database open, as a long command would, until stdin closes: the busy-database
 * test runs a second command meanwhile. Prints "holding" once the lock is held.
 */
const store = await DuckDbStore.open(process.argv[2] ?? '');
process.stdout.write('holding\n');
process.stdin.resume();
process.stdin.on('end', () => {
  store.close();
  process.exit(0);
});
