-- Accounts of the HTTP service (src/service/accounts/). What an account may do stays in
-- desk_roles (src/people/); these tables say how it proves who it is.

-- A person signs in with a password (scrypt: `scrypt$N$r$p$salt$key`, base64); a client (an
-- agency's system) has no password and acts through API tokens. Repeated failures lock it a while.
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

-- A signed-in session: the cookie holds a random id; only its SHA-256 is stored. The CSRF token
-- travels in a header with every change; a session idle past the service's timeout is over.
CREATE TABLE account_sessions (
  session_sha256 VARCHAR PRIMARY KEY,
  account VARCHAR NOT NULL,
  csrf_token VARCHAR NOT NULL,
  client VARCHAR,
  started_at TIMESTAMP NOT NULL,
  last_seen_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP
);

-- API tokens (`ddesk_<id>_<secret>`): 256 random bits, of which only the SHA-256 is stored.
CREATE TABLE api_tokens (
  token_id VARCHAR PRIMARY KEY,
  account VARCHAR NOT NULL,
  secret_sha256 VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);
