-- The probabilistic linkage (issue 5): two more normalized columns on both sides, the candidate
-- pairs kept after matching (for explanations and the benchmark's blocking report), and the
-- parameters each matching run trained.

-- ALTER appends at the end, matching the order of NORMALIZED_COLUMNS.
ALTER TABLE requests ADD COLUMN nm_last2_phon VARCHAR;
ALTER TABLE requests ADD COLUMN ad_postcode VARCHAR;
ALTER TABLE reference_records ADD COLUMN nm_last2_phon VARCHAR;
ALTER TABLE reference_records ADD COLUMN ad_postcode VARCHAR;

-- One row per (request, taxpayer) pair that some blocking pass proposed. Levels are the best over
-- the taxpayer's reference rows (0 = a side is missing, 1 = disagree, higher = closer agreement);
-- weights are log2 Bayes factors; aor_level is the address comparison with the address of record.
CREATE TABLE match_candidates (
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  taxpayer_id VARCHAR NOT NULL,
  passes VARCHAR[] NOT NULL,
  lv_first_name TINYINT, lv_middle_name TINYINT, lv_last_name TINYINT, lv_suffix TINYINT,
  lv_dob TINYINT, lv_tin TINYINT, lv_address TINYINT, lv_city TINYINT,
  w_first_name DOUBLE, w_middle_name DOUBLE, w_last_name DOUBLE, w_suffix DOUBLE,
  w_dob DOUBLE, w_tin DOUBLE, w_address DOUBLE, w_city DOUBLE,
  match_weight DOUBLE,
  match_probability DOUBLE,
  candidate_rank INTEGER,
  aor_level TINYINT,
  aor_tax_year INTEGER
  -- No PRIMARY KEY: the matcher writes each (batch, request, taxpayer) once, and an index on
  -- millions of rows made re-matching a batch (delete, then insert) several times slower.
);

-- The model each run trained: m, u, λ, prior and EM iterations as JSON, so a decision can be replayed.
CREATE TABLE linkage_runs (
  run_id VARCHAR PRIMARY KEY,
  batch_id VARCHAR NOT NULL,
  matcher VARCHAR NOT NULL,
  run_at TIMESTAMP NOT NULL,
  parameters_json VARCHAR NOT NULL
);
