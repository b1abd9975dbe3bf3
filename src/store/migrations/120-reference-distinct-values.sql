-- The reference as distinct values (a taxpayer files the same name and address year after year):
-- each distinct name (first, middle, last) and each distinct address (line 1, line 2, city, state,
-- ZIP) is stored once, with its normalized form, and a taxpayer-year row keeps their ids. Loading
-- 10 million taxpayer-years then writes a few narrow columns per row instead of 38
-- (src/reference/normalize-distinct.ts). `reference_records` stays what every reader reads: a view
-- with the same columns, in the same order, and the same values as the table it replaces.
CREATE TABLE reference_names (
  name_id BIGINT NOT NULL,
  first_name VARCHAR, middle_name VARCHAR, last_name VARCHAR,
  nm_first VARCHAR, nm_first_canon VARCHAR, nm_middle VARCHAR, nm_last VARCHAR, nm_last1 VARCHAR, nm_last2 VARCHAR, nm_suffix VARCHAR, nm_last_phon VARCHAR, nm_first_phon VARCHAR, nm_last2_phon VARCHAR, nm_first_forms VARCHAR
);
CREATE TABLE reference_addresses (
  address_id BIGINT NOT NULL,
  address_line1 VARCHAR, address_line2 VARCHAR, city VARCHAR, state VARCHAR, zip VARCHAR,
  ad_number VARCHAR, ad_predir VARCHAR, ad_street VARCHAR, ad_suffix VARCHAR, ad_postdir VARCHAR, ad_unit VARCHAR, ad_pobox VARCHAR, ad_city VARCHAR, ad_state VARCHAR, ad_zip5 VARCHAR, ad_line VARCHAR, ad_postcode VARCHAR
);
CREATE TABLE reference_rows (
  taxpayer_id VARCHAR NOT NULL,
  tax_year INTEGER,
  dob VARCHAR, tin VARCHAR, tin_type VARCHAR,
  name_id BIGINT, address_id BIGINT,
  n_dob VARCHAR, n_tin VARCHAR
);

-- Rows stored before: one name (address) per distinct raw value, its normalized form taken from the
-- latest tax year that carried it (a value loaded twice by two versions of the normalizer keeps one).
INSERT INTO reference_names
SELECT row_number() OVER (ORDER BY first_name, middle_name, last_name), first_name, middle_name, last_name, nm_first, nm_first_canon, nm_middle, nm_last, nm_last1, nm_last2, nm_suffix, nm_last_phon, nm_first_phon, nm_last2_phon, nm_first_forms FROM (
  SELECT * FROM reference_records
  QUALIFY row_number() OVER (PARTITION BY first_name, middle_name, last_name ORDER BY tax_year DESC NULLS LAST, taxpayer_id) = 1);
INSERT INTO reference_addresses
SELECT row_number() OVER (ORDER BY address_line1, address_line2, city, state, zip), address_line1, address_line2, city, state, zip, ad_number, ad_predir, ad_street, ad_suffix, ad_postdir, ad_unit, ad_pobox, ad_city, ad_state, ad_zip5, ad_line, ad_postcode FROM (
  SELECT * FROM reference_records
  QUALIFY row_number() OVER (PARTITION BY address_line1, address_line2, city, state, zip ORDER BY tax_year DESC NULLS LAST, taxpayer_id) = 1);
INSERT INTO reference_rows
SELECT r.taxpayer_id, r.tax_year, r.dob, r.tin, r.tin_type, n.name_id, a.address_id, r.n_dob, r.n_tin
FROM reference_records r
LEFT JOIN reference_names n ON n.first_name IS NOT DISTINCT FROM r.first_name AND n.middle_name IS NOT DISTINCT FROM r.middle_name AND n.last_name IS NOT DISTINCT FROM r.last_name
LEFT JOIN reference_addresses a ON a.address_line1 IS NOT DISTINCT FROM r.address_line1 AND a.address_line2 IS NOT DISTINCT FROM r.address_line2 AND a.city IS NOT DISTINCT FROM r.city AND a.state IS NOT DISTINCT FROM r.state AND a.zip IS NOT DISTINCT FROM r.zip;

DROP TABLE reference_records;
CREATE VIEW reference_records AS
SELECT
  r.taxpayer_id,
  r.tax_year,
  n.first_name,
  n.middle_name,
  n.last_name,
  r.dob,
  a.address_line1,
  a.address_line2,
  a.city,
  a.state,
  a.zip,
  r.tin,
  r.tin_type,
  n.nm_first,
  n.nm_first_canon,
  n.nm_middle,
  n.nm_last,
  n.nm_last1,
  n.nm_last2,
  n.nm_suffix,
  n.nm_last_phon,
  n.nm_first_phon,
  r.n_dob,
  r.n_tin,
  a.ad_number,
  a.ad_predir,
  a.ad_street,
  a.ad_suffix,
  a.ad_postdir,
  a.ad_unit,
  a.ad_pobox,
  a.ad_city,
  a.ad_state,
  a.ad_zip5,
  a.ad_line,
  n.nm_last2_phon,
  a.ad_postcode,
  n.nm_first_forms
FROM reference_rows r
LEFT JOIN reference_names n ON n.name_id = r.name_id
LEFT JOIN reference_addresses a ON a.address_id = r.address_id;
