-- Match jobs of the HTTP service (src/service/jobs/match-jobs.ts), so that a job's state outlives the
-- process that ran it: a job the service was running when it stopped is reported failed on the next
-- start instead of vanishing. (PostgreSQL: postgres/migrations/105-match-jobs.sql.)
CREATE TABLE match_jobs (
  job_id VARCHAR PRIMARY KEY,
  batch_id VARCHAR NOT NULL,
  matcher VARCHAR NOT NULL,
  requested_by VARCHAR NOT NULL,
  state VARCHAR NOT NULL,
  queued_at VARCHAR NOT NULL,
  started_at VARCHAR,
  finished_at VARCHAR,
  steps_json VARCHAR NOT NULL,
  outcomes_json VARCHAR,
  confirmations INTEGER,
  expected_wrong_confirmations DOUBLE,
  error_code VARCHAR,
  error_message VARCHAR
);
