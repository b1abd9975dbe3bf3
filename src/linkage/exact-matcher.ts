import { EXACT_MATCH_SQL } from './exact-match-sql.ts';
import type { Matcher } from './matcher.ts';

export const exactMatcher: Matcher = {
  name: 'exact',
  async decide(store, { batchId, decidedAt, mode }) {
    await store.run(
      `INSERT INTO decisions (batch_id, request_id, outcome, rule_id, reason, taxpayer_id, match_probability, explanation, decided_by, decided_at)
       SELECT $1, request_id, outcome, rule_id, reason, taxpayer_id, NULL, NULL, 'matcher:exact', $3::TIMESTAMP
       FROM (${EXACT_MATCH_SQL})`,
      [batchId, mode === 'linkage', decidedAt],
    );
  },
};
