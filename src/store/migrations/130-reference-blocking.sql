-- The reference side of blocking, built by the reference load once per loaded reference instead of
-- by every match (src/linkage/blocking-reference.ts): the reference's profiles as blocking sees them,
-- every profile's level-0 blocking keys, and how many taxpayers hold each key. The load replaces the
-- three tables whole (their columns follow the passes' definitions) and records in
-- reference_block_state what it built them from; a match whose reference or passes differ builds
-- them for itself. Empty until the next `reference load`.
CREATE TABLE reference_block_profiles (
  row_id BIGINT, taxpayer_no BIGINT, taxpayer_id VARCHAR,
  nm_first VARCHAR, nm_first_canon VARCHAR, nm_first_forms VARCHAR, nm_middle VARCHAR, nm_last1 VARCHAR, nm_last2 VARCHAR,
  nm_last_phon VARCHAR, nm_last2_phon VARCHAR, nm_first_phon VARCHAR, n_dob VARCHAR, n_tin VARCHAR,
  ad_number VARCHAR, ad_street VARCHAR, ad_unit VARCHAR, ad_postcode VARCHAR, ad_city VARCHAR, ad_state VARCHAR
);
CREATE TABLE reference_block_keys (key UBIGINT, pass INTEGER, taxpayer_no BIGINT, row_id BIGINT);
CREATE TABLE reference_block_key_counts (key UBIGINT, pass INTEGER, taxpayers BIGINT);
CREATE TABLE reference_block_state (digest VARCHAR NOT NULL, reference_rows BIGINT NOT NULL);
