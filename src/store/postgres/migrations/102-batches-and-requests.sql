-- PostgreSQL: the batches table group (DuckDB: 001-pipeline.sql, 002-batch-signer.sql,
-- 010-linkage.sql, 020-policy-batch-findings.sql, 030-given-name-forms.sql). Same columns in the same
-- order: rows are appended positionally, and src/store/store-suite.test.ts compares both schemas.
CREATE TABLE batches (
  batch_id VARCHAR PRIMARY KEY,
  program_id VARCHAR NOT NULL,
  program_version VARCHAR NOT NULL,
  requesting_agency VARCHAR NOT NULL,
  requesting_official VARCHAR NOT NULL,
  statutory_authority VARCHAR,
  attestation VARCHAR,
  record_count INTEGER NOT NULL,
  records_sha256 VARCHAR NOT NULL,
  manifest_json VARCHAR NOT NULL,
  stage VARCHAR NOT NULL,
  received_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  signer_subject VARCHAR,
  signer_serial VARCHAR,
  signer_title VARCHAR,
  signer_fingerprint VARCHAR,
  manifest_jws VARCHAR
);
-- Intake looks a records file up by its SHA-256 (the same requests are answered once).
CREATE INDEX batches_records_sha256 ON batches (records_sha256);

CREATE TABLE requests (
  batch_id VARCHAR NOT NULL,
  row_number INTEGER NOT NULL,
  request_id VARCHAR NOT NULL,
  first_name VARCHAR, middle_name VARCHAR, last_name VARCHAR, dob VARCHAR,
  address_line1 VARCHAR, address_line2 VARCHAR, city VARCHAR, state VARCHAR, zip VARCHAR,
  tin VARCHAR, removal_order_date VARCHAR, statutory_authority VARCHAR, investigation_id VARCHAR,
  investigating_officer VARCHAR, taxable_periods VARCHAR, reason VARCHAR,
  nm_first VARCHAR, nm_first_canon VARCHAR, nm_middle VARCHAR, nm_last VARCHAR, nm_last1 VARCHAR,
  nm_last2 VARCHAR, nm_suffix VARCHAR, nm_last_phon VARCHAR, nm_first_phon VARCHAR, n_dob VARCHAR,
  n_tin VARCHAR, ad_number VARCHAR, ad_predir VARCHAR, ad_street VARCHAR, ad_suffix VARCHAR,
  ad_postdir VARCHAR, ad_unit VARCHAR, ad_pobox VARCHAR, ad_city VARCHAR, ad_state VARCHAR,
  ad_zip5 VARCHAR, ad_line VARCHAR,
  nm_last2_phon VARCHAR, ad_postcode VARCHAR, nm_first_forms VARCHAR
);
CREATE INDEX requests_batch ON requests (batch_id, row_number);
CREATE INDEX requests_tin ON requests (n_tin);

CREATE TABLE screening_failures (
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  rule_id VARCHAR NOT NULL,
  rule_rank INTEGER NOT NULL,
  citation VARCHAR NOT NULL,
  message VARCHAR NOT NULL
);
CREATE INDEX screening_failures_batch ON screening_failures (batch_id);

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
