import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { HashedKeyTable } from './hashed-key-table.ts';

describe('HashedKeyTable', () => {
  it('behaves like a Map of first values and counts, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (keys) => {
        const table = new HashedKeyTable(16);
        const counts = new HashedKeyTable(16);
        const first = new Map<string, number>();
        const tally = new Map<string, number>();
        for (const [i, key] of keys.entries()) {
          assert.equal(table.putIfAbsent(key, i), first.get(key));
          if (!first.has(key)) first.set(key, i);
          tally.set(key, (tally.get(key) ?? 0) + 1);
          assert.equal(counts.increment(key), tally.get(key));
        }
        assert.equal(table.size, first.size);
        for (const [key, value] of first) assert.equal(table.get(key), value);
      }),
    );
  });
});
