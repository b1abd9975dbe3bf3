-- PostgreSQL: the § 6103(p)(3) ledger (DuckDB: 001-pipeline.sql). Retention purges request data and
-- keeps the accounting: a ledger row, once written, is never changed or removed (the same trigger
-- as the audit trail's; the application's role has no UPDATE or DELETE on it either).
CREATE TABLE ledger (
  entry_id VARCHAR PRIMARY KEY,
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  taxpayer_id VARCHAR NOT NULL,
  tax_year INTEGER,
  requesting_agency VARCHAR NOT NULL,
  program_id VARCHAR NOT NULL,
  program_version VARCHAR NOT NULL,
  statutory_authority VARCHAR,
  purpose VARCHAR,
  recipient VARCHAR,
  fields_disclosed VARCHAR NOT NULL,
  disclosed_at TIMESTAMP NOT NULL,
  response_sha256 VARCHAR NOT NULL
);
CREATE INDEX ledger_taxpayer ON ledger (taxpayer_id);
CREATE INDEX ledger_batch ON ledger (batch_id);

CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger
  FOR EACH ROW EXECUTE FUNCTION audit_rows_are_permanent();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger
  FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_are_permanent();
