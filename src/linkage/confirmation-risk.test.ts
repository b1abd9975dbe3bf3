import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuckDbStore } from '../store/duckdb/duckdb-store.ts';
import { confirmationRisk, describeConfirmationRisk } from './confirmation-risk.ts';

describe('confirmation risk', () => {
  it('sums 1 − p over the confirmations and counts those without a probability apart', async () => {
    const store = await DuckDbStore.open(':memory:');
    try {
      const decide = (id: string, outcome: string, p: number | null) =>
        store.run(
          `INSERT INTO decisions (batch_id, request_id, outcome, reason, taxpayer_id, match_probability, decided_by, decided_at)
           VALUES ('B', $1, $2, 'test', 'T', $3, 'test', TIMESTAMP '2026-01-01')`,
          [id, outcome, p],
        );
      await decide('a', 'CONFIRMED', 0.999);
      await decide('b', 'CONFIRMED', 0.99);
      await decide('c', 'NOT_CONFIRMED', 0.5);
      await decide('d', 'CONFIRMED', null);
      const risk = await confirmationRisk(store, 'B');
      assert.equal(risk.confirmations, 3);
      assert.equal(risk.withoutProbability, 1);
      assert.ok(Math.abs(risk.expectedWrongConfirmations - 0.011) < 1e-9);
      assert.match(
        describeConfirmationRisk(risk),
        /0\.011 .*over 2 confirmation.*1 confirmation\(s\) carry no/,
      );
      const links = await confirmationRisk(store, 'B', ['CONFIRMED', 'NOT_CONFIRMED']);
      assert.ok(Math.abs(links.expectedWrongConfirmations - 0.511) < 1e-9);
      assert.equal((await confirmationRisk(store, 'other')).confirmations, 0);
    } finally {
      store.close();
    }
  });
});
