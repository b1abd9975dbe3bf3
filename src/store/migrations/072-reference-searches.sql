-- A reviewer's look into the taxpayer reference beyond the matcher's candidates (src/review/):
-- every search is kept with who made it, for which request, what it asked and what it found, and is
-- audited; a reviewer may decide a request only for a candidate or a taxpayer one of its searches found.
CREATE TABLE reference_searches (
  search_id VARCHAR PRIMARY KEY,
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  reviewer VARCHAR NOT NULL,
  -- the criteria as JSON (names, ZIP, DOB, TIN last four): personal data, so here and not in the log
  criteria VARCHAR NOT NULL,
  searched_at TIMESTAMP NOT NULL
);

CREATE TABLE reference_search_results (
  search_id VARCHAR NOT NULL,
  taxpayer_id VARCHAR NOT NULL,
  PRIMARY KEY (search_id, taxpayer_id)
);
