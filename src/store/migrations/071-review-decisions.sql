-- Every decision a reviewer made (src/review/): each revision of a request's review is a row, none
-- is ever overwritten, so the batch's reviewers are known for the two-person rule even when a
-- later revision replaced their verdict. `decisions` holds the verdict in force.
CREATE TABLE review_decisions (
  batch_id VARCHAR NOT NULL,
  request_id VARCHAR NOT NULL,
  revision INTEGER NOT NULL,
  -- 'decide' (a verdict), or 'second-review' (a second reviewer concurring with a confirmation)
  step VARCHAR NOT NULL,
  outcome VARCHAR NOT NULL,
  taxpayer_id VARCHAR,
  -- 'candidate' (the matcher's candidate) or 'search:<search id>' (an audited reference search)
  found_by VARCHAR,
  note VARCHAR NOT NULL,
  reviewer VARCHAR NOT NULL,
  decided_at TIMESTAMP NOT NULL,
  PRIMARY KEY (batch_id, request_id, revision)
);
