-- Batch-level screening findings (src/policy/batch-rules.ts): a batch refused whole (e.g. larger
-- than the program allows) or held for a disclosure officer (e.g. one investigating officer named
-- on more records than anyone could be personally and directly engaged in, § 6103(i)(2)(A)).
-- A hold stays until a disclosure officer resolves it; release must not proceed while one is open.
CREATE TABLE batch_findings (
  batch_id VARCHAR NOT NULL,
  rule_id VARCHAR NOT NULL,
  citation VARCHAR NOT NULL,
  effect VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  found_at TIMESTAMP NOT NULL,
  resolved_by VARCHAR,
  resolved_at TIMESTAMP,
  resolution VARCHAR
);
