-- PostgreSQL: the people and accounts table group. Both databases define these tables alike, so
-- they are written once, in the embedded desk's migrations, and included from there (`\ir` is
-- psql's include, relative to this file; PostgresStore expands it the same way).
\ir ../../migrations/070-people.sql
\ir ../../migrations/100-service-accounts.sql
