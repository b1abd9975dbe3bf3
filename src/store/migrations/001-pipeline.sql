-- The pipeline's state (design.md): batches and their stage, request records (raw + normalized),
-- screening results, decisions, the § 6103(p)(3) ledger and the hash-chained audit log.

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
  updated_at TIMESTAMP NOT NULL
);

-- One row per request record: the raw fields as received, then their normalized form.
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
  ad_zip5 VARCHAR, ad_line VARCHAR
);

-- One row per taxpayer per tax year, raw then normalized (same normalized columns as requests).
CREATE TABLE reference_records (
  taxpayer_id VARCHAR NOT NULL,
  tax_year INTEGER,
  first_name VARCHAR, middle_name VARCHAR, last_name VARCHAR, dob VARCHAR,
  address_line1 VARCHAR, address_line2 VARCHAR, city VARCHAR, state VARCHAR, zip VARCHAR,
  tin VARCHAR, tin_type VARCHAR,
  nm_first VARCHAR, nm_first_canon VARCHAR, nm_middle VARCHAR, nm_last VARCHAR, nm_last1 VARCHAR,
  nm_last2 VARCHAR, nm_suffix VARCHAR, nm_last_phon VARCHAR, nm_first_phon VARCHAR, n_dob VARCHAR,
  n_tin VARCHAR, ad_number VARCHAR, ad_predir VARCHAR, ad_street VARCHAR, ad_suffix VARCHAR,
  ad_postdir VARCHAR, ad_unit VARCHAR, ad_pobox VARCHAR, ad_city VARCHAR, ad_state VARCHAR,
  ad_zip5 VARCHAR, ad_line VARCHAR
);

-- Screening: one row per rule a request failed (none = passed).
CREATE TABLE screening_failures (
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  rule_id VARCHAR NOT NULL,
  -- position of the rule in the program's list: the lowest is the one the outcome cites
  rule_rank INTEGER NOT NULL,
  citation VARCHAR NOT NULL,
  message VARCHAR NOT NULL
);

-- The outcome of each request: exactly one row per request once the batch is matched.
CREATE TABLE decisions (
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  outcome VARCHAR NOT NULL,
  rule_id VARCHAR,
  reason VARCHAR NOT NULL,
  taxpayer_id VARCHAR,
  match_probability DOUBLE,
  explanation VARCHAR,
  decided_by VARCHAR NOT NULL,
  decided_at TIMESTAMP NOT NULL,
  PRIMARY KEY (batch_id, request_id)
);

-- § 6103(p)(3) accounting: one row per disclosure of return information about a taxpayer.
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

-- Append-only audit trail; each row's hash covers its content and the previous row's hash.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  occurred_at VARCHAR NOT NULL,
  actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  batch_id VARCHAR,
  outcome VARCHAR NOT NULL,
  detail VARCHAR NOT NULL,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL
);

-- The last known address: each taxpayer's row with the latest tax year (design.md § 3).
CREATE VIEW address_of_record AS
SELECT * EXCLUDE (rn) FROM (
  SELECT *, row_number() OVER (PARTITION BY taxpayer_id ORDER BY tax_year DESC NULLS LAST) AS rn
  FROM reference_records
) WHERE rn = 1;
