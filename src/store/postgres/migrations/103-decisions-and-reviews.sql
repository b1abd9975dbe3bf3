-- PostgreSQL: the decisions and reviews table group (DuckDB: 001-pipeline.sql, 071-review-decisions.sql,
-- 072-reference-searches.sql).
CREATE TABLE decisions (
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  outcome VARCHAR NOT NULL,
  rule_id VARCHAR,
  reason VARCHAR NOT NULL,
  taxpayer_id VARCHAR,
  match_probability DOUBLE PRECISION,
  explanation VARCHAR,
  decided_by VARCHAR NOT NULL,
  decided_at TIMESTAMP NOT NULL,
  PRIMARY KEY (batch_id, request_id)
);
CREATE INDEX decisions_taxpayer ON decisions (taxpayer_id);

CREATE TABLE review_decisions (
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  revision INTEGER NOT NULL,
  step VARCHAR NOT NULL,
  outcome VARCHAR NOT NULL,
  taxpayer_id VARCHAR,
  found_by VARCHAR,
  note VARCHAR NOT NULL,
  reviewer VARCHAR NOT NULL,
  decided_at TIMESTAMP NOT NULL,
  PRIMARY KEY (batch_id, request_id, revision)
);

CREATE TABLE reference_searches (
  search_id VARCHAR PRIMARY KEY,
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  reviewer VARCHAR NOT NULL,
  criteria VARCHAR NOT NULL,
  searched_at TIMESTAMP NOT NULL
);

CREATE TABLE reference_search_results (
  search_id VARCHAR NOT NULL,
  taxpayer_id VARCHAR NOT NULL,
  PRIMARY KEY (search_id, taxpayer_id)
);
