-- The application's least-privilege role in a schema the owner migrated (run by the owner, with
-- {{schema}} and {{app_role}} filled in: grantApplicationRole does). It reads and writes the desk's
-- tables, may only append to the audit trail, and owns nothing, so it cannot drop or alter a table
-- or disable a trigger.
GRANT USAGE ON SCHEMA {{schema}} TO {{app_role}};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {{schema}} TO {{app_role}};
REVOKE UPDATE, DELETE, TRUNCATE ON {{schema}}.audit_log, {{schema}}.audit_coverage, {{schema}}.audit_checkpoints, {{schema}}.ledger FROM {{app_role}};
