-- Nicknames of several formal names (ALEX: ALEXANDER, ALEJANDRO…) are kept as a list of the formal
-- names the first given token may stand for (src/linkage/normalize/nicknames.ts), so that ALEX and
-- ALEJANDRO compare as "may be the same formal name". Rows stored before this migration keep NULL
-- there, which the comparison treats as no such evidence.
ALTER TABLE requests ADD COLUMN nm_first_forms VARCHAR;
ALTER TABLE reference_records ADD COLUMN nm_first_forms VARCHAR;
