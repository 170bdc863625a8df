-- Schema 8: interaction ids already taken, in the database rather than process memory, so an interaction that
-- reaches two processes sharing this file (or one process twice) is handled once. A row is a receipt valid until
-- expires_at (UTC milliseconds); an expired row counts as absent and is swept in small batches.
-- The id is the snowflake's 64 bits read as a signed integer (only equality matters), so it is the rowid itself.
CREATE TABLE interaction_receipts (
    id         INTEGER NOT NULL PRIMARY KEY,
    expires_at INTEGER NOT NULL
);

CREATE INDEX ix_interaction_receipts_expiry ON interaction_receipts (expires_at);
