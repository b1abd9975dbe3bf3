-- PostgreSQL: the people and accounts table group (DuckDB: 070-people.sql, 100-service-accounts.sql).
CREATE TABLE desk_settings (
  name VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL,
  set_by VARCHAR NOT NULL,
  set_at TIMESTAMP NOT NULL
);

CREATE TABLE desk_roles (
  account VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  granted_by VARCHAR NOT NULL,
  granted_at TIMESTAMP NOT NULL,
  PRIMARY KEY (account, role)
);

CREATE TABLE accounts (
  account VARCHAR PRIMARY KEY,
  kind VARCHAR NOT NULL,
  agency VARCHAR,
  password_hash VARCHAR,
  failed_sign_ins INTEGER NOT NULL,
  locked_until TIMESTAMP,
  disabled_at TIMESTAMP,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);

CREATE TABLE account_sessions (
  session_sha256 VARCHAR PRIMARY KEY,
  account VARCHAR NOT NULL,
  csrf_token VARCHAR NOT NULL,
  client VARCHAR,
  started_at TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP
);

CREATE TABLE api_tokens (
  token_id VARCHAR PRIMARY KEY,
  account VARCHAR NOT NULL,
  secret_sha256 VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);
