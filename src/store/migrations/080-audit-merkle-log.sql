-- The audit log as a Merkle log with Publication 1075 fields (issue 11). Rows written before this
-- migration keep hash_version 1 (SHA-256 of their columns, chained); new rows are version 2: their
-- hash is the RFC 6962 leaf hash of their columns, and the log's root covers every row in order.
ALTER TABLE audit_log ADD COLUMN hash_version INTEGER DEFAULT 1;
-- Publication 1075 § 9.3.1: where the event came from and what it was about, in plain words.
ALTER TABLE audit_log ADD COLUMN object VARCHAR;
ALTER TABLE audit_log ADD COLUMN description VARCHAR;
ALTER TABLE audit_log ADD COLUMN host VARCHAR;
ALTER TABLE audit_log ADD COLUMN process_id BIGINT;
ALTER TABLE audit_log ADD COLUMN interface VARCHAR;
-- SHA-256 of the event's rows in audit_coverage (NULL: the event wrote no covered rows).
ALTER TABLE audit_log ADD COLUMN coverage_sha256 VARCHAR;

-- What the rows an event wrote hash to, per table, batch and bucket (the first two hex digits of
-- MD5 of the row key, so that one review decision rehashes 1/256 of a batch, not all of it). The
-- latest row per (table, batch, bucket) must match the table as it stands; `audit verify` names
-- the event whose rows no longer do.
CREATE TABLE audit_coverage (
  seq BIGINT NOT NULL,
  table_name VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL,
  bucket VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  rows_sha256 VARCHAR NOT NULL
);

-- Signed checkpoints (tree size + root hash, as a signed note) the desk wrote; auditors collect
-- them (`ddesk audit checkpoint export`) and keep them elsewhere.
CREATE TABLE audit_checkpoints (
  tree_size BIGINT NOT NULL,
  root_hash VARCHAR NOT NULL,
  signed_at VARCHAR NOT NULL,
  key_name VARCHAR NOT NULL,
  note VARCHAR NOT NULL
);
