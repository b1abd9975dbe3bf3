-- People and duties (design.md "People and duties"; src/people/). Every action is taken by an
-- account with roles; the desk's own settings say whether --actor may name people (demo and test
-- desks only, decided once when the desk is created).
CREATE TABLE desk_settings (
  name VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL,
  set_by VARCHAR NOT NULL,
  set_at TIMESTAMP NOT NULL
);

-- Who holds which role. Granted and revoked by an admin, each change audited; the account that
-- creates the desk is its first admin.
CREATE TABLE desk_roles (
  account VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  granted_by VARCHAR NOT NULL,
  granted_at TIMESTAMP NOT NULL,
  PRIMARY KEY (account, role)
);
