-- PostgreSQL: the audit table group (DuckDB: 001-pipeline.sql, 080-audit-merkle-log.sql), append-only.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  occurred_at VARCHAR NOT NULL,
  actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  batch_id VARCHAR,
  outcome VARCHAR NOT NULL,
  detail VARCHAR NOT NULL,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL,
  hash_version INTEGER DEFAULT 1,
  object VARCHAR,
  description VARCHAR,
  host VARCHAR,
  process_id BIGINT,
  interface VARCHAR,
  coverage_sha256 VARCHAR
);

CREATE TABLE audit_coverage (
  seq BIGINT NOT NULL,
  table_name VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL,
  bucket VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  rows_sha256 VARCHAR NOT NULL
);

CREATE TABLE audit_checkpoints (
  tree_size BIGINT NOT NULL,
  root_hash VARCHAR NOT NULL,
  signed_at VARCHAR NOT NULL,
  key_name VARCHAR NOT NULL,
  note VARCHAR NOT NULL
);

-- The audit trail is appended to, never changed: whoever connects (the application's role has no
-- UPDATE or DELETE on these tables; the owner is stopped by the trigger too).
CREATE FUNCTION audit_rows_are_permanent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_rows_are_permanent();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_are_permanent();
CREATE TRIGGER audit_coverage_append_only BEFORE UPDATE OR DELETE ON audit_coverage
  FOR EACH ROW EXECUTE FUNCTION audit_rows_are_permanent();
CREATE TRIGGER audit_coverage_no_truncate BEFORE TRUNCATE ON audit_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_are_permanent();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_rows_are_permanent();
